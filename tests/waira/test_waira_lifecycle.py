"""A WAIRA's lifecycle: draft -> shared -> consultation concluded -> completed, every transition
and every action in every state, through the services."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core import legal_time
from core.clock import uk_today
from core.models import Notification
from core.roles import Role
from core.selectors import timeline_for
from core.services import notification_url
from tests.waira_helpers import (
    answer_everything,
    assessable_system,
    at_noon,
    complete_waira,
    complete_waira_on,
    discuss_and_conclude,
    fellow_workers,
    share,
)
from waira import selectors, services
from waira.content import SECTIONS
from waira.models import AdverseAspect, Waira, WairaKind, WairaState, WairaUnionPosition

pytestmark = pytest.mark.django_db


@pytest.fixture
def system(commissioner, organisation):
    return assessable_system(commissioner, organisation, planned_start=datetime.date(2027, 6, 1))


@pytest.fixture
def consulted_worker(user_with_role):
    return user_with_role(Role.WORKER)


def waira_in(state: str, commissioner, system, worker) -> Waira:
    """A WAIRA brought, through the services, to `state`: answered, and once shared with a
    concern raised (left unanswered only when `state` is shared)."""
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    if state == WairaState.DRAFT:
        return Waira.objects.get(pk=waira.pk)
    share(commissioner, waira, [worker])
    concern = services.concern_raise(actor=worker, waira=waira, text="Breaks?", anonymous=False)
    if state == WairaState.SHARED:
        return Waira.objects.get(pk=waira.pk)
    services.concern_respond(actor=commissioner, concern=concern, response="Fixed breaks.")
    discuss_and_conclude(commissioner, waira)
    if state == WairaState.CONCLUDED:
        return Waira.objects.get(pk=waira.pk)
    return services.waira_complete(actor=commissioner, waira=waira)


# --- Transitions -----------------------------------------------------------------------------


def test_a_new_waira_is_an_initial_draft(commissioner, system):
    waira = services.waira_create(actor=commissioner, system=system)
    assert (waira.kind, waira.state, waira.version) == (WairaKind.INITIAL, WairaState.DRAFT, 1)


def test_sharing_an_incomplete_waira_is_refused_with_what_is_missing(commissioner, system):
    waira = services.waira_create(actor=commissioner, system=system)
    with pytest.raises(ValidationError) as refused:
        share(commissioner, waira)
    messages = " ".join(refused.value.messages)
    assert "s.14(3)(e)" in messages and "s.14(3)(l)" in messages
    assert "s.14(3)(a)" not in messages  # the system record already answers (a)-(d)
    assert Waira.objects.get(pk=waira.pk).state == WairaState.DRAFT


def test_a_section_marked_not_reasonably_practicable_needs_no_answer_but_a_reason(
    commissioner, system
):
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    services.waira_update(
        actor=commissioner,
        waira=waira,
        texts={"decision_logic": ""},
        statute_risks={},
        not_reasonably_practicable={"f": "   "},
    )
    waira.refresh_from_db()
    assert [gap.key for gap in selectors.waira_gaps(waira)] == ["f"]
    services.waira_update(
        actor=commissioner,
        waira=waira,
        texts={},
        statute_risks={},
        not_reasonably_practicable={"f": "The supplier's model is a trade secret."},
    )
    waira.refresh_from_db()
    assert selectors.waira_gaps(waira) == []


def test_sections_a_to_d_come_from_the_system_and_follow_it(commissioner, system):
    waira = services.waira_create(actor=commissioner, system=system)
    system.value_chain = ""
    system.save()
    waira.refresh_from_db()
    assert "b" in [gap.key for gap in selectors.waira_gaps(waira)]
    assert selectors.current_content(waira)["answers"]["c"] == "2027-06-01"


def test_sharing_opens_the_consultation_and_keeps_the_version_shared(
    commissioner, system, consulted_worker
):
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    waira = share(commissioner, waira, [consulted_worker])
    assert waira.state == WairaState.SHARED
    shared = selectors.latest_shared_snapshot(waira)
    assert shared is not None
    services.waira_update(
        actor=commissioner,
        waira=waira,
        texts={"purpose": "A new purpose."},
        statute_risks={},
        not_reasonably_practicable={},
    )
    assert shared.content["answers"]["e.purpose"] != "A new purpose."
    latest = selectors.latest_shared_snapshot(waira)
    assert latest is not None and latest.pk == shared.pk


def test_sharing_again_shares_the_new_version(commissioner, system, consulted_worker):
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira, [consulted_worker])
    services.waira_update(
        actor=commissioner,
        waira=waira,
        texts={"purpose": "A clearer purpose."},
        statute_risks={},
        not_reasonably_practicable={},
    )
    share(commissioner, waira, [consulted_worker])
    latest = selectors.latest_shared_snapshot(waira)
    assert latest is not None
    assert latest.number == 2
    assert latest.content["answers"]["e.purpose"] == "A clearer purpose."
    assert waira.consultees.count() == 1


def test_only_workers_of_the_organisation_can_be_consulted(
    commissioner, system, user_with_role, other_organisation
):
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    outsider = user_with_role(Role.WORKER, organisation=other_organisation)
    manager = user_with_role(Role.PROCUREMENT_OFFICER)
    for person in (outsider, manager):
        with pytest.raises(ValidationError):
            share(commissioner, waira, [person])


def test_the_consultation_cannot_conclude_until_each_step_is_done(
    commissioner, system, consulted_worker
):
    waira = waira_in(WairaState.SHARED, commissioner, system, consulted_worker)
    early = "The union agreed to conclude early."
    with pytest.raises(ValidationError) as refused:
        services.waira_conclude(actor=commissioner, waira=waira, short_listening_reason=early)
    assert len(refused.value.messages) == 2  # the concern unanswered; no adverse aspect
    concern = waira.concerns.get()
    services.concern_respond(actor=commissioner, concern=concern, response="Breaks are fixed.")
    waira = services.waira_conclude(
        actor=commissioner,
        waira=waira,
        no_adverse_aspects_reason="None identified by anyone.",
        short_listening_reason=early,
    )
    assert waira.state == WairaState.CONCLUDED


def test_the_consultation_concludes_on_the_date_of_its_last_step(
    commissioner, system, consulted_worker
):
    with time_machine.travel(at_noon(datetime.date(2026, 3, 2)), tick=False):
        waira = services.waira_create(actor=commissioner, system=system)
        answer_everything(commissioner, waira)
        share(commissioner, waira, [consulted_worker])
    with time_machine.travel(at_noon(datetime.date(2026, 3, 20)), tick=False):
        services.adverse_aspect_record(
            actor=commissioner,
            waira=waira,
            aspect="Shorter breaks.",
            discussed_on=datetime.date(2026, 3, 16),
            discussion="Forum.",
            outcome=AdverseAspect.Outcome.REMOVED,
            outcome_detail="Breaks are fixed.",
        )
    with time_machine.travel(at_noon(datetime.date(2026, 3, 31)), tick=False):
        waira = services.waira_conclude(actor=commissioner, waira=waira)
    assert waira.concluded_on == datetime.date(2026, 3, 16)


def test_a_discussion_cannot_be_dated_before_sharing_or_in_the_future(
    commissioner, system, consulted_worker
):
    waira = waira_in(WairaState.SHARED, commissioner, system, consulted_worker)
    today = uk_today()
    for day in (legal_time.add_days(today, -1), legal_time.add_days(today, 1)):
        with pytest.raises(ValidationError) as refused:
            services.adverse_aspect_record(
                actor=commissioner,
                waira=waira,
                aspect="A.",
                discussed_on=day,
                discussion="B.",
                outcome=AdverseAspect.Outcome.KEPT,
                outcome_detail="C.",
            )
        assert "discussed_on" in refused.value.message_dict


def test_keeping_an_adverse_aspect_needs_the_reason(commissioner, system, consulted_worker):
    waira = waira_in(WairaState.SHARED, commissioner, system, consulted_worker)
    with pytest.raises(ValidationError) as refused:
        services.adverse_aspect_record(
            actor=commissioner,
            waira=waira,
            aspect="Location tracking.",
            discussed_on=uk_today(),
            discussion="Forum.",
            outcome=AdverseAspect.Outcome.KEPT,
            outcome_detail="",
        )
    assert refused.value.message_dict == {"outcome_detail": ["Say why it was kept."]}


def test_reopening_returns_to_consultation_and_clears_the_conclusion(
    commissioner, system, consulted_worker
):
    waira = waira_in(WairaState.CONCLUDED, commissioner, system, consulted_worker)
    waira = services.waira_reopen(actor=commissioner, waira=waira, reason="A new concern.")
    assert (waira.state, waira.concluded_on) == (WairaState.SHARED, None)


def test_completing_freezes_the_content_and_starts_the_twelve_month_clocks(
    commissioner, system, consulted_worker
):
    with time_machine.travel(at_noon(datetime.date(2024, 2, 29)), tick=False):
        waira = complete_waira(commissioner, system, [consulted_worker])
    system.refresh_from_db()
    assert waira.state == WairaState.COMPLETED
    assert waira.content_sha256 == selectors.completed_snapshot(waira).sha256
    assert (system.waira_completed_on, system.waira_next_due) == (
        datetime.date(2024, 2, 29),
        datetime.date(2025, 2, 28),  # WAIRA-PER-01: 29 Feb + 12 months
    )
    assert system.consultation_next_due == datetime.date(2025, 2, 28)


def test_the_review_chain_runs_from_each_actual_completion(commissioner, system):
    """WAIRA-PER-01: initial 29 Feb 2024, due 28 Feb 2025; the second completed 28 Feb 2025,
    next due 28 Feb 2026."""
    complete_waira_on(commissioner, system, datetime.date(2024, 2, 29))
    complete_waira_on(commissioner, system, datetime.date(2025, 2, 28))
    system.refresh_from_db()
    assert system.waira_next_due == datetime.date(2026, 2, 28)


def test_the_consultation_clock_runs_from_the_last_consultation(commissioner, system):
    """CONS-REP-01: the last consultation completed 10 Feb 2025 is next due 10 Feb 2026."""
    complete_waira_on(commissioner, system, datetime.date(2025, 2, 10))
    system.refresh_from_db()
    assert system.consultation_next_due == datetime.date(2026, 2, 10)


@pytest.mark.parametrize(
    ("today", "overdue"),
    [
        (datetime.date(2026, 2, 9), False),
        (datetime.date(2026, 2, 10), False),  # completing on the due date complies
        (datetime.date(2026, 2, 11), True),
    ],
)
def test_a_review_is_overdue_only_after_its_due_date(commissioner, system, today, overdue):
    complete_waira_on(commissioner, system, datetime.date(2025, 2, 10))
    system.refresh_from_db()
    with time_machine.travel(at_noon(today), tick=False):
        clocks = selectors.review_clocks(system)
    assert [clock.overdue for clock in clocks] == [overdue, overdue]


def test_clocks_stop_when_use_ends(commissioner, system):
    complete_waira_on(commissioner, system, datetime.date(2025, 2, 10))
    system.refresh_from_db()
    system.end_of_use = datetime.date(2025, 12, 1)
    assert selectors.review_clocks(system, datetime.date(2026, 3, 1)) == []


# --- Further WAIRAs (s.14(4)-(5)) ------------------------------------------------------------


def test_a_further_waira_starts_from_the_last_and_asks_the_s14_5_questions(commissioner, system):
    first = complete_waira_on(commissioner, system, datetime.date(2025, 2, 10))
    further = services.waira_create(actor=commissioner, system=system)
    assert (further.kind, further.version, further.previous_id) == (
        WairaKind.FURTHER,
        2,
        first.pk,
    )
    assert further.purpose == first.purpose
    gaps = [gap.key for gap in selectors.waira_gaps(further)]
    assert len([key for key in gaps if key.startswith("further.a.")]) == 9  # all nine (A20)
    assert "further.c" in gaps


def test_a_further_waira_counts_decisions_altered_since_the_last(commissioner, system):
    complete_waira_on(commissioner, system, datetime.date(2025, 2, 10))
    further = services.waira_create(actor=commissioner, system=system)
    answers = selectors.current_content(further)["answers"]
    assert answers["further.b.count"] == "0"  # no reconsideration has altered a decision
    assert answers["further.b.period"].startswith("From 11 February 2025")


def test_the_difference_from_the_previous_waira_lists_each_changed_answer(commissioner, system):
    complete_waira_on(commissioner, system, datetime.date(2025, 2, 10))
    further = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, further)
    services.waira_update(
        actor=commissioner,
        waira=further,
        texts={"purpose": "Fairer rounds, now with weekend cover."},
        statute_risks={},
        not_reasonably_practicable={},
        characteristic_impacts={},
        decisions_modified_note="None altered.",
        harm_incidents="None.",
    )
    further.refresh_from_db()
    differences = selectors.difference_from_previous(further)
    assert differences is not None
    changed = {row.item.key: row for row in differences}
    assert changed["e.purpose"].changed
    assert changed["e.purpose"].after == "Fairer rounds, now with weekend cover."
    assert not changed["f.decision_logic"].changed
    assert changed["further.c"].changed and changed["further.c"].before == ""


def test_only_one_waira_is_in_progress_per_system(commissioner, system):
    services.waira_create(actor=commissioner, system=system)
    with pytest.raises(ValidationError):
        services.waira_create(actor=commissioner, system=system)


# --- Every action in every state -------------------------------------------------------------


def _actions(commissioner, rep, worker):
    return {
        "update": lambda w: services.waira_update(
            actor=commissioner, waira=w, texts={}, statute_risks={}, not_reasonably_practicable={}
        ),
        "share": lambda w: share(commissioner, w, [worker]),
        "raise_concern": lambda w: services.concern_raise(
            actor=worker, waira=w, text="A worry.", anonymous=False
        ),
        "answer_concern": lambda w: services.concern_respond(
            actor=commissioner, concern=w.concerns.first(), response="An answer."
        ),
        "record_adverse_aspect": lambda w: services.adverse_aspect_record(
            actor=commissioner,
            waira=w,
            aspect="A.",
            discussed_on=uk_today(),
            discussion="B.",
            outcome=AdverseAspect.Outcome.MODIFIED,
            outcome_detail="C.",
        ),
        "conclude": lambda w: [
            *[
                services.concern_respond(actor=commissioner, concern=concern, response="A.")
                for concern in w.concerns.filter(responded_at__isnull=True)
            ],
            services.waira_conclude(
                actor=commissioner,
                waira=w,
                no_adverse_aspects_reason="-",
                short_listening_reason="Agreed with the union.",
            ),
        ],
        "reopen": lambda w: services.waira_reopen(actor=commissioner, waira=w, reason="Why."),
        "complete": lambda w: services.waira_complete(actor=commissioner, waira=w),
        "comment": lambda w: services.waira_comment(actor=rep, waira=w, text="A comment."),
        "union_position": lambda w: services.waira_union_position_record(
            actor=rep, waira=w, kind=WairaUnionPosition.Kind.SIGN_OFF
        ),
    }


ALLOWED = {
    WairaState.DRAFT: {"update", "share", "comment", "union_position"},
    WairaState.SHARED: {
        "update",
        "share",
        "raise_concern",
        "answer_concern",
        "record_adverse_aspect",
        "conclude",
        "comment",
        "union_position",
    },
    WairaState.CONCLUDED: {"update", "reopen", "complete", "comment", "union_position"},
    WairaState.COMPLETED: set(),
}


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (state, action)
        for state in ALLOWED
        for action in sorted(set().union(*ALLOWED.values()))
        # A draft has never been shared, so no concern exists to answer.
        if (state, action) != (WairaState.DRAFT, "answer_concern")
    ],
)
def test_each_action_is_allowed_only_in_its_states(
    commissioner, organisation, user_with_role, system, consulted_worker, state, action
):
    from procurement import services as procurement_services
    from tests.procurement_helpers import new_case

    rep = user_with_role(Role.UNION_REPRESENTATIVE)
    case = new_case(commissioner, organisation, rep)
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    waira = waira_in(state, commissioner, system, consulted_worker)
    run = _actions(commissioner, rep, consulted_worker)[action]
    if action in ALLOWED[state]:
        run(waira)
    else:
        with pytest.raises((ValidationError, PermissionDenied)):
            run(waira)
        assert Waira.objects.get(pk=waira.pk).state == state


# --- The worker's voice ----------------------------------------------------------------------


def test_an_anonymous_concern_names_nobody_to_managers(
    commissioner, system, consulted_worker, organisation
):
    waira = waira_in(WairaState.SHARED, commissioner, system, consulted_worker)
    share(commissioner, waira, fellow_workers(organisation, 4))
    concern = services.concern_raise(
        actor=consulted_worker, waira=waira, text="I fear the night rota.", anonymous=True
    )
    shown = dict((c.pk, name) for c, name in selectors.concerns_for_staff(waira))
    assert shown[concern.pk] == "Anonymous worker"
    event = timeline_for(waira).filter(kind="concern_raised").last()
    assert event is not None
    assert event.actor is None


def test_a_worker_not_consulted_cannot_raise_a_concern(commissioner, system, user_with_role):
    waira = waira_in(WairaState.SHARED, commissioner, system, user_with_role(Role.WORKER))
    with pytest.raises(PermissionDenied):
        services.concern_raise(
            actor=user_with_role(Role.WORKER), waira=waira, text="Me too.", anonymous=False
        )


def test_sharing_emails_each_worker_consulted_in_their_language(
    commissioner, system, user_with_role, mailoutbox, django_capture_on_commit_callbacks
):
    welsh = user_with_role(Role.WORKER, preferred_language="cy")
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    with django_capture_on_commit_callbacks(execute=True):
        share(commissioner, waira, [welsh])
    (email,) = mailoutbox
    assert email.to == [welsh.email]
    assert "Annwyl" in email.body
    # The link opens the notification (marking it read) on the worker's consultation page.
    notification = Notification.objects.get(recipient=welsh, kind="waira_shared")
    assert reverse("core:notification_open", args=[notification.pk]) in email.body
    assert notification_url(notification) == f"/assessments/consultations/{waira.pk}/"


def test_every_section_of_s14_3_is_in_the_content(commissioner, system):
    waira = services.waira_create(actor=commissioner, system=system)
    keys = selectors.current_content(waira)["answers"].keys()
    assert {key.split(".")[0] for key in keys} == {section.letter for section in SECTIONS}

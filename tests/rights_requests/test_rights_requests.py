"""Making and handling requests: windows, due dates, lifecycles and answers, driven by the
worked examples (EXPL, RECON, TS) and moved through time with time-machine."""

import datetime
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from core.roles import Role
from rights_requests import services
from rights_requests.models import (
    DueBasis,
    ReconsiderationOutcome,
    RequestKind,
    RequestState,
    WindowDecision,
)
from tests.rights_helpers import (
    agent_for,
    case,
    d,
    explain,
    instant,
    make_request,
)

pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 10):
    """Travel to a UK calendar day (10:00 UTC is that day in GMT and in BST)."""
    return time_machine.travel(f"{day}T{hour:02d}:00:00Z", tick=False)


# --- Windows (s.17(3), s.18(2)) --------------------------------------------------------------


@pytest.mark.parametrize(
    "case_id,kind",
    [
        ("EXPL-WIN-01", RequestKind.EXPLANATION),
        ("EXPL-WIN-03", RequestKind.EXPLANATION),
        ("EXPL-WIN-05", RequestKind.EXPLANATION),
        ("RECON-WIN-01", RequestKind.RECONSIDERATION),
        ("RECON-WIN-03", RequestKind.RECONSIDERATION),
    ],
)
def test_request_window(worker, organisation, case_id, kind):
    example = case(case_id)
    inputs, expected = example["inputs"], example["expected"]
    made_on = inputs.get("request_date", expected["last_day_to_request"])
    with at(made_on):
        request = make_request(worker, organisation, kind, aware_on=d(inputs["aware_date"]))
    assert request.window_last_day == d(expected["last_day_to_request"])
    assert request.in_primary_window is expected.get("in_time", True)
    # A late request is never refused by the system: it is received and routed to a person.
    assert request.state == RequestState.RECEIVED


@pytest.mark.parametrize("offset,in_time", [(-1, True), (0, True), (1, False)])
def test_window_day_before_on_and_after(worker, organisation, offset, in_time):
    last_day = datetime.date(2025, 4, 15)  # EXPL-WIN-01: aware 15 Jan
    with at((last_day + datetime.timedelta(days=offset)).isoformat()):
        request = make_request(worker, organisation, aware_on=datetime.date(2025, 1, 15))
    assert request.in_primary_window is in_time


def test_late_request_is_routed_and_a_person_decides(worker, organisation, nominated_contact):
    with at("2025-07-11"):
        request = make_request(
            worker, organisation, RequestKind.EXPLANATION, aware_on=d("2025-01-10")
        )
        with pytest.raises(ValidationError) as raised:
            services.rights_request_decide_window(
                actor=nominated_contact,
                request=request,
                decision=WindowDecision.JUST_AND_EQUITABLE,
                reasons=" ",
            )
        assert "reasons" in raised.value.message_dict
        services.rights_request_decide_window(
            actor=nominated_contact,
            request=request,
            decision=WindowDecision.JUST_AND_EQUITABLE,
            reasons="The worker was on sick leave when told of the decision.",
        )
    request.refresh_from_db()
    assert request.window_decision == WindowDecision.JUST_AND_EQUITABLE
    assert request.state == RequestState.RECEIVED


def test_late_request_not_accepted_is_refused_with_reasons(
    worker, organisation, nominated_contact, django_capture_on_commit_callbacks
):
    with at("2025-07-11"):
        request = make_request(worker, organisation, aware_on=d("2025-01-10"))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.rights_request_decide_window(
                actor=nominated_contact,
                request=request,
                decision=WindowDecision.NOT_ACCEPTED,
                reasons="Six months late with no reason given.",
            )
    request.refresh_from_db()
    assert request.state == RequestState.REFUSED
    # The worker is told once (the outbox also sends what the test's setting-up left waiting).
    assert len([m for m in mail.outbox if worker.email in m.to]) == 1


def test_in_time_request_has_no_window_decision(worker, organisation, nominated_contact):
    request = make_request(worker, organisation)
    with pytest.raises(ValidationError):
        services.rights_request_decide_window(
            actor=nominated_contact,
            request=request,
            decision=WindowDecision.NOT_ACCEPTED,
            reasons="x",
        )


# --- Due dates (s.17(4), s.18(6)) and timestamps --------------------------------------------


@pytest.mark.parametrize(
    "case_id,kind",
    [
        ("EXPL-DUE-01", RequestKind.EXPLANATION),
        ("EXPL-DUE-03", RequestKind.EXPLANATION),
        ("RECON-DUE-01", RequestKind.RECONSIDERATION),
    ],
)
def test_due_date(worker, organisation, case_id, kind):
    example = case(case_id)
    with at(example["inputs"]["request_date"]):
        request = make_request(worker, organisation, kind)
    assert request.request_date == d(example["inputs"]["request_date"])
    assert request.due_date == d(example["expected"]["due_date"])


@pytest.mark.parametrize("case_id", ["TS-01", "TS-03", "TS-04"])
def test_timestamps_are_uk_days(worker, organisation, case_id):
    example = case(case_id)
    kind = RequestKind.RECONSIDERATION if example["rule"] == "R-RECON-DUE" else "explanation"
    received = instant(example["inputs"]["request_received_at"])
    with time_machine.travel(received, tick=False):
        request = make_request(worker, organisation, kind, aware_on=d("2025-01-01"))
    assert request.made_at == received
    assert request.request_date == d(example["expected"]["local_request_date"])
    assert request.due_date == d(example["expected"]["due_date"])


def test_request_at_2330_utc_on_30_june_is_made_on_1_july(worker, organisation):
    with time_machine.travel("2025-06-30T23:30:00Z", tick=False):
        request = make_request(worker, organisation, aware_on=d("2025-06-01"))
    assert request.request_date == d("2025-07-01")
    assert request.due_date == d("2025-07-29")


@pytest.mark.parametrize(
    "moment,in_time",
    [("2025-03-31T22:59:59Z", True), ("2025-03-31T23:00:01Z", False)],
)
def test_explanation_in_time_to_the_last_uk_second(
    worker, organisation, nominated_contact, moment, in_time
):
    """EXPL-DUE-05: due 31 Mar 2025 (BST from 30 Mar): 23:59:59 BST complies, 00:00:01 fails."""
    with at("2025-03-03"):
        request = make_request(worker, organisation)
    with time_machine.travel(moment, tick=False):
        answer = explain(nominated_contact, request)
    assert answer.in_time is in_time
    assert hasattr(request, "failure") is not in_time


def test_agreed_period_is_recorded_with_evidence(worker, organisation, nominated_contact):
    with at("2025-03-03"):
        request = make_request(worker, organisation)
        with pytest.raises(ValidationError) as raised:
            services.rights_request_set_due_date(
                actor=nominated_contact,
                request=request,
                basis=DueBasis.AGREED,
                due_date=d("2025-04-14"),
                evidence="",
            )
        assert "evidence" in raised.value.message_dict
        services.rights_request_set_due_date(
            actor=nominated_contact,
            request=request,
            basis=DueBasis.AGREED,
            due_date=d("2025-04-14"),
            evidence="Email from the worker of 4 March agreeing to 14 April.",
        )
        services.rights_request_extension_answer(actor=worker, request=request, agree=True)
        request.refresh_from_db()
        assert (request.due_date, request.due_basis) == (d("2025-04-14"), DueBasis.AGREED)
        services.rights_request_set_due_date(
            actor=nominated_contact,
            request=request,
            basis=DueBasis.STATUTORY,
            due_date=None,
            evidence="",
        )
    request.refresh_from_db()
    assert request.due_date == d("2025-03-31")


# --- Lifecycles: every transition ------------------------------------------------------------


def test_explanation_lifecycle(worker, organisation, nominated_contact):
    request = make_request(worker, organisation)
    assert request.state == RequestState.RECEIVED
    services.rights_request_start(actor=nominated_contact, request=request)
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS
    explain(nominated_contact, request)
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    assert request.answer.in_time


@pytest.mark.parametrize(
    "missing",
    ["readily_understandable", "personal", "in_writing", "accessible_format", "free_of_charge"],
)
def test_explanation_needs_every_s17_2_item(worker, organisation, nominated_contact, missing):
    request = make_request(worker, organisation)
    with pytest.raises(ValidationError) as raised:
        unmet: dict[str, Any] = {missing: False}
        explain(nominated_contact, request, **unmet)
    assert list(raised.value.message_dict) == [missing]
    request.refresh_from_db()
    assert request.state == RequestState.RECEIVED


def test_welsh_flag_where_welsh_was_asked(worker, organisation, nominated_contact):
    """CY-01: a Welsh-standards body answering a Welsh request in English is flagged."""
    organisation.subject_to_welsh_language_standards = True
    organisation.save()
    request = make_request(worker, organisation, language="cy")
    answer = explain(nominated_contact, request, text_language="en")
    assert answer.english_where_welsh_asked
    other = make_request(worker, organisation, language="cy")
    assert not explain(nominated_contact, other, text_language="cy").english_where_welsh_asked


def test_only_the_nominated_contact_or_administrator_answers(worker, organisation, user_with_role):
    request = make_request(worker, organisation)
    for role in (Role.WORKER, Role.COMPETENT_AGENT, Role.COMMISSIONER, Role.UNION_REPRESENTATIVE):
        with pytest.raises(PermissionDenied):
            explain(user_with_role(role), request)
    explain(user_with_role(Role.ADMINISTRATOR), request)


def test_reconsideration_lifecycle_altered(
    worker, organisation, administrator, competent_agent, nominated_contact
):
    explanation = make_request(worker, organisation)
    explain(nominated_contact, explanation)
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION, follows=explanation)
    agent = agent_for(administrator, organisation, competent_agent)
    with pytest.raises(ValidationError):
        services.rights_request_start(actor=competent_agent, request=request)
    warnings = services.reconsideration_assign(actor=competent_agent, request=request, agent=agent)
    assert warnings == []
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS
    with pytest.raises(ValidationError) as raised:
        services.reconsideration_conclude(
            actor=competent_agent,
            request=request,
            outcome=ReconsiderationOutcome.ALTERED,
            text="Reviewed the rota data.",
            text_language="en",
        )
    assert "what_changed" in raised.value.message_dict
    answer = services.reconsideration_conclude(
        actor=competent_agent,
        request=request,
        outcome=ReconsiderationOutcome.ALTERED,
        text="The system did not count your approved leave as availability.",
        what_changed="Your hours are restored to 30 a week from next Monday.",
        text_language="en",
    )
    request.refresh_from_db()
    assert request.state == RequestState.ANSWERED
    assert answer.outcome == ReconsiderationOutcome.ALTERED and answer.in_time


def test_only_the_assigned_agent_reconsiders(
    worker, organisation, administrator, competent_agent, user_with_role
):
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    services.reconsideration_assign(
        actor=administrator,
        request=request,
        agent=agent_for(administrator, organisation, competent_agent),
    )
    for other in (administrator, user_with_role(Role.COMPETENT_AGENT)):
        with pytest.raises(PermissionDenied):
            services.reconsideration_conclude(
                actor=other,
                request=request,
                outcome=ReconsiderationOutcome.UPHELD,
                text="Upheld.",
                text_language="en",
            )


def test_withdraw_from_every_open_state(worker, organisation, nominated_contact):
    received = make_request(worker, organisation)
    started = make_request(worker, organisation)
    services.rights_request_start(actor=nominated_contact, request=started)
    claimed = make_request(worker, organisation)
    services.exemption_claim(
        actor=nominated_contact, request=claimed, ground="s17_5_a", reasons="The data is gone."
    )
    for request in (received, started, claimed):
        request.refresh_from_db()
        services.rights_request_withdraw(actor=worker, request=request, reason="Sorted out.")
        request.refresh_from_db()
        assert request.state == RequestState.WITHDRAWN
    with pytest.raises(PermissionDenied):
        services.rights_request_withdraw(actor=worker, request=received)


def test_nobody_else_withdraws(worker, organisation, nominated_contact, user_with_role):
    request = make_request(worker, organisation)
    for actor in (nominated_contact, user_with_role(Role.WORKER)):
        with pytest.raises(PermissionDenied):
            services.rights_request_withdraw(actor=actor, request=request)


def test_answered_request_cannot_be_answered_again(worker, organisation, nominated_contact):
    request = make_request(worker, organisation)
    explain(nominated_contact, request)
    request.refresh_from_db()
    with pytest.raises(PermissionDenied):
        explain(nominated_contact, request)


def test_request_facts_are_checked(worker, organisation, other_organisation, commissioner):
    from registers import services as register_services

    other_admin_system = None
    with pytest.raises(ValidationError) as raised:
        make_request(worker, organisation, aware_on=d("2999-01-01"))
    assert "aware_on" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        make_request(worker, organisation, aware_on=d("2025-01-01"), decision_date=d("2025-02-01"))
    assert "aware_on" in raised.value.message_dict
    from tests.factories import MembershipFactory

    MembershipFactory.create(
        user=commissioner, organisation=other_organisation, role=Role.COMMISSIONER
    )
    other_admin_system = register_services.ai_system_create(
        actor=commissioner, organisation=other_organisation, name="Elsewhere"
    )
    with pytest.raises(ValidationError) as raised:
        make_request(worker, organisation, ai_system=other_admin_system)
    assert "ai_system" in raised.value.message_dict


def test_only_a_worker_of_the_organisation_makes_a_request(
    organisation, other_organisation, user_with_role
):
    for user in (
        user_with_role(Role.COMMISSIONER),
        user_with_role(Role.WORKER, organisation=other_organisation),
    ):
        with pytest.raises(PermissionDenied):
            make_request(user, organisation)


def test_request_emails_the_requester_in_their_language(
    worker, organisation, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with at("2025-03-03"), django_capture_on_commit_callbacks(execute=True):
        make_request(worker, organisation, language="cy")
    assert len(mail.outbox) == 1
    assert "31 Mawrth 2025" in mail.outbox[0].body

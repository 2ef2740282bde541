"""Recurring oversight reviews (issue 15, item 2): opened when a case enters oversight, due at
least every 12 months in step with its systems' WAIRAs, answered with the previous review
carried forward, signed off or dissented from by the union, reminded and escalated by the
nightly sweep, and needed, as a closing review, before the case closes."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_fsm import TransitionNotAllowed

from core import legal_time
from core.clock import uk_today
from core.models import Notification, TimelineEvent
from core.roles import Role
from core.services import sweep_run
from oversight import review_events, review_selectors, review_services
from oversight.models import OversightReview, ReviewState
from oversight.sweeps import OVERSIGHT_REVIEW_DUE
from procurement import selectors as procurement_selectors
from procurement import services as procurement_services
from procurement.models import DiscussionPrompt, ProcurementCase
from procurement.presenters import gate_items
from procurement.stages import Stage
from registers.models import AISystem
from tests.oversight.oversight_helpers import case_in_oversight
from tests.procurement_helpers import (
    answer_review,
    case_at,
    end_use_of_systems,
    hold_closing_review,
    meet_gate,
)

pytestmark = pytest.mark.django_db

DAY = datetime.date(2027, 2, 28)


def at(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(f"{day.isoformat()}T10:00:00Z", tick=False)


@pytest.fixture
def world(commissioner, organisation, union_rep):
    with at(DAY):
        return case_in_oversight(commissioner, organisation, union_rep)


def submitted(review, commissioner):
    answer_review(review, commissioner)
    return review_services.review_submit(actor=commissioner, review=review)


# --- Opening and scheduling --------------------------------------------------------------------


def test_entering_oversight_opens_the_first_review(commissioner, organisation, union_rep):
    case = case_at(Stage.OVERSIGHT, commissioner, organisation, union_rep)
    reviews = list(OversightReview.objects.filter(case=case))
    assert [(r.number, r.state, r.opened_on) for r in reviews] == [
        (1, ReviewState.OPEN, uk_today())
    ]
    assert reviews[0].due_on == legal_time.oversight_review_due(reviews[0].opened_on)
    assert TimelineEvent.objects.filter(kind="oversight_review_opened", object_id=reviews[0].pk)


def test_opening_the_first_review_twice_opens_one(world, commissioner):
    case, _system, _review = world
    assert review_services.review_open_first(case, commissioner) is None
    assert OversightReview.objects.filter(case=case).count() == 1


def test_the_first_review_is_due_twelve_months_on_without_a_waira(world):
    _case, _system, review = world
    assert (review.opened_on, review.due_on) == (DAY, datetime.date(2028, 2, 28))


def test_the_next_review_is_aligned_with_the_systems_next_waira(world, commissioner, union_rep):
    case, system, review = world
    waira_due = datetime.date(2027, 11, 30)
    # As waira_complete stores them (the clock moves only with its input).
    AISystem.objects.filter(pk=system.pk).update(
        waira_completed_on=legal_time.add_months(waira_due, -12), waira_next_due=waira_due
    )
    with at(datetime.date(2027, 3, 10)):
        review = submitted(review, commissioner)
        review_services.review_decide(actor=union_rep, review=review, kind="sign_off")
    second = OversightReview.objects.get(case=case, number=2)
    assert (second.state, second.opened_on, second.due_on) == (
        ReviewState.OPEN,
        datetime.date(2027, 3, 10),
        waira_due,
    )


DECIDED = {"sign_off": ReviewState.SIGNED_OFF, "dissent": ReviewState.DISSENTED}


@pytest.mark.parametrize("kind", ["sign_off", "dissent"])
def test_a_decided_review_schedules_the_next_one_from_the_day_it_was_decided(
    world, commissioner, union_rep, kind
):
    case, _system, review = world
    decided_on = datetime.date(2028, 2, 29)
    with at(decided_on):
        review = submitted(review, commissioner)
        review_services.review_decide(
            actor=union_rep, review=review, kind=kind, reason="Agency staff were not asked."
        )
    assert list(
        OversightReview.objects.filter(case=case).values_list("number", "state", "due_on")
    ) == [
        (2, ReviewState.OPEN, datetime.date(2029, 2, 28)),
        (1, DECIDED[kind], datetime.date(2028, 2, 28)),
    ]


def test_a_closing_review_schedules_none(world, commissioner, union_rep):
    case, _system, _review = world
    hold_closing_review(case, commissioner, union_rep)
    assert list(OversightReview.objects.filter(case=case).values_list("state", "closing")) == [
        (ReviewState.SIGNED_OFF, True)
    ]


# --- The state machine ------------------------------------------------------------------------

ALLOWED = {
    (ReviewState.OPEN, "submit"): ReviewState.SUBMITTED,
    (ReviewState.SUBMITTED, "sign_off"): ReviewState.SIGNED_OFF,
    (ReviewState.SUBMITTED, "dissent"): ReviewState.DISSENTED,
}


@pytest.mark.parametrize("state", ReviewState.values)
@pytest.mark.parametrize("move", ["submit", "sign_off", "dissent"])
def test_every_state_and_move(world, commissioner, state, move):
    _case, _system, review = world
    answer_review(review, commissioner)
    OversightReview.objects.filter(pk=review.pk).update(state=state, decision_reason="Why.")
    review = OversightReview.objects.get(pk=review.pk)
    target = ALLOWED.get((state, move))
    if target is None:
        with pytest.raises(TransitionNotAllowed):
            getattr(review, move)()
    else:
        getattr(review, move)()
        assert review.state == target


def test_the_state_cannot_be_set_directly(world):
    _case, _system, review = world
    with pytest.raises(AttributeError):
        review.state = ReviewState.SIGNED_OFF


def test_a_review_is_not_submitted_before_every_prompt_is_answered(world, commissioner):
    _case, _system, review = world
    prompt = review_selectors.stage_five_prompts()[0]
    review_services.review_answer(
        actor=commissioner, review=review, answers={prompt.pk: "Agreed."}, what_has_changed="x"
    )
    with pytest.raises(ValidationError):
        review_services.review_submit(actor=commissioner, review=review)
    assert OversightReview.objects.get(pk=review.pk).state == ReviewState.OPEN


def test_a_review_says_what_has_changed_before_it_is_submitted(world, commissioner):
    _case, _system, review = world
    answer_review(review, commissioner)
    answers = {item.prompt.pk: item.answer for item in review_selectors.review_prompts(review)}
    review_services.review_answer(
        actor=commissioner, review=review, answers=answers, what_has_changed="  "
    )
    with pytest.raises(ValidationError):
        review_services.review_submit(actor=commissioner, review=review)


def test_a_submitted_review_cannot_be_changed(world, commissioner):
    _case, _system, review = world
    review = submitted(review, commissioner)
    with pytest.raises(PermissionDenied):
        review_services.review_answer(
            actor=commissioner, review=review, answers={}, what_has_changed="Changed."
        )


# --- Carry-forward ----------------------------------------------------------------------------


def test_the_first_review_carries_forward_the_stage_five_answers(world, commissioner):
    case, _system, review = world
    prompt = review_selectors.stage_five_prompts()[0]
    procurement_services.prompt_respond(
        actor=commissioner,
        case=case,
        prompt=prompt,
        agreed_position="A standing forum meets every quarter.",
        not_applicable=False,
        not_applicable_reason="",
    )
    first = review_selectors.review_prompts(review)[0]
    assert (first.prompt, first.answer, first.carried_forward) == (
        prompt,
        "",
        "A standing forum meets every quarter.",
    )


def test_the_next_review_carries_forward_the_previous_answers(world, commissioner, union_rep):
    case, _system, review = world
    with at(DAY):
        review = submitted(review, commissioner)
        review_services.review_decide(actor=union_rep, review=review, kind="sign_off")
    second = OversightReview.objects.get(case=case, number=2)
    prompts = review_selectors.review_prompts(second)
    assert [item.carried_forward for item in prompts] == [
        f"Settled at review 1: {item.prompt.key}." for item in prompts
    ]
    assert all(item.answer == "" for item in prompts)


def test_the_answer_page_is_prefilled_with_the_carried_forward_answers(
    world, commissioner, union_rep, client
):
    case, _system, review = world
    with at(DAY):
        review = submitted(review, commissioner)
        review_services.review_decide(actor=union_rep, review=review, kind="sign_off")
    second = OversightReview.objects.get(case=case, number=2)
    client.force_login(commissioner)
    body = client.get(reverse("oversight:review_answer", args=[second.pk])).content.decode()
    prompt = review_selectors.stage_five_prompts()[0]
    assert f"Settled at review 1: {prompt.key}." in body


def test_the_carry_forward_prompt_is_not_asked_again(world):
    _case, _system, review = world
    asked = {item.prompt.pk for item in review_selectors.review_prompts(review)}
    carry_forward = DiscussionPrompt.objects.filter(stage=Stage.OVERSIGHT, is_carry_forward=True)
    assert asked and not asked & set(carry_forward.values_list("pk", flat=True))


# --- Sign-off and dissent ----------------------------------------------------------------------


def test_dissent_needs_a_reason_and_keeps_it(world, commissioner, union_rep):
    _case, _system, review = world
    review = submitted(review, commissioner)
    with pytest.raises(ValidationError):
        review_services.review_decide(actor=union_rep, review=review, kind="dissent", reason=" ")
    review_services.review_decide(
        actor=union_rep, review=review, kind="dissent", reason="Night staff were not heard."
    )
    review.refresh_from_db()
    assert (review.state, review.decision_reason, review.decided_by) == (
        ReviewState.DISSENTED,
        "Night staff were not heard.",
        union_rep,
    )


def test_only_an_assigned_union_representative_decides(
    world, commissioner, user_with_role, union_rep
):
    _case, _system, review = world
    review = submitted(review, commissioner)
    unassigned = user_with_role(Role.UNION_REPRESENTATIVE)
    for person in (commissioner, unassigned):
        with pytest.raises(PermissionDenied):
            review_services.review_decide(actor=person, review=review, kind="sign_off")


def test_an_open_review_is_not_decided(world, union_rep):
    _case, _system, review = world
    with pytest.raises(PermissionDenied):
        review_services.review_decide(actor=union_rep, review=review, kind="sign_off")


def test_a_union_representative_does_not_answer_or_submit(world, union_rep, commissioner):
    _case, _system, review = world
    with pytest.raises(PermissionDenied):
        review_services.review_answer(
            actor=union_rep, review=review, answers={}, what_has_changed="x"
        )
    answer_review(review, commissioner)
    with pytest.raises(PermissionDenied):
        review_services.review_submit(actor=union_rep, review=review)


# --- Notifications -----------------------------------------------------------------------------


def told(kind, recipient=None):
    found = Notification.objects.filter(kind=kind)
    if recipient is not None:
        found = found.filter(recipient=recipient)
    return found.count()


def test_submitting_asks_the_assigned_union_representatives_once(
    world, commissioner, union_rep, user_with_role
):
    _case, _system, review = world
    unassigned = user_with_role(Role.UNION_REPRESENTATIVE)
    submitted(review, commissioner)
    assert told(review_events.REVIEW_SIGN_OFF_WANTED, union_rep) == 1
    assert told(review_events.REVIEW_SIGN_OFF_WANTED) == 1
    assert told(review_events.REVIEW_SIGN_OFF_WANTED, unassigned) == 0


def test_a_sign_off_tells_the_commissioner(world, commissioner, union_rep, oversight_member):
    _case, _system, review = world
    review = submitted(review, commissioner)
    review_services.review_decide(actor=union_rep, review=review, kind="sign_off")
    assert told(review_events.REVIEW_DECIDED, commissioner) == 1
    assert told(review_events.REVIEW_DECIDED, oversight_member) == 0


def test_a_dissent_tells_the_commissioner_and_the_oversight_members(
    world, commissioner, union_rep, oversight_member
):
    _case, _system, review = world
    review = submitted(review, commissioner)
    review_services.review_decide(actor=union_rep, review=review, kind="dissent", reason="No.")
    assert told(review_events.REVIEW_DECIDED, commissioner) == 1
    assert told(review_events.REVIEW_DECIDED, oversight_member) == 1


# --- Reminders and escalation (the nightly sweep) ----------------------------------------------


def sweep_on(day):
    with at(day):
        sweep_run("oversight")


def thresholds(recipient):
    return sorted(
        Notification.objects.filter(kind=OVERSIGHT_REVIEW_DUE, recipient=recipient).values_list(
            "threshold", flat=True
        )
    )


@pytest.mark.parametrize(("days_before", "expected"), [(31, []), (30, [30]), (7, [7])])
def test_the_commissioner_is_reminded_on_the_day_not_the_day_before(
    world, commissioner, days_before, expected
):
    _case, _system, review = world
    sweep_on(legal_time.add_days(review.due_on, -days_before))
    assert thresholds(commissioner) == expected


def test_each_reminder_is_sent_once(world, commissioner):
    _case, _system, review = world
    for _rerun in range(2):
        sweep_on(legal_time.add_days(review.due_on, -30))
        sweep_on(legal_time.add_days(review.due_on, -7))
    assert thresholds(commissioner) == [7, 30]


def test_an_overdue_review_is_escalated_the_day_after_it_was_due_once(
    world, commissioner, oversight_member, user_with_role, union_rep
):
    _case, _system, review = world
    other_commissioner = user_with_role(Role.COMMISSIONER)
    sweep_on(review.due_on)
    assert thresholds(commissioner) == [7]  # on the day: still in time
    assert thresholds(oversight_member) == []
    for day in (1, 1, 2):
        sweep_on(legal_time.add_days(review.due_on, day))
    assert thresholds(commissioner) == [Notification.OVERDUE, 7]
    assert thresholds(other_commissioner) == [Notification.OVERDUE]
    assert thresholds(oversight_member) == [Notification.OVERDUE]
    assert thresholds(union_rep) == []


def test_a_decided_review_is_not_reminded(world, commissioner, union_rep):
    case, _system, review = world
    with at(DAY):
        hold_closing_review(case, commissioner, union_rep)
    sweep_on(legal_time.add_days(review.due_on, 1))
    assert Notification.objects.filter(kind=OVERSIGHT_REVIEW_DUE).count() == 0


def test_the_sweep_opens_a_review_for_a_case_already_in_oversight(
    commissioner, organisation, union_rep
):
    with at(DAY):
        case, _system, review = case_in_oversight(commissioner, organisation, union_rep)
    OversightReview.objects.filter(pk=review.pk).delete()
    sweep_on(DAY)
    sweep_on(DAY)
    assert list(OversightReview.objects.filter(case=case).values_list("number", "due_on")) == [
        (1, datetime.date(2028, 2, 28))
    ]


# --- Closing ------------------------------------------------------------------------------------


def closing_codes(case):
    return [
        (item.code, item.system_id)
        for item in procurement_selectors.exit_gate_for(case).missing
        if item.code.startswith("closing")
    ]


def test_a_case_does_not_close_while_a_system_is_in_use(world, commissioner, union_rep):
    case, system, _review = world
    assert closing_codes(case) == [("closing_use_not_ended", system.pk), ("closing_review", None)]
    meet_gate(case, commissioner, union_rep, skip={"closing"})
    with pytest.raises(procurement_services.GateRefused) as refused:
        procurement_services.case_advance(actor=commissioner, case=case)
    assert {item.code for item in refused.value.result.hard_missing} >= {
        "closing_use_not_ended",
        "closing_review",
    }
    assert not refused.value.result.can_override


def test_a_review_is_not_the_closing_review_while_a_system_is_in_use(world, commissioner):
    _case, _system, review = world
    with pytest.raises(ValidationError) as refused:
        review_services.review_answer(
            actor=commissioner, review=review, answers={}, what_has_changed="x", closing=True
        )
    assert "closing" in refused.value.message_dict


def test_use_ended_still_needs_a_decided_closing_review(world, commissioner, union_rep):
    case, _system, review = world
    end_use_of_systems(case, commissioner)
    assert closing_codes(case) == [("closing_review", None)]
    answer_review(review, commissioner, closing=True)
    review_services.review_submit(actor=commissioner, review=review)
    assert closing_codes(case) == [("closing_review", None)]  # submitted, not yet decided


@pytest.mark.parametrize("kind", ["sign_off", "dissent"])
def test_a_decided_closing_review_lets_the_case_close(world, commissioner, union_rep, kind):
    case, _system, review = world
    end_use_of_systems(case, commissioner)
    answer_review(review, commissioner, closing=True)
    review = review_services.review_submit(actor=commissioner, review=review)
    review_services.review_decide(actor=union_rep, review=review, kind=kind, reason="Late.")
    assert closing_codes(case) == []
    meet_gate(case, commissioner, union_rep, skip={"closing"})
    closed = procurement_services.case_advance(actor=commissioner, case=case)
    assert closed.stage == Stage.CLOSED


def test_the_blocker_links_to_the_reviews_and_the_system(world, commissioner):
    case, system, _review = world
    items = gate_items(
        case.pk,
        procurement_selectors.exit_gate_for(case).missing,
        allowed={"can_edit": True},
        carry_forward="",
    )
    urls = {item.missing.code: item.url for item in items}
    assert urls["closing_review"] == "#oversight-reviews"
    assert urls["closing_use_not_ended"] == reverse("registers:system_detail", args=[system.pk])


def test_other_stages_have_no_closing_blockers(commissioner, organisation, union_rep):
    case, _system, _review = case_in_oversight(commissioner, organisation, union_rep)
    ProcurementCase.objects.filter(pk=case.pk).update(stage=Stage.DEPLOYMENT)
    assert closing_codes(case) == []

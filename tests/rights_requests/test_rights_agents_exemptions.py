"""Assigning reconsiderations (AGENT cases), exemptions never applied by Llais (DUP, VEX,
EXPL-EXEMPT cases) and the s.14(5)(b) count of altered decisions."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core.roles import Role
from rights_requests import selectors, services
from rights_requests.models import (
    ContactKind,
    ExemptionDecision,
    ReconsiderationOutcome,
    RequestKind,
    RequestState,
)
from tests.rights_helpers import agent_for, case, contact, d, explain, limbs_from, make_request
from tests.system_helpers import system_in_high_risk_use

pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 10):
    return time_machine.travel(f"{day}T{hour:02d}:00:00Z", tick=False)


def reconsider(agent_user, request, outcome=ReconsiderationOutcome.UPHELD, **kw):
    return services.reconsideration_conclude(
        actor=agent_user,
        request=request,
        outcome=outcome,
        text=kw.pop("text", "I looked at the rota data again."),
        text_language="en",
        what_changed=kw.pop("what_changed", "Hours restored." if outcome == "altered" else ""),
    )


# --- Competent agents (R-RECON-AGENT) ------------------------------------------------------


def test_agent_01_assignment_to_an_untrained_agent_is_refused(
    worker, organisation, administrator, competent_agent
):
    agent = agent_for(
        administrator,
        organisation,
        competent_agent,
        **limbs_from(case("AGENT-01")["inputs"]["agent"]),
    )
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    with pytest.raises(ValidationError) as raised:
        services.reconsideration_assign(actor=administrator, request=request, agent=agent)
    assert "suitably trained" in raised.value.message_dict["agent"][0]
    request.refresh_from_db()
    assert request.assigned_agent is None and request.state == RequestState.RECEIVED


def test_agent_02_delegate_who_cannot_alter_is_refused(
    worker, organisation, administrator, competent_agent, user_with_role
):
    example = case("AGENT-02")
    assert example["inputs"]["employer_authorised_delegation"]
    principal = agent_for(administrator, organisation, competent_agent)
    delegate = agent_for(
        administrator,
        organisation,
        user_with_role(Role.COMPETENT_AGENT),
        name="Dewi Delegate",
        delegated_by=principal,
        **limbs_from(example["inputs"]["delegate"]),
    )
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    with pytest.raises(ValidationError) as raised:
        services.reconsideration_assign(actor=administrator, request=request, agent=delegate)
    assert "able to alter the decision" in raised.value.message_dict["agent"][0]


def test_a_competent_delegate_may_be_assigned(
    worker, organisation, administrator, competent_agent, user_with_role
):
    principal = agent_for(administrator, organisation, competent_agent)
    delegate_user = user_with_role(Role.COMPETENT_AGENT)
    delegate = agent_for(
        administrator, organisation, delegate_user, name="Dewi Delegate", delegated_by=principal
    )
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    services.reconsideration_assign(actor=administrator, request=request, agent=delegate)
    request.refresh_from_db()
    assert reconsider(delegate_user, request).answered_by == delegate_user


def test_agent_03_default_most_senior_person_is_assigned_with_a_warning(
    worker, organisation, administrator, user_with_role
):
    example = case("AGENT-03")
    assert example["inputs"]["nominated_agent"] is None
    senior_user = user_with_role(Role.COMPETENT_AGENT)
    senior = contact(
        administrator,
        organisation,
        ContactKind.MOST_SENIOR_PERSON,
        user=senior_user,
        name="Sian Senior",
        **limbs_from(example["inputs"]["most_senior_person"]),
    )
    choices = services.agent_choices(organisation)
    assert [(c.contact, c.is_default_most_senior) for c in choices] == [(senior, True)]
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    warnings = services.reconsideration_assign(actor=administrator, request=request, agent=senior)
    assert example["expected"]["competence_warning"] is bool(warnings)
    assert [limb.key for limb in warnings] == ["trained"]


def test_most_senior_person_is_not_the_default_once_an_agent_is_nominated(
    worker, organisation, administrator, competent_agent
):
    senior = contact(administrator, organisation, ContactKind.MOST_SENIOR_PERSON, name="Sian S")
    agent_for(administrator, organisation, competent_agent)
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    with pytest.raises(ValidationError):
        services.reconsideration_assign(actor=administrator, request=request, agent=senior)


def test_the_original_decision_maker_cannot_reconsider(
    worker, organisation, administrator, competent_agent
):
    agent = agent_for(administrator, organisation, competent_agent)
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    with pytest.raises(ValidationError) as raised:
        services.reconsideration_assign(
            actor=administrator,
            request=request,
            agent=agent,
            original_decision_maker=competent_agent,
        )
    assert "original decision" in raised.value.message_dict["agent"][0]


def test_an_agent_without_an_account_cannot_be_assigned(worker, organisation, administrator):
    agent = contact(administrator, organisation, name="Paper Agent")
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    with pytest.raises(ValidationError):
        services.reconsideration_assign(actor=administrator, request=request, agent=agent)


# --- Duplicates (PRIM-LOOKBACK, A6) ----------------------------------------------------------


def _reconsidered_then_new(worker, organisation, administrator, agent_user, example, kind):
    agent = agent_for(administrator, organisation, agent_user)
    inputs = example["inputs"]
    with at(inputs["prev_request_date"]):
        earlier = make_request(worker, organisation, RequestKind.RECONSIDERATION)
        services.reconsideration_assign(actor=administrator, request=earlier, agent=agent)
    notified = inputs.get("prev_reconsideration_notified", inputs["prev_request_date"])
    if inputs.get("prev_reconsideration_status") != "pending":
        with at(notified):
            earlier.refresh_from_db()
            reconsider(agent_user, earlier)
    with at(inputs["new_request_date"]):
        new = make_request(worker, organisation, kind)
    return earlier, new


@pytest.mark.parametrize("case_id", ["DUP-01", "DUP-03", "DUP-05"])
def test_duplicate_candidates_follow_the_worked_examples(
    worker, organisation, administrator, competent_agent, case_id
):
    example = case(case_id)
    earlier, new = _reconsidered_then_new(
        worker, organisation, administrator, competent_agent, example, RequestKind.RECONSIDERATION
    )
    [candidate] = selectors.duplicate_candidates(new)
    assert candidate.earlier == earlier
    assert candidate.inside_default is example["expected"]["inside_conservative"]
    if "prev_reconsideration_notified" not in example["inputs"]:
        # The employer's reading is anchored on the reconsideration; these examples give only
        # the request date, and the reconsideration was on the same day.
        assert candidate.inside_employer_reading is example["expected"]["inside_employer_reading"]
    assert new.state == RequestState.RECEIVED  # never refused by Llais


def test_dup_07_a_pending_earlier_request_is_no_duplicate(
    worker, organisation, administrator, competent_agent
):
    example = case("DUP-07")
    earlier, new = _reconsidered_then_new(
        worker, organisation, administrator, competent_agent, example, RequestKind.RECONSIDERATION
    )
    assert selectors.duplicate_candidates(new) == []
    assert example["expected"]["exemption_available"] is False
    with at(example["inputs"]["new_request_date"]), pytest.raises(ValidationError):
        services.exemption_claim(
            actor=administrator,
            request=new,
            ground="s18_8_b",
            reasons="It repeats the March request.",
            relies_on=earlier,
        )
    # The overlap is a s.18(9)(c) factor instead.
    factors = selectors.vexatious_factors(new)
    assert earlier in factors.overlapping_open_requests


def test_expl_exempt_02_only_explained_earlier_request_is_no_duplicate(
    worker, organisation, nominated_contact
):
    example = case("EXPL-EXEMPT-02")
    with at(example["inputs"]["prev_request"]["date"]):
        earlier = make_request(worker, organisation)
    with at(example["inputs"]["prev_request"]["explained"]):
        explain(nominated_contact, earlier)
    with at(example["inputs"]["new_request"]["date"]):
        new = make_request(worker, organisation)
    assert example["expected"]["dup_exemption_available"] is False
    assert selectors.duplicate_candidates(new) == []
    with pytest.raises(ValidationError):
        services.exemption_claim(
            actor=nominated_contact,
            request=new,
            ground="s17_5_c",
            reasons="Same as January.",
            relies_on=earlier,
        )


def test_expl_exempt_01_already_reconsidered_has_no_time_limit(
    worker, organisation, administrator, competent_agent, nominated_contact
):
    example = case("EXPL-EXEMPT-01")
    agent = agent_for(administrator, organisation, competent_agent)
    decision_d1 = d("2025-01-20")  # the example's decision D1, named by its date in both
    with at(example["inputs"]["reconsideration_notified"]):
        earlier = make_request(
            worker, organisation, RequestKind.RECONSIDERATION, decision_date=decision_d1
        )
        services.reconsideration_assign(actor=administrator, request=earlier, agent=agent)
        earlier.refresh_from_db()
        reconsider(competent_agent, earlier)
    with at(example["inputs"]["explanation_request_date"]):
        new = make_request(
            worker, organisation, aware_on=d("2025-05-20"), decision_date=decision_d1
        )
        claim = services.exemption_claim(
            actor=nominated_contact,
            request=new,
            ground="s17_5_b",
            reasons="The same rota decision was reconsidered in February.",
            relies_on=earlier,
        )
    assert example["expected"]["exemption_available"] is True
    assert claim.relies_on == earlier
    new.refresh_from_db()
    assert new.state == RequestState.EXEMPTION_CLAIMED


# --- Exemption decisions ---------------------------------------------------------------------


def test_exemption_claimed_then_not_applied_returns_to_work(
    worker, organisation, nominated_contact
):
    request = make_request(worker, organisation)
    claim = services.exemption_claim(
        actor=nominated_contact, request=request, ground="s17_5_a", reasons="Supplier data lost."
    )
    with pytest.raises(ValidationError):
        services.exemption_decide(
            actor=nominated_contact, claim=claim, decision="applies", reasons=""
        )
    services.exemption_decide(
        actor=nominated_contact,
        claim=claim,
        decision=ExemptionDecision.DOES_NOT_APPLY,
        reasons="The supplier can rebuild the logs.",
    )
    request.refresh_from_db()
    assert request.state == RequestState.IN_PROGRESS
    explain(nominated_contact, request)


def test_exemption_applied_refuses_and_tells_the_worker(
    worker, organisation, nominated_contact, mailoutbox, django_capture_on_commit_callbacks
):
    request = make_request(worker, organisation)
    with pytest.raises(ValidationError):
        services.exemption_claim(
            actor=nominated_contact, request=request, ground="s18_8_a", reasons="Wrong section."
        )
    claim = services.exemption_claim(
        actor=nominated_contact, request=request, ground="s17_5_d", reasons="Tenth request."
    )
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.exemption_decide(
            actor=nominated_contact,
            claim=claim,
            decision=ExemptionDecision.APPLIES,
            reasons="Ten requests about the same rota in a month.",
        )
    request.refresh_from_db()
    assert request.state == RequestState.REFUSED
    # The worker is told once (the outbox also sends what the test's setting-up left waiting).
    (told,) = [m for m in mailoutbox if worker.email in m.to]
    assert "refused" in told.subject


def test_vex_01_factors_are_shown_never_decided(worker, organisation, nominated_contact):
    example = case("VEX-01")
    dates = example["inputs"]["requests_same_decision"]
    requests = []
    for day in dates[:-1]:
        with at(day):
            requests.append(make_request(worker, organisation))
        if day <= example["inputs"]["explanation_provided"] and len(requests) == 1:
            pass
    with at(example["inputs"]["explanation_provided"]):
        explain(nominated_contact, requests[0])
    with at(dates[-1]):
        last = make_request(worker, organisation)
    factors = selectors.vexatious_factors(last)
    assert example["expected"]["auto_refuse"] is False
    assert last.state == RequestState.RECEIVED
    assert factors.repeats_after_explanation == [requests[0]]
    assert factors.days_since_last_request == 8  # 2 Jun to 10 Jun
    assert len(factors.earlier_requests) == 3
    assert set(factors.overlapping_open_requests) == set(requests[1:])


# --- s.14(5)(b): altered decisions -----------------------------------------------------------


def test_decisions_altered_count_by_uk_outcome_date(
    worker, organisation, administrator, competent_agent, commissioner
):
    system = system_in_high_risk_use(commissioner, organisation, first_use=d("2025-01-01"))
    other = system_in_high_risk_use(
        commissioner, organisation, first_use=d("2025-01-01"), name="Other"
    )
    agent = agent_for(administrator, organisation, competent_agent)

    def altered_at(moment, ai_system=system, outcome=ReconsiderationOutcome.ALTERED):
        with time_machine.travel(moment, tick=False):
            request = make_request(
                worker, organisation, RequestKind.RECONSIDERATION, ai_system=ai_system
            )
            services.reconsideration_assign(actor=administrator, request=request, agent=agent)
            request.refresh_from_db()
            reconsider(competent_agent, request, outcome)

    altered_at("2025-06-30T23:30:00Z")  # 1 July, UK time
    altered_at("2025-06-30T22:30:00Z")  # 30 June, UK time
    altered_at("2025-07-10T10:00:00Z", outcome=ReconsiderationOutcome.UPHELD)
    altered_at("2025-07-10T10:00:00Z", ai_system=other)
    count = selectors.decisions_altered_count
    assert count(system=system, since=None, until=d("2025-12-31")) == 2
    assert count(system=system, since=d("2025-06-30"), until=d("2025-12-31")) == 1
    assert count(system=system, since=None, until=d("2025-06-30")) == 1
    assert count(system=system, since=d("2025-07-01"), until=d("2025-12-31")) == 0
    assert count(system=other, since=None, until=d("2025-07-10")) == 1
    assert count(system=other, since=None, until=d("2025-07-09")) == 0


def test_days_left_counts_to_the_due_date(worker, organisation):
    with at("2025-03-03"):
        request = make_request(worker, organisation)
    assert selectors.days_left(request, datetime.date(2025, 3, 30)) == 1
    assert selectors.days_left(request, datetime.date(2025, 3, 31)) == 0
    assert selectors.days_left(request, datetime.date(2025, 4, 1)) == -1

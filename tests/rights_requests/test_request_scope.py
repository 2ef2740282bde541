"""R-EXPL-SCOPE (s.17(1); s.18(1) alike): whether a decision is a high-risk decision to the
worker's detriment, and whether they are an employee, worker or jobseeker, is a judgment for a
person. Llais takes every request, starts its clocks and routes it to those who answer it; it
never rejects one as out of scope. Tested where it is enforced, `_make_request` in
rights_requests/services/making.py, and in the one state machine (nothing refuses on scope)."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from core import legal_time
from core.models import Notification, TimelineEvent, User
from registers import services as register_services
from rights_requests.models import (
    ComplianceFailure,
    RequesterStatus,
    RequestKind,
    RequestState,
    RightsRequest,
)
from tests.rights_helpers import make_request, sweep_requests
from tests.system_helpers import system_in_high_risk_use

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2025, 3, 3)  # the system's first high-risk decision
ASKED_ON = datetime.date(2025, 3, 10)


def at(day: datetime.date):
    """10:00 UTC: that UK calendar day in GMT and in BST."""
    return time_machine.travel(f"{day.isoformat()}T10:00:00Z", tick=False)


def told_of_the_request(user: User, request: RightsRequest) -> bool:
    # An event's notification points at its timeline event (docs/adr/0011-...).
    made = TimelineEvent.objects.filter(kind="request_made", object_id=request.pk)
    return Notification.objects.filter(
        kind="request_made", recipient=user, object_id__in=made.values("pk")
    ).exists()


def assert_taken_and_routed(request: RightsRequest, handler: User) -> None:
    request.refresh_from_db()
    assert request.state == RequestState.RECEIVED
    assert request.request_date == ASKED_ON
    assert request.due_date == legal_time.response_due(ASKED_ON)
    assert request.in_primary_window
    assert told_of_the_request(handler, request)


@pytest.mark.parametrize("kind", [RequestKind.EXPLANATION, RequestKind.RECONSIDERATION])
@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_a_decision_the_day_before_on_or_after_high_risk_use_began_is_taken_alike(
    commissioner, organisation, worker, nominated_contact, competent_agent, kind, offset
):
    # A decision the day before the system's first high-risk decision may not be one (s.17(1));
    # that is for the employer to judge, so the request is taken and clocked all the same.
    system = system_in_high_risk_use(commissioner, organisation, first_use=FIRST_USE)
    decided_on = legal_time.add_days(FIRST_USE, offset)
    with at(ASKED_ON):
        request = make_request(
            worker,
            organisation,
            kind,
            ai_system=system,
            decision_date=decided_on,
            aware_on=ASKED_ON,
        )
    handler = nominated_contact if kind == RequestKind.EXPLANATION else competent_agent
    assert_taken_and_routed(request, handler)


def test_a_request_about_a_system_not_in_high_risk_use_or_none_is_taken(
    commissioner, organisation, worker, nominated_contact
):
    with at(ASKED_ON):
        low_risk = register_services.ai_system_create(
            actor=commissioner,
            organisation=organisation,
            name="Expenses checker",
            used_in_high_risk_decision_making=False,
        )
        about_low_risk = make_request(worker, organisation, ai_system=low_risk, aware_on=ASKED_ON)
        about_no_system = make_request(worker, organisation, ai_system=None, aware_on=ASKED_ON)
    assert_taken_and_routed(about_low_risk, nominated_contact)
    assert_taken_and_routed(about_no_system, nominated_contact)


@pytest.mark.parametrize("status", RequesterStatus.values)
def test_an_employee_a_worker_or_a_jobseeker_may_ask(
    organisation, worker, nominated_contact, status
):
    with at(ASKED_ON):
        request = make_request(worker, organisation, requester_status=status, aware_on=ASKED_ON)
    assert request.requester_status == status
    assert_taken_and_routed(request, nominated_contact)


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_the_nightly_sweep_never_closes_a_request_as_out_of_scope(
    commissioner, organisation, worker, nominated_contact, offset
):
    with at(ASKED_ON):
        low_risk = register_services.ai_system_create(
            actor=commissioner,
            organisation=organisation,
            name="Expenses checker",
            used_in_high_risk_decision_making=False,
        )
        request = make_request(worker, organisation, ai_system=low_risk, aware_on=ASKED_ON)
    with at(legal_time.add_days(request.due_date, offset)):
        sweep_requests()
    request.refresh_from_db()
    # Unanswered past its due date it is the employer's failure (R-EXPL-DUE), not a rejection.
    assert request.state == RequestState.RECEIVED
    assert ComplianceFailure.objects.filter(request=request).exists() is (offset == 1)


def test_only_a_persons_decision_refuses_a_request():
    state = RightsRequest._meta.get_field("state")
    refusing = {
        transition.name
        for transition in state.get_all_transitions(RightsRequest)
        if transition.target == RequestState.REFUSED
    }
    # After the employer decides its own exemption claim, or a person decides a late request is
    # not accepted; there is no refusal for being out of scope.
    assert refusing == {"exemption_applies", "refuse_late"}

"""The one failure record: opened the day after each duty was missed (R-ET-FAILDATE), once
across reruns, with its limitation dates (R-ET-LIMIT); starts in breach (R-WAIRA-INIT,
R-CONS-INIT); refused requests; how observable it was (R-ET-JE)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from accountability.models import Basis, Failure, Obligation
from core import legal_time
from core.models import Notification
from core.roles import Role
from registers.models import RegisterEntry
from rights_requests import services as rights_services
from rights_requests.models import ComplianceFailure
from tests.accountability.helpers import breach_start, consulted_system, on, sweep_on
from tests.register_helpers import published_entry
from tests.rights_helpers import make_request
from tests.waira_helpers import assessable_system, complete_waira_on

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2025, 3, 3)
REGISTER_DUE = legal_time.register_update_due(FIRST_USE)  # 3 June 2025 (R-REG-INIT)
WAIRA_DONE = legal_time.add_months(FIRST_USE, -2)  # 3 January 2025
REVIEW_DUE = legal_time.next_review_due(WAIRA_DONE)  # 3 January 2026 (R-WAIRA-PERIODIC)


@pytest.fixture
def system(commissioner, organisation, worker):
    return consulted_system(commissioner, organisation, first_use=FIRST_USE, workers=[worker])


def failures(obligation: str) -> list[Failure]:
    return list(Failure.objects.filter(obligation=obligation))


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_a_late_register_entry_is_a_failure_from_the_day_after_it_was_due(system, offset):
    assert RegisterEntry.objects.get(system=system).due_by == REGISTER_DUE
    sweep_on(legal_time.add_days(REGISTER_DUE, offset))
    found = failures(Obligation.REGISTER_ENTRY)
    if offset == 0:
        assert found == []  # the due date itself is still in time
        return
    (failure,) = found
    assert failure.last_compliance_date == REGISTER_DUE
    assert failure.failure_date_protective == failure.failure_date_safe == datetime.date(2025, 6, 4)
    assert failure.limitation_safe == legal_time.limitation(datetime.date(2025, 6, 4)).file_by
    assert failure.limitation_protective == datetime.date(2025, 12, 3)
    assert failure.may_be_continuing


@pytest.mark.parametrize("offset", [0, 1, 2])
def test_a_missed_further_waira_and_consultation_are_failures_the_day_after(system, offset):
    system.refresh_from_db()
    assert system.waira_next_due == system.consultation_next_due == REVIEW_DUE
    sweep_on(legal_time.add_days(REVIEW_DUE, offset))
    opened = {f.obligation for f in Failure.objects.filter(system=system)}
    if offset == 0:
        assert Obligation.WAIRA_REVIEW not in opened
        assert Obligation.CONSULT_REVIEW not in opened
        return
    assert {Obligation.WAIRA_REVIEW, Obligation.CONSULT_REVIEW} <= opened
    failure = Failure.objects.get(obligation=Obligation.WAIRA_REVIEW)
    assert failure.failure_date_safe == legal_time.add_days(REVIEW_DUE, 1)


def test_a_failure_is_opened_once_across_reruns(system, worker):
    day = legal_time.add_days(REGISTER_DUE, 1)
    first = sweep_on(day)
    again = sweep_on(day)
    later = sweep_on(legal_time.add_days(day, 1))
    assert first.failures_recorded == 1
    assert again.failures_recorded == later.failures_recorded == 0
    assert Failure.objects.count() == 1
    told = Notification.objects.filter(kind="failure_opened", recipient=worker)
    assert told.count() == 1


def test_an_ended_system_has_no_review_failure(commissioner, system):
    from registers import services as register_services

    with on(datetime.date(2025, 12, 1)):
        register_services.ai_system_update(
            actor=commissioner,
            system=system,
            name=system.name,
            supplier=system.supplier,
            description=system.description,
            value_chain=system.value_chain,
            decision_categories=list(system.decision_categories.all()),
            used_in_high_risk_decision_making=True,
            planned_start=system.planned_start,
            first_use=system.first_use,
            end_of_use=datetime.date(2025, 12, 1),
        )
    sweep_on(legal_time.add_days(REVIEW_DUE, 1))
    assert failures(Obligation.WAIRA_REVIEW) == []


def test_observability_counts_the_days_with_a_published_entry(commissioner, system):
    with on(datetime.date(2025, 6, 10)):
        published_entry(commissioner, system)
    sweep_on(legal_time.add_days(REVIEW_DUE, 1))
    failure = Failure.objects.get(obligation=Obligation.WAIRA_REVIEW)
    assert failure.observed_from == FIRST_USE
    assert failure.observed_to == legal_time.add_days(REVIEW_DUE, 1)
    expected = legal_time.days_between(datetime.date(2025, 6, 10), failure.observed_to) + 1
    assert failure.register_published_days == expected


@pytest.mark.parametrize(
    ("published_offset", "published_days"),
    [(-1, 2), (0, 1), (1, 0)],
    ids=["published the day before", "published the day it opens", "published the day after"],
)
def test_observability_is_fixed_on_the_day_the_failure_opens(
    commissioner, system, published_offset, published_days
):
    """R-ET-JE (s.19(6)(b)): how visible the failure was is counted up to the day the sweep
    opens it, and kept: publishing the day after changes nothing already recorded."""
    opens = legal_time.add_days(REVIEW_DUE, 1)
    published_on = legal_time.add_days(opens, published_offset)
    if published_offset <= 0:
        with on(published_on):
            published_entry(commissioner, system)
    sweep_on(opens)
    if published_offset > 0:
        with on(published_on):
            published_entry(commissioner, system)
        sweep_on(published_on)
    failure = Failure.objects.get(obligation=Obligation.WAIRA_REVIEW)
    assert failure.observed_to == opens
    assert failure.register_published_days == published_days


def test_observability_is_zero_for_a_system_never_on_the_register(system):
    sweep_on(legal_time.add_days(REGISTER_DUE, 1))
    (failure,) = failures(Obligation.REGISTER_ENTRY)
    assert failure.register_published_days == 0
    assert failure.observed_days == legal_time.days_between(FIRST_USE, REGISTER_DUE) + 2


# --- Starts in breach (s.14(2), s.15(1); R-WAIRA-INIT, R-CONS-INIT, A3) ----------------------

C = datetime.date(2026, 1, 31)
S = datetime.date(2026, 2, 27)


@pytest.fixture
def consulted_on_c(commissioner, organisation):
    with on(datetime.date(2026, 1, 2)):
        system = assessable_system(commissioner, organisation, planned_start=S)
    complete_waira_on(commissioner, system, C)
    return system


def test_a_start_in_breach_of_s15_1_gets_the_issues_worked_example(commissioner, consulted_on_c):
    breach_start(commissioner, consulted_on_c, S, datetime.date(2026, 3, 2))
    sweep_on(datetime.date(2026, 3, 3))
    (failure,) = Failure.objects.filter(system=consulted_on_c)
    assert failure.obligation == Obligation.CONSULT_BEFORE_USE
    assert failure.basis == Basis.STARTED_IN_BREACH
    assert failure.failure_date_protective == datetime.date(2026, 2, 27)
    assert failure.failure_date_safe == datetime.date(2026, 1, 28)
    assert failure.limitation_protective == datetime.date(2026, 8, 26)
    assert failure.limitation_safe == datetime.date(2026, 7, 27)


def test_a_start_on_the_conservative_earliest_day_is_not_a_breach(commissioner, consulted_on_c):
    with pytest.raises(ValidationError) as refused:
        breach_start(
            commissioner, consulted_on_c, datetime.date(2026, 3, 1), datetime.date(2026, 3, 2)
        )
    assert "ordinary page" in str(refused.value)


def test_a_start_the_day_before_the_earliest_day_is_a_breach(commissioner, consulted_on_c):
    breach_start(
        commissioner, consulted_on_c, datetime.date(2026, 2, 28), datetime.date(2026, 3, 2)
    )
    sweep_on(datetime.date(2026, 3, 3))
    failure = Failure.objects.get(obligation=Obligation.CONSULT_BEFORE_USE)
    assert failure.failure_date_protective == datetime.date(2026, 2, 28)
    assert failure.failure_date_safe == datetime.date(2026, 2, 1)


def test_a_start_without_any_waira_opens_both_failures_with_f_equal_to_s(
    commissioner, organisation
):
    with on(datetime.date(2026, 1, 2)):
        system = assessable_system(commissioner, organisation, planned_start=S)
    breach = breach_start(commissioner, system, S, datetime.date(2026, 3, 2))
    assert set(breach.missing) == {"waira_initial", "consultation"}
    system.refresh_from_db()
    assert system.first_use == S and system.used_in_high_risk_decision_making
    sweep_on(datetime.date(2026, 3, 3))
    opened = {f.obligation: f for f in Failure.objects.filter(system=system)}
    assert set(opened) >= {Obligation.WAIRA_BEFORE_USE, Obligation.CONSULT_BEFORE_USE}
    for failure in (opened[Obligation.WAIRA_BEFORE_USE], opened[Obligation.CONSULT_BEFORE_USE]):
        assert failure.failure_date_protective == failure.failure_date_safe == S


def test_a_start_in_breach_needs_evidence(commissioner, consulted_on_c):
    from waira import services as waira_services

    with on(datetime.date(2026, 3, 2)), pytest.raises(ValidationError) as refused:
        waira_services.high_risk_start_breach_record(
            actor=commissioner,
            system=consulted_on_c,
            started_on=S,
            account="Began early.",
            evidence=None,
        )
    assert "evidence" in refused.value.message_dict


def test_a_worker_may_not_record_a_start_in_breach(worker, consulted_on_c):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        breach_start(worker, consulted_on_c, S, datetime.date(2026, 3, 2))


# --- Requests (s.17(4), s.18(6)) ---------------------------------------------------------------


def test_a_missed_request_is_covered_by_the_one_record(worker, organisation):
    with on(datetime.date(2025, 3, 3)):
        request = make_request(worker, organisation)
    with on(datetime.date(2025, 4, 1)):
        from core.services import sweep_run

        sweep_run("rights_requests")
        sweep_run("accountability")
    recorded = ComplianceFailure.objects.get(request=request)
    failure = Failure.objects.get(request=request)
    assert failure.obligation == Obligation.EXPLANATION
    assert failure.failure_date_safe == recorded.failure_date == datetime.date(2025, 4, 1)
    assert failure.limitation_safe == recorded.file_by


def test_a_request_refused_on_an_exemption_gets_its_dates(worker, organisation, user_with_role):
    contact = user_with_role(Role.NOMINATED_CONTACT)
    with on(datetime.date(2025, 3, 3)):
        request = make_request(worker, organisation)
    with on(datetime.date(2025, 3, 10)):
        claim = rights_services.exemption_claim(
            actor=contact, request=request, ground="s17_5_a", reasons="Supplier data lost."
        )
        rights_services.exemption_decide(
            actor=contact, claim=claim, decision="applies", reasons="Nothing left to explain from."
        )
    sweep_on(datetime.date(2025, 3, 11))
    failure = Failure.objects.get(request=request)
    assert failure.basis == Basis.REFUSED_EXEMPTION
    assert failure.failure_date_safe == datetime.date(2025, 3, 10)
    assert failure.failure_date_protective == datetime.date(2025, 4, 1)
    assert Notification.objects.filter(kind="failure_opened", recipient=worker).count() == 1

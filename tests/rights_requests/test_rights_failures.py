"""Failures and the tribunal clock (s.19): the daily sweep, the limits and ACAS dates (ET cases)."""

import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from core.roles import Role
from rights_requests import services
from rights_requests.models import ComplianceFailure, RequestKind
from tests.rights_helpers import agree_due_date, case, d, explain, make_request, sweep_requests

pytestmark = pytest.mark.django_db


def at(day: str, hour: int = 10):
    return time_machine.travel(f"{day}T{hour:02d}:00:00Z", tick=False)


@pytest.mark.parametrize("sweep_on,recorded", [("2025-03-31", 0), ("2025-04-01", 1)])
def test_et_01_sweep_on_and_after_the_due_date(worker, organisation, sweep_on, recorded):
    example = case("ET-01")
    with at(example["inputs"]["request_date"]):
        request = make_request(worker, organisation)
    with at(sweep_on):
        assert sweep_requests() == recorded
    if recorded:
        failure = ComplianceFailure.objects.get(request=request)
        expected = example["expected"]
        assert failure.last_compliance_date == d(expected["last_compliance_date"])
        assert failure.failure_date == d(expected["failure_date"])
        assert failure.out_of_time_after == d(expected["limitation_protective"])
        assert failure.file_by == d(expected["limitation_safe"])


def test_sweep_is_idempotent_and_skips_closed_requests(
    worker, organisation, nominated_contact, competent_agent
):
    with at("2025-03-03"):
        open_request = make_request(worker, organisation)
        answered = make_request(worker, organisation)
        explain(nominated_contact, answered)
        withdrawn = make_request(worker, organisation)
        services.rights_request_withdraw(actor=worker, request=withdrawn)
        make_request(worker, organisation, RequestKind.RECONSIDERATION)
    with at("2025-04-05"):
        assert sweep_requests() == 2
        assert sweep_requests() == 0
    call_command("run_sweeps", "rights_requests", stdout=io.StringIO())
    assert ComplianceFailure.objects.filter(request=open_request).count() == 1
    assert not ComplianceFailure.objects.filter(request__in=[answered, withdrawn]).exists()


def test_et_08_leap_year_limits(worker, organisation, nominated_contact):
    example = case("ET-08")
    last_day = d(example["inputs"]["last_compliance_date"])
    with at("2027-08-02"):
        request = make_request(worker, organisation)
        agree_due_date(nominated_contact, request, last_day, "Agreed by email on 2 August.")
    with at(example["expected"]["failure_date"]):
        sweep_requests()
    failure = ComplianceFailure.objects.get(request=request)
    assert failure.failure_date == d(example["expected"]["failure_date"])
    assert failure.out_of_time_after == d(example["expected"]["limitation_protective"])
    assert failure.file_by == d(example["expected"]["limitation_safe"])


@pytest.mark.parametrize("case_id", ["ET-02", "ET-04", "ET-06"])
def test_early_conciliation_extends_both_dates(worker, organisation, nominated_contact, case_id):
    example = case(case_id)
    failure_on = d(example["inputs"]["failure_date"])
    due = d(example["inputs"]["failure_date"]).replace(day=1)
    with at(due.isoformat()):
        request = make_request(worker, organisation)
        # The failure date is the day after the agreed due date in each example.
        agree_due_date(
            nominated_contact,
            request,
            failure_on.fromordinal(failure_on.toordinal() - 1),
            "Agreed in writing.",
        )
    with at(example["inputs"]["failure_date"]):
        sweep_requests()
    failure = ComplianceFailure.objects.get(request=request)
    assert failure.failure_date == failure_on
    with at(example["inputs"]["day_b"]):
        services.failure_record_early_conciliation(
            actor=worker,
            failure=failure,
            day_a=d(example["inputs"]["day_a"]),
            day_b=d(example["inputs"]["day_b"]),
        )
    failure.refresh_from_db()
    expected = example["expected"]
    assert failure.file_by == d(expected["overall_safe_filing_date"])  # ignores EC (A14)
    assert failure.out_of_time_after == d(expected["limitation_protective"])
    assert failure.extended_out_of_time_after == d(expected["with_acas_protective"])
    assert failure.extended_file_by == d(expected["with_acas_safe"])


def test_only_the_worker_records_early_conciliation(worker, organisation, user_with_role):
    with at("2025-03-03"):
        request = make_request(worker, organisation)
    with at("2025-04-02"):
        sweep_requests()
        failure = request.failure
        for other in (user_with_role(Role.WORKER), user_with_role(Role.ADMINISTRATOR)):
            with pytest.raises(PermissionDenied):
                services.failure_record_early_conciliation(
                    actor=other, failure=failure, day_a=d("2025-04-02"), day_b=d("2025-04-02")
                )
        with pytest.raises(ValidationError):
            services.failure_record_early_conciliation(
                actor=worker, failure=failure, day_a=d("2025-04-02"), day_b=None
            )


def test_late_answer_records_the_failure(worker, organisation, nominated_contact):
    with at("2025-03-03"):
        request = make_request(worker, organisation)
    with at("2025-04-03"):
        answer = explain(nominated_contact, request)
    assert not answer.in_time
    assert request.failure.failure_date == d("2025-04-01")


def test_failure_tells_the_worker(
    worker, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    with at("2025-03-03"):
        make_request(worker, organisation)
    mailoutbox.clear()
    with at("2025-04-01"), django_capture_on_commit_callbacks(execute=True):
        sweep_requests()
    assert len(mailoutbox) == 1
    assert "30 September 2025" in mailoutbox[0].body

"""An agreed longer period counts only with the worker's own agreement (issue 13, item 3): the
handler proposes it and the worker confirms or declines in Llais, or staff attach the worker's
written agreement; the worker is told either way, and the Bill's own date stays on the page as
the safe tribunal clock."""

from __future__ import annotations

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Notification
from rights_requests import services
from rights_requests.models import ComplianceFailure, DueBasis, ExtensionState
from tests.rights_helpers import d, make_request, sweep_requests
from tests.rights_requests.test_true_dates import log

pytestmark = pytest.mark.django_db

STATUTORY = d("2025-03-31")  # 28 days after a request of 3 March 2025
PROPOSED = d("2025-04-14")


def at(day: str):
    return time_machine.travel(f"{day}T10:00:00Z", tick=False)


@pytest.fixture
def request_of_3_march(worker, organisation):
    with at("2025-03-03"):
        return make_request(worker, organisation)


def propose(handler, request, **kwargs):
    return services.rights_request_set_due_date(
        actor=handler,
        request=request,
        basis=DueBasis.AGREED,
        due_date=PROPOSED,
        evidence="The worker said on the phone that 14 April is fine.",
        **kwargs,
    )


def test_a_proposed_date_changes_nothing_until_the_worker_confirms(
    worker, nominated_contact, request_of_3_march
):
    with at("2025-03-04"):
        request = propose(nominated_contact, request_of_3_march)
    assert request.due_date == STATUTORY
    assert request.due_basis == DueBasis.STATUTORY
    assert request.extension_state == ExtensionState.AWAITING_WORKER
    asked = Notification.objects.get(kind="extension_proposed")
    assert (asked.recipient, asked.due_date) == (worker, PROPOSED)


@pytest.mark.parametrize(
    ("agree", "due", "state"),
    [(True, PROPOSED, ExtensionState.CONFIRMED), (False, STATUTORY, ExtensionState.DECLINED)],
)
def test_the_worker_confirms_or_declines(
    worker, nominated_contact, request_of_3_march, agree, due, state
):
    with at("2025-03-04"):
        propose(nominated_contact, request_of_3_march)
        request = services.rights_request_extension_answer(
            actor=worker, request=request_of_3_march, agree=agree
        )
    assert (request.due_date, request.extension_state) == (due, state)


def test_only_the_worker_answers_for_themselves(
    worker, nominated_contact, administrator, request_of_3_march
):
    with at("2025-03-04"):
        propose(nominated_contact, request_of_3_march)
        for someone in (nominated_contact, administrator):
            with pytest.raises(PermissionDenied):
                services.rights_request_extension_answer(
                    actor=someone, request=request_of_3_march, agree=True
                )


@pytest.mark.parametrize(
    ("day", "failed"), [("2025-03-31", False), ("2025-04-01", True), ("2025-04-02", True)]
)
def test_an_unconfirmed_date_leaves_the_statutory_failure(
    nominated_contact, request_of_3_march, day, failed
):
    with at("2025-03-04"):
        propose(nominated_contact, request_of_3_march)
    with at(day):
        sweep_requests()
    failure = ComplianceFailure.objects.filter(request=request_of_3_march).first()
    assert (failure is not None) is failed
    if failure is not None:
        assert failure.failure_date == d("2025-04-01")


def test_the_workers_written_agreement_counts_at_once_and_they_are_told(
    worker, nominated_contact, request_of_3_march
):
    agreement = SimpleUploadedFile("agreement.txt", b"I agree to an answer by 14 April. Dylan")
    with at("2025-03-04"):
        request = propose(nominated_contact, request_of_3_march, agreement=agreement)
    assert (request.due_date, request.extension_state) == (
        PROPOSED,
        ExtensionState.WRITTEN_AGREEMENT,
    )
    told = Notification.objects.get(kind="extension_recorded")
    assert (told.recipient, told.due_date) == (worker, PROPOSED)


def test_someone_without_an_account_needs_their_written_agreement(organisation, nominated_contact):
    with at("2025-05-12"):
        request, _token = log(nominated_contact, organisation)
        with pytest.raises(ValidationError) as error:
            services.rights_request_set_due_date(
                actor=nominated_contact,
                request=request,
                basis=DueBasis.AGREED,
                due_date=d("2025-06-20"),
                evidence="He said so at the depot.",
            )
    assert "agreement" in error.value.message_dict


def test_the_worker_answers_on_their_page_and_the_safe_clock_stays_shown(
    client, worker, nominated_contact, request_of_3_march
):
    with at("2025-03-04"):
        propose(nominated_contact, request_of_3_march)
        client.force_login(worker)
        detail = reverse("rights_requests:request_detail", args=[request_of_3_march.pk])
        page = client.get(detail).content.decode()
        assert "own date (the safe clock)" in page
        assert "31 March 2025" in page
        url = reverse("rights_requests:extension_answer", args=[request_of_3_march.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {"agree": "no"}).status_code == 302
    request_of_3_march.refresh_from_db()
    assert request_of_3_march.extension_state == ExtensionState.DECLINED

"""The request pages through HTTP: a worker asks, the contact answers with a letter, the worker
asks for a reconsideration, an agent alters the decision; a jobseeker asks without an account;
an unanswered request shows its tribunal dates; Welsh letters for Welsh requests."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from core.roles import Role
from rights_requests import services
from rights_requests.models import RequestState, RightsRequest
from tests.register_helpers import published_entry, register_system
from tests.rights_helpers import agent_for, make_request, sweep_requests

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(page.extract_text() for page in reader.pages)


def date_fields(prefix: str, day: int, month: int, year: int) -> dict[str, int]:
    return {f"{prefix}_day": day, f"{prefix}_month": month, f"{prefix}_year": year}


REQUEST_POST = {
    "kind": "explanation",
    "requester_status": "worker",
    "decision": "My shifts were cut to 12 hours.",
    "request_text": "How did the system decide?",
    "language": "en",
    **date_fields("aware_on", 1, 3, 2025),
}
CHECKLIST_POST = {
    "readily_understandable": "on",
    "personal": "on",
    "in_writing": "on",
    "accessible_format": "on",
    "free_of_charge": "on",
}


@time_machine.travel("2025-03-03T10:00:00Z", tick=False)
def test_request_explain_reconsider_alter(
    client,
    worker,
    organisation,
    nominated_contact,
    administrator,
    competent_agent,
    django_capture_on_commit_callbacks,
):
    agent_for(administrator, organisation, competent_agent)
    client.force_login(worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rights_requests:request_create"),
            {**REQUEST_POST, "organisation": organisation.pk},
        )
    explanation = RightsRequest.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("rights_requests:request_detail", args=[explanation.pk]))
    assert "31 March 2025" in page.content.decode() and "Days left: 28" in page.content.decode()

    client.force_login(nominated_contact)
    queue = client.get(reverse("rights_requests:queue")).content.decode()
    assert "Days left: 28" in queue
    url = reverse("rights_requests:explanation_issue", args=[explanation.pk])
    missing = client.post(url, {"text": "Ranked on availability.", "text_language": "en"})
    assert missing.status_code == 200 and "There is a problem" in missing.content.decode()
    client.post(url, {"text": "Ranked on availability.", "text_language": "en", **CHECKLIST_POST})
    explanation.refresh_from_db()
    assert explanation.state == RequestState.ANSWERED

    client.force_login(worker)
    letter = client.get(reverse("rights_requests:letter_pdf", args=[explanation.pk]))
    assert "Ranked on availability." in pdf_text(letter)
    follow_url = reverse("rights_requests:request_create") + f"?follows={explanation.pk}"
    client.post(
        follow_url, {**REQUEST_POST, "kind": "reconsideration", "organisation": organisation.pk}
    )
    reconsideration = RightsRequest.objects.get(kind="reconsideration")
    assert reconsideration.follows == explanation

    client.force_login(administrator)
    agent = services.agent_choices(organisation)[0].contact
    client.post(
        reverse("rights_requests:agent_assign", args=[reconsideration.pk]), {"agent": agent.pk}
    )
    client.force_login(competent_agent)
    client.post(
        reverse("rights_requests:reconsideration_conclude", args=[reconsideration.pk]),
        {
            "outcome": "altered",
            "what_changed": "Hours restored to 30.",
            "text": "Your leave was counted as unavailability.",
            "text_language": "en",
        },
    )
    reconsideration.refresh_from_db()
    assert reconsideration.state == RequestState.ANSWERED
    assert reconsideration.answer.outcome == "altered"
    client.force_login(worker)
    page = client.get(reverse("rights_requests:request_detail", args=[reconsideration.pk]))
    assert "Hours restored to 30." in page.content.decode()
    timeline = pdf_text(
        client.get(reverse("rights_requests:timeline_pdf", args=[reconsideration.pk]))
    )
    # Dates in words, to the second, in UK time (issue 14): never a raw timestamp.
    assert "Written answer issued" in timeline and "3 March 2025 at 10:00:00, UK time" in timeline


def test_unanswered_request_shows_tribunal_dates_in_welsh(client, worker, organisation):
    with time_machine.travel("2025-03-03T10:00:00Z", tick=False):
        request = make_request(worker, organisation, language="cy")
    with time_machine.travel("2025-04-01T10:00:00Z", tick=False):
        sweep_requests()
        client.force_login(worker)
        client.post(reverse("set_language"), {"language": "cy", "next": "/"})
        page = client.get(reverse("rights_requests:request_detail", args=[request.pk]))
    text = page.content.decode()
    assert 'lang="cy"' in text
    assert "30 Medi 2025" in text  # file by, and out of time after (ET-01)
    with time_machine.travel("2025-04-02T10:00:00Z", tick=False):
        client.force_login(worker)  # a day later: yesterday's session has ended
        client.post(
            reverse("rights_requests:early_conciliation", args=[request.pk]),
            {**date_fields("day_a", 1, 4, 2025), **date_fields("day_b", 2, 4, 2025)},
        )
    request.failure.refresh_from_db()
    assert request.failure.extended_file_by is not None


def test_welsh_letter_for_a_welsh_request(client, worker, organisation, nominated_contact):
    request = make_request(worker, organisation, language="cy")
    services.explanation_issue(
        actor=nominated_contact,
        request=request,
        text="Rhoddodd y system sgôr isel i chi.",
        text_language="cy",
        readily_understandable=True,
        personal=True,
        in_writing=True,
        accessible_format=True,
        free_of_charge=True,
    )
    client.force_login(worker)
    text = pdf_text(client.get(reverse("rights_requests:letter_pdf", args=[request.pk])))
    assert "Rhoddodd y system sgôr isel i chi." in text
    assert "Annwyl" in text  # the letter's own words are in Welsh too


def test_jobseeker_without_an_account(
    client, organisation, commissioner, django_capture_on_commit_callbacks
):
    # Only an organisation with a published register entry has the form.
    published_entry(
        commissioner,
        register_system(commissioner, organisation, first_use=datetime.date(2024, 6, 3)),
    )
    url = reverse("rights_requests:public_request_form", args=[organisation.slug])
    assert client.get(url).status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                **REQUEST_POST,
                "requester_status": "jobseeker",
                "requester_name": "Gwen Applicant",
                "email": "gwen@example.org",
                "aware_on_day": 1,
                "aware_on_month": 1,
                "aware_on_year": 2025,
            },
        )
    assert response.status_code == 200 and not RightsRequest.objects.exists()
    found = re.search(r"http\S+/requests/confirm/\S+/", str(mail.outbox[0].body))
    assert found is not None
    confirm_url = found.group(0)
    confirm_path = confirm_url.split("8000", 1)[-1]
    assert client.get(confirm_path).status_code == 200  # a GET sends nothing
    assert not RightsRequest.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path)
    request = RightsRequest.objects.get()
    assert request.requester is None and request.requester_email == "gwen@example.org"
    track = response["Location"]
    assert client.get(track).status_code == 200
    assert client.post(confirm_path).status_code == 200  # a second use gives nothing away
    assert RightsRequest.objects.count() == 1
    assert client.get(track.replace("track/", "track/x")).status_code == 404


def test_union_rep_sees_figures_and_only_shared_requests(
    client, worker, organisation, union_rep, user_with_role
):
    request = make_request(worker, organisation)
    client.force_login(union_rep)
    url = reverse("rights_requests:request_detail", args=[request.pk])
    assert client.get(url).status_code == 404
    figures = client.get(reverse("rights_requests:figures")).content.decode()
    assert worker.get_full_name() not in figures
    services.rights_request_share(actor=worker, request=request, representative=union_rep)
    assert client.get(url).status_code == 200
    client.force_login(user_with_role(Role.UNION_REPRESENTATIVE))
    assert client.get(url).status_code == 404


def test_queue_and_dashboard_queries_do_not_grow(client, worker, organisation, nominated_contact):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    client.force_login(nominated_contact)
    make_request(worker, organisation)
    few = [queries(reverse("rights_requests:queue")), queries(reverse("core:dashboard"))]
    for _ in range(10):
        make_request(worker, organisation)
    assert [queries(reverse("rights_requests:queue")), queries(reverse("core:dashboard"))] == few


def test_a_refused_form_shows_one_error_summary_above_its_heading(
    client, worker, organisation, nominated_contact
):
    """GOV.UK: one error summary, at the top of the page; two would be announced twice."""
    client.force_login(worker)
    pages = [client.post(reverse("rights_requests:request_create"), {})]
    client.force_login(nominated_contact)
    request = make_request(worker, organisation)
    pages.append(client.post(reverse("rights_requests:explanation_issue", args=[request.pk]), {}))
    for page in pages:
        html = page.content.decode()
        assert page.status_code == 200 and html.count('class="govuk-error-summary"') == 1
        assert html.index('class="govuk-error-summary"') < html.index("<h1")

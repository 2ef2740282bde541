"""The public request form (no account) gives nothing away and cannot be used to send spam: it
names only published systems, by the public register's identifiers; an organisation with nothing
published looks like one that does not exist; and it sends a limited number of confirmation
emails to one address and takes a limited number of submissions from one client address."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from rights_requests.models import RequestDraft
from tests.register_helpers import published_entry, register_system

pytestmark = pytest.mark.django_db

NOW = "2025-03-03T10:00:00Z"
FIRST_USE = datetime.date(2025, 1, 6)


@pytest.fixture
def published(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=FIRST_USE, name="RotaWise")
    entry, _version = published_entry(commissioner, system, name_cy="RotaDoeth")
    return system, entry


def form_url(organisation) -> str:
    return reverse("rights_requests:public_request_form", args=[organisation.slug])


def post(organisation, email: str, address: str = "203.0.113.7", **extra: object):
    data = {
        "kind": "explanation",
        "requester_status": "jobseeker",
        "requester_name": "Gwen Applicant",
        "email": email,
        "decision": "My application was turned down.",
        "request_text": "How did the system decide?",
        "language": "en",
        "aware_on_day": 1,
        "aware_on_month": 3,
        "aware_on_year": 2025,
        **extra,
    }
    return Client(REMOTE_ADDR=address).post(form_url(organisation), data)


def test_the_form_lists_only_published_systems_by_their_register_ids(
    client, published, commissioner, organisation
):
    system, entry = published
    draft_only = register_system(commissioner, organisation, first_use=FIRST_USE, name="CVSecret")
    html = client.get(form_url(organisation)).content.decode()
    assert f'<option value="{entry.pk}">RotaWise</option>' in html
    assert "CVSecret" not in html
    # Named by its register id, the system is the one the draft records.
    with time_machine.travel(NOW, tick=False):
        assert post(organisation, "gwen@example.org", ai_system=entry.pk).status_code == 200
    assert RequestDraft.objects.get().fields["ai_system"] == system.pk
    # An unpublished system's id is no choice at all.
    unknown = draft_only.register_entry.pk
    with time_machine.travel(NOW, tick=False):
        response = post(organisation, "gwen@example.org", ai_system=unknown)
    assert response.status_code == 200 and RequestDraft.objects.count() == 1
    assert "Select a valid choice" in response.content.decode()


def test_an_organisation_with_nothing_published_looks_like_none_at_all(
    client, organisation, commissioner
):
    # In high-risk use, its entry not yet published: still nothing to show the public.
    register_system(commissioner, organisation, first_use=FIRST_USE, name="CVSecret")
    existing = client.get(form_url(organisation))
    missing = client.get(
        reverse("rights_requests:public_request_form", args=["no-such-organisation"])
    )
    assert existing.status_code == missing.status_code == 404

    def page(response, slug: str) -> str:
        """The page less what differs by request: its own address and the CSRF token."""
        html = response.content.decode().replace(slug, "SLUG")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert page(existing, organisation.slug) == page(missing, "no-such-organisation")
    assert organisation.name not in existing.content.decode()


@time_machine.travel(NOW, tick=False)
def test_one_email_address_gets_three_confirmations_a_day_then_none(
    published, organisation, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    for number, address in enumerate(("Gwen@Example.org", "gwen@example.org ", "gwen@example.org")):
        with django_capture_on_commit_callbacks(execute=True):
            response = post(organisation, address, address=f"203.0.113.{number}")
        assert response.status_code == 200
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        refused = post(organisation, "GWEN@example.org", address="198.51.100.1")
    html = refused.content.decode()
    assert refused.status_code == 429
    assert len(mail.outbox) == 3 and RequestDraft.objects.count() == 3
    assert "as many confirmation emails to this address as we can" in html
    assert "You can try again after" in html and "2025" in html
    assert 'value="Gwen Applicant"' in html and "My application was turned down." in html
    assert "govuk-error-summary" in html
    # Another address is not held back by it.
    with django_capture_on_commit_callbacks(execute=True):
        assert post(organisation, "rhys@example.org").status_code == 200
    assert len(mail.outbox) == 4
    # A day later the address may be written to again.
    a_day_later = datetime.datetime(2025, 3, 4, 10, 1, tzinfo=datetime.UTC)
    with time_machine.travel(a_day_later), django_capture_on_commit_callbacks(execute=True):
        assert post(organisation, "gwen@example.org").status_code == 200
    assert len(mail.outbox) == 5


@time_machine.travel(NOW, tick=False)
def test_one_client_address_sends_ten_an_hour_then_none(
    published, organisation, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    for number in range(10):
        with django_capture_on_commit_callbacks(execute=True):
            assert post(organisation, f"person{number}@example.org").status_code == 200
    assert len(mail.outbox) == 10
    with django_capture_on_commit_callbacks(execute=True):
        refused = post(organisation, "person10@example.org")
    assert refused.status_code == 429
    assert len(mail.outbox) == 10 and RequestDraft.objects.count() == 10
    html = refused.content.decode()
    assert "Too many requests have been sent from your connection" in html
    assert 'value="person10@example.org"' in html
    # Another client address is not held back by it.
    with django_capture_on_commit_callbacks(execute=True):
        assert post(organisation, "person11@example.org", address="192.0.2.44").status_code == 200
    assert len(mail.outbox) == 11


@time_machine.travel(NOW, tick=False)
def test_the_limit_message_is_in_welsh_on_a_welsh_page(published, organisation):
    for number in range(3):
        response = post(organisation, "gwen@example.org", address=f"203.0.113.{number}")
        assert response.status_code == 200
    client = Client(REMOTE_ADDR="198.51.100.9")
    client.cookies["django_language"] = "cy"
    refused = client.post(
        form_url(organisation),
        {
            "kind": "explanation",
            "requester_status": "jobseeker",
            "requester_name": "Gwen Applicant",
            "email": "gwen@example.org",
            "decision": "Gwrthodwyd fy nghais.",
            "request_text": "Sut penderfynodd y system?",
            "language": "cy",
            "aware_on_day": 1,
            "aware_on_month": 3,
            "aware_on_year": 2025,
        },
    )
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "Mae problem" in html
    assert "Gallwch roi cynnig arall arni ar ôl" in html and "Mawrth 2025" in html

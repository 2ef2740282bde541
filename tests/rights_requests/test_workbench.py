"""The handler's workbench: every request the person handles, open and answered, with a
reference and a one-line summary, searched and filtered through checked GET parameters."""

import pytest
import time_machine
from django.urls import reverse

from core.roles import Role
from rights_requests import services
from rights_requests.references import next_reference
from tests.rights_helpers import agent_for, explain, make_request

pytestmark = pytest.mark.django_db

QUEUE = "rights_requests:queue"


def page(client, **query) -> str:
    response = client.get(reverse(QUEUE), query)
    assert response.status_code in (200, 400)
    return str(response.content.decode())


@time_machine.travel("2026-03-03T10:00:00Z", tick=False)
def test_requests_get_references_numbered_per_kind_and_year(
    worker, organisation, administrator, competent_agent
):
    first = make_request(worker, organisation)
    second = make_request(worker, organisation)
    reconsideration = make_request(worker, organisation, "reconsideration")
    assert [first.reference, second.reference, reconsideration.reference] == [
        "EXP-2026-0001",
        "EXP-2026-0002",
        "REC-2026-0001",
    ]


def test_references_count_from_the_highest_taken():
    taken = ["EXP-2026-0009", "EXP-2025-0040", "REC-2026-0011"]
    assert next_reference("explanation", 2026, taken) == "EXP-2026-0010"


def test_references_are_numbered_per_organisation(
    worker, organisation, other_organisation, user_with_role
):
    other_worker = user_with_role(Role.WORKER, organisation=other_organisation)
    ours = make_request(worker, organisation)
    theirs = make_request(other_worker, other_organisation)
    assert ours.reference == theirs.reference


def test_an_answered_request_stays_on_the_workbench(
    client, worker, organisation, nominated_contact
):
    request = make_request(worker, organisation)
    explain(nominated_contact, request)
    client.force_login(nominated_contact)
    assert request.reference in page(client)


def test_identical_rows_are_told_apart_by_reference_and_summary(
    client, worker, organisation, nominated_contact
):
    make_request(worker, organisation, decision="My shifts were cut by the rota system.")
    make_request(worker, organisation, decision="My bonus was refused by the scoring tool.")
    client.force_login(nominated_contact)
    body = page(client)
    assert "My shifts were cut by the rota system." in body
    assert "My bonus was refused by the scoring tool." in body


def test_search_finds_a_request_by_its_reference(client, worker, organisation, nominated_contact):
    wanted = make_request(worker, organisation, decision="Hours cut.")
    make_request(worker, organisation, decision="Pay docked.")
    client.force_login(nominated_contact)
    body = page(client, q=wanted.reference)
    assert "Hours cut." in body and "Pay docked." not in body


def test_the_state_filter_keeps_the_closed_requests(
    client, worker, organisation, nominated_contact
):
    answered = make_request(worker, organisation, decision="Answered one.")
    explain(nominated_contact, answered)
    make_request(worker, organisation, decision="Open one.")
    client.force_login(nominated_contact)
    body = page(client, state="closed")
    assert "Answered one." in body and "Open one." not in body


def test_the_holder_filter_shows_what_i_claimed(client, worker, organisation, nominated_contact):
    mine = make_request(worker, organisation, decision="Claimed one.")
    make_request(worker, organisation, decision="Unclaimed one.")
    services.rights_request_start(actor=nominated_contact, request=mine)
    client.force_login(nominated_contact)
    body = page(client, holder="me")
    assert "Claimed one." in body and "Unclaimed one." not in body
    assert "Claimed by" in body


def test_a_competent_agent_sees_reconsiderations_not_explanations(
    client, worker, organisation, administrator, competent_agent
):
    agent_for(administrator, organisation, competent_agent)
    make_request(worker, organisation, decision="An explanation.")
    make_request(worker, organisation, "reconsideration", decision="A reconsideration.")
    client.force_login(competent_agent)
    body = page(client)
    assert "A reconsideration." in body and "An explanation." not in body


@pytest.mark.parametrize(
    "query",
    [{"state": "nonsense"}, {"system": "²"}, {"q": "a\x00b"}, {"due": "x"}, {"holder": "9"}],
)
def test_a_hostile_filter_is_an_error_on_the_page_not_a_500(
    client, worker, organisation, nominated_contact, query
):
    make_request(worker, organisation, decision="Still listed.")
    client.force_login(nominated_contact)
    response = client.get(reverse(QUEUE), query)
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body and "Still listed." in body


def test_a_reconsideration_links_to_the_explanation_it_follows(
    client, worker, organisation, nominated_contact
):
    explanation = make_request(worker, organisation)
    explain(nominated_contact, explanation)
    reconsideration = make_request(worker, organisation, "reconsideration", follows=explanation)
    client.force_login(worker)
    detail = client.get(reverse("rights_requests:request_detail", args=[reconsideration.pk]))
    href = reverse("rights_requests:request_detail", args=[explanation.pk])
    assert f'href="{href}">{explanation.reference}' in detail.content.decode()


def test_the_request_page_shows_its_reference(client, worker, organisation):
    request = make_request(worker, organisation)
    client.force_login(worker)
    detail = client.get(reverse("rights_requests:request_detail", args=[request.pk]))
    assert request.reference in detail.content.decode()

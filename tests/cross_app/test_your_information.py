""" "Your information": a person sees and downloads everything Llais holds about them, and nothing
about anyone else."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from core.models import Organisation, User
from core.roles import Role
from tests.rights_helpers import explain, make_request
from tests.waira_helpers import answer_everything, assessable_system, fellow_workers, share
from waira import services as waira_services

pytestmark = pytest.mark.django_db

MINE = "My hours were cut by the rota system (mine)."
THEIRS = "Another worker's decision (theirs)."


@pytest.fixture
def two_workers(
    user_with_role: Callable[..., User],
    commissioner: User,
    nominated_contact: User,
    organisation: Organisation,
) -> tuple[User, User]:
    me = user_with_role(Role.WORKER, first_name="Megan", email="megan@example.org")
    them = user_with_role(Role.WORKER, first_name="Tomos", email="tomos@example.org")
    mine = make_request(me, organisation, decision=MINE)
    explain(nominated_contact, mine, text="The rota system ranked you on availability.")
    make_request(them, organisation, decision=THEIRS)
    system = assessable_system(commissioner, organisation)
    waira = waira_services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira, [me, them, *fellow_workers(organisation, 3)])
    waira_services.concern_raise(actor=me, waira=waira, text="My breaks (anon).", anonymous=True)
    waira_services.concern_raise(actor=them, waira=waira, text="Their breaks.", anonymous=False)
    return me, them


def download(user: User) -> dict[str, Any]:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("core:your_information_download"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data: dict[str, Any] = json.loads(response.content)
    return data


def test_the_download_holds_my_records_and_nobody_elses(two_workers: tuple[User, User]) -> None:
    me, _them = two_workers
    data = download(me)
    sections = data["sections"]
    assert sections["account"]["rows"][0]["email"] == "megan@example.org"
    assert [row["role"] for row in sections["memberships"]["rows"]] == ["Worker"]
    (request,) = sections["rights_requests"]["rows"]
    assert request["decision"] == MINE
    assert request["answer__text"] == "The rota system ranked you on availability."
    (concern,) = sections["concerns"]["rows"]
    assert concern["text"] == "My breaks (anon)." and concern["anonymous"] is True
    assert len(sections["consultations"]["rows"]) == 1
    assert any(row["record"] == "rights request" for row in sections["history"]["rows"])
    text = json.dumps(data)
    for theirs in (THEIRS, "Their breaks.", "tomos@example.org", "Tomos"):
        assert theirs not in text


def test_the_page_shows_the_same_in_welsh(two_workers: tuple[User, User]) -> None:
    me, _them = two_workers
    client = Client()
    client.force_login(me)
    dashboard = client.get(reverse("core:dashboard"))
    assert reverse("core:your_information").encode() in dashboard.content
    page = client.get(reverse("core:your_information"), headers={"accept-language": "cy"})
    assert page.status_code == 200
    body = page.content.decode()
    assert MINE in body and "My breaks (anon)." in body and THEIRS not in body
    client.cookies["django_language"] = "cy"
    welsh = client.get(reverse("core:your_information")).content.decode()
    assert "Eich gwybodaeth" in welsh


def test_a_person_with_nothing_gets_empty_sections(user_with_role: Callable[..., User]) -> None:
    someone = user_with_role(Role.COMMISSIONER)
    data = download(someone)
    assert data["sections"]["rights_requests"]["rows"] == []
    assert data["sections"]["concerns"]["rows"] == []
    assert data["person"] == someone.username

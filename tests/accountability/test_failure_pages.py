"""Failures shown where they matter (a worker's and a union representative's dashboard, the AI
system page, the public register entry, the oversight list) and the just-and-equitable evidence
(s.19(6), R-ET-JE): steps taken and chaser letters in English or Welsh."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from accountability import services
from accountability.models import ChaserLetter, Failure, Obligation, StepTaken
from core.models import User
from core.roles import Role
from registers.models import AISystem, RegisterEntry
from tests.accountability.helpers import consulted_system, on, sweep_on
from tests.factories import example_organisation, member, neighbouring_organisation
from tests.module_worlds import rolled_back_at_the_end
from tests.register_helpers import published_entry

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2025, 3, 3)
TODAY = datetime.date(2026, 1, 10)  # the further WAIRA was due on 3 January 2026


@dataclass
class World:
    people: dict[str, User]
    system: AISystem
    entry: RegisterEntry
    failure: Failure


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker) -> Iterator[World]:
    with rolled_back_at_the_end(django_db_blocker), django_db_blocker.unblock():
        organisation = example_organisation()
        people: dict[str, User] = {
            role: member(role, organisation)
            for role in (
                Role.COMMISSIONER,
                Role.UNION_REPRESENTATIVE,
                Role.OVERSIGHT_MEMBER,
                Role.WORKER,
            )
        }
        people["bystander"] = member(Role.WORKER, organisation)
        people["outsider"] = member(Role.OVERSIGHT_MEMBER, neighbouring_organisation())
        commissioner = people[Role.COMMISSIONER]
        system = consulted_system(
            commissioner,
            organisation,
            first_use=FIRST_USE,
            workers=[people[Role.WORKER]],
            union_rep=people[Role.UNION_REPRESENTATIVE],
        )
        with on(FIRST_USE):
            entry, _version = published_entry(commissioner, system)
        sweep_on(TODAY)
        failure = Failure.objects.get(system=system, obligation=Obligation.WAIRA_REVIEW)
        yield World(people, system, entry, failure)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def page(user: User | None, url: str) -> str:
    with on(TODAY):
        response = client_for(user).get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_worker_sees_the_failure_in_plain_words_on_their_dashboard(world):
    html = page(world.people[Role.WORKER], reverse("core:dashboard"))
    assert "Duties your employer did not meet" in html
    assert "had to carry out a further WAIRA of RotaWise by 3 January 2026 and did not" in html


def test_a_worker_not_affected_sees_no_failure(world):
    html = page(world.people["bystander"], reverse("core:dashboard"))
    assert "Duties your employer did not meet" not in html


def test_a_union_rep_sees_days_left_to_file_on_their_dashboard(world):
    html = page(world.people[Role.UNION_REPRESENTATIVE], reverse("core:dashboard"))
    assert "Failures on your cases" in html
    days = (world.failure.limitation_safe - TODAY).days
    assert f">{days}<" in html


def test_oversight_sees_every_failure_of_their_organisation(world):
    html = page(world.people[Role.OVERSIGHT_MEMBER], reverse("accountability:failure_list"))
    assert reverse("accountability:failure_detail", args=[world.failure.pk]) in html
    assert Failure.objects.filter(organisation=world.failure.organisation).count() >= 2


def test_another_organisations_oversight_sees_none_of_them(world):
    html = page(world.people["outsider"], reverse("accountability:failure_list"))
    assert reverse("accountability:failure_detail", args=[world.failure.pk]) not in html
    with on(TODAY):
        response = client_for(world.people["outsider"]).get(
            reverse("accountability:failure_detail", args=[world.failure.pk])
        )
    assert response.status_code == 404


def test_the_public_register_entry_shows_the_overdue_duty_and_no_person(world):
    html = page(None, reverse("register:entry", args=[world.entry.pk]))
    assert "The employer did not meet these duties for this system" in html
    assert "A further WAIRA within 12 months (s.14(4))" in html
    for person in world.people.values():
        assert person.get_full_name() not in html


def test_the_failure_page_shows_both_dates_and_how_visible_it_was(world):
    html = page(
        world.people[Role.WORKER], reverse("accountability:failure_detail", args=[world.failure.pk])
    )
    assert world.failure.limitation_safe.strftime("%-d %B %Y") in html
    assert "had a published register entry on" in html


def test_a_worker_records_a_step_and_drafts_a_welsh_letter_that_lists_it(world):
    worker = world.people[Role.WORKER]
    with on(TODAY):
        client = client_for(worker)
        response = client.post(
            reverse("accountability:step_add", args=[world.failure.pk]),
            {
                "taken_on_day": "5",
                "taken_on_month": "1",
                "taken_on_year": "2026",
                "description": "Wrote to the head of HR asking for the further WAIRA.",
            },
        )
        assert response.status_code == 302
        response = client.post(
            reverse("accountability:letter_add", args=[world.failure.pk]),
            {"language": "cy", "sender_name": "Cangen Unsain"},
        )
    assert response.status_code == 302
    letter = ChaserLetter.objects.get(failure=world.failure)
    assert letter.dated == TODAY and letter.language == "cy"
    assert "Wrote to the head of HR" in letter.body
    assert "Yn gywir," in letter.body  # in Welsh
    html = page(worker, response["Location"])
    assert "Cangen Unsain" in html


def test_a_step_in_the_future_is_refused_and_nothing_typed_is_lost(world):
    with on(TODAY):
        response = client_for(world.people[Role.UNION_REPRESENTATIVE]).post(
            reverse("accountability:step_add", args=[world.failure.pk]),
            {
                "taken_on_day": "5",
                "taken_on_month": "2",
                "taken_on_year": "2026",
                "description": "Raised at the joint committee.",
            },
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "The date of the step must be today or in the past." in html
    assert "Raised at the joint committee." in html
    assert not StepTaken.objects.exists()


def test_oversight_sees_but_may_not_record_steps(world):
    with on(TODAY):
        response = client_for(world.people[Role.OVERSIGHT_MEMBER]).get(
            reverse("accountability:step_add", args=[world.failure.pk])
        )
    assert response.status_code == 403


def test_early_conciliation_extends_the_dates_beside_the_safe_one(world):
    with on(TODAY):
        failure = services.failure_record_early_conciliation(
            actor=world.people[Role.WORKER],
            failure=world.failure,
            day_a=datetime.date(2026, 1, 6),
            day_b=datetime.date(2026, 1, 9),
        )
    assert failure.limitation_safe == world.failure.limitation_safe  # the safe date stays
    assert failure.limitation_safe_with_conciliation is not None
    assert failure.limitation_safe_with_conciliation > failure.limitation_safe


def test_the_oversight_dashboard_shows_failures_and_the_soonest_date_to_file(world):
    organisation = world.failure.organisation_id
    oversight = world.people[Role.OVERSIGHT_MEMBER]
    html = page(oversight, reverse("oversight:dashboard", args=[organisation]))
    assert "Failures and tribunal dates" in html
    with on(TODAY):
        csv = (
            client_for(oversight)
            .get(reverse("oversight:dashboard_csv", args=[organisation, "failures"]))
            .content.decode()
        )
    soonest = f"{world.failure.limitation_safe:%-d %B %Y}"
    assert f"A further WAIRA within 12 months (s.14(4)),1,1,{soonest}" in csv
    assert "An explanation within 28 days (s.17(4)),0,0,none in time" in csv


def test_the_union_rep_sees_the_failures_of_their_cases_on_the_dashboard(world):
    organisation = world.failure.organisation_id
    rep = world.people[Role.UNION_REPRESENTATIVE]
    with on(TODAY):
        csv = (
            client_for(rep)
            .get(reverse("oversight:dashboard_csv", args=[organisation, "failures"]))
            .content.decode()
        )
    assert "A further WAIRA within 12 months (s.14(4)),1,1," in csv

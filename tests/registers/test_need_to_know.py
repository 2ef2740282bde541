"""The internal record of an AI system is on a need-to-know basis: the organisation's staff and
the union representatives assigned to a case the system is linked to. Every other member,
workers included, sees what the public register shows, even of a system in high-risk use."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import Role
from procurement import services as procurement_services
from registers import services
from registers.models import AISystem
from tests.procurement_helpers import new_case
from tests.register_helpers import published_entry, register_system

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2025, 1, 6)


def renamed(actor, system: AISystem, name: str) -> AISystem:
    """An edit to the internal record after publishing: the register does not show it yet."""
    return services.ai_system_update(
        actor=actor,
        system=system,
        name=name,
        supplier=system.supplier,
        description=system.description,
        value_chain=system.value_chain,
        decision_categories=list(system.decision_categories.all()),
        used_in_high_risk_decision_making=system.used_in_high_risk_decision_making,
        planned_start=system.planned_start,
        first_use=system.first_use,
        end_of_use=system.end_of_use,
    )


@pytest.fixture
def in_use(commissioner, organisation):
    """A system in high-risk use, published, then renamed inside (not yet republished)."""
    system = register_system(
        commissioner,
        organisation,
        first_use=FIRST_USE,
        name="RotaWise",
        supplier="Rota Systems Ltd",
        value_chain="Hosted by Rota Systems Ltd under contract RS-2291.",
    )
    entry, _version = published_entry(commissioner, system)
    return renamed(commissioner, system, "RotaWise Secret Pilot"), entry


def status_of(user, url: str) -> int:
    client = Client()
    client.force_login(user)
    return client.get(url).status_code


def test_only_staff_and_assigned_representatives_read_the_internal_record(
    in_use, organisation, commissioner, user_with_role
):
    system, _entry = in_use
    assigned = user_with_role(Role.UNION_REPRESENTATIVE)
    case = new_case(commissioner, organisation, assigned)
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    url = reverse("registers:system_detail", args=[system.pk])
    allowed = {
        Role.COMMISSIONER: commissioner,
        Role.PROCUREMENT_OFFICER: user_with_role(Role.PROCUREMENT_OFFICER),
        Role.OVERSIGHT_MEMBER: user_with_role(Role.OVERSIGHT_MEMBER),
        Role.ADMINISTRATOR: user_with_role(Role.ADMINISTRATOR),
        "assigned union representative": assigned,
    }
    refused = {
        Role.WORKER: user_with_role(Role.WORKER),
        "unassigned union representative": user_with_role(Role.UNION_REPRESENTATIVE),
        Role.NOMINATED_CONTACT: user_with_role(Role.NOMINATED_CONTACT),
        Role.COMPETENT_AGENT: user_with_role(Role.COMPETENT_AGENT),
    }
    assert {who: status_of(user, url) for who, user in allowed.items()} == dict.fromkeys(
        allowed, 200
    )
    assert {who: status_of(user, url) for who, user in refused.items()} == dict.fromkeys(
        refused, 404
    )
    # The register entry's working copy follows the record: a worker is not told it exists.
    entry_url = reverse("registers:entry_detail", args=[system.pk])
    assert status_of(refused[Role.WORKER], entry_url) == 404
    assert status_of(assigned, entry_url) == 403


def test_a_worker_is_pointed_to_the_public_register_not_the_record(client, in_use, worker):
    system, entry = in_use
    client.force_login(worker)
    for page in (reverse("core:dashboard"), reverse("registers:system_list")):
        html = client.get(page).content.decode()
        assert reverse("register:entry", args=[entry.pk]) in html, page
        assert reverse("registers:system_detail", args=[system.pk]) not in html, page
        assert "RotaWise Secret Pilot" not in html and "Rota Systems Ltd" not in html, page
        assert "RotaWise" in html, page  # the published name


def test_staff_still_reach_the_record_from_their_pages(client, in_use, commissioner):
    system, _entry = in_use
    client.force_login(commissioner)
    for page in (reverse("core:dashboard"), reverse("registers:system_list")):
        html = client.get(page).content.decode()
        assert reverse("registers:system_detail", args=[system.pk]) in html, page


def test_the_worker_request_form_names_systems_as_the_register_does(
    client, in_use, worker, commissioner, organisation
):
    _system, entry = in_use
    draft_only = register_system(
        commissioner, organisation, first_use=FIRST_USE, name="ShiftSense Draft"
    )
    client.force_login(worker)
    html = client.get(reverse("rights_requests:request_create")).content.decode()
    assert f'value="{entry.pk}"' in html and "RotaWise Secret Pilot" not in html
    assert draft_only.register_entry.pk and "ShiftSense Draft" not in html

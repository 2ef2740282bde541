"""Issue 14, item 5: every action is reached by clicking. The no-account request form from the
home page and from every register entry (with the system named); the request figures, "Who
answers requests" and administration in the navigation of those allowed; every gate blocker a
link to where it is fixed; an overridden stage shown as "Overridden" with its reason."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from core.roles import Role
from procurement import services as procurement_services
from tests.procurement_helpers import case_at, meet_gate, new_case
from tests.register_helpers import published_entry, register_system

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2025, 1, 6)


@pytest.fixture
def published(commissioner, organisation):
    system = register_system(commissioner, organisation, first_use=FIRST_USE, name="RotaWise")
    entry, _version = published_entry(commissioner, system)
    return system, entry


def form_url(organisation) -> str:
    return reverse("rights_requests:public_request_form", args=[organisation.slug])


@time_machine.travel("2025-03-03T10:00:00Z", tick=False)
def test_the_home_page_links_to_the_no_account_request_form(published, organisation):
    home = Client().get(reverse("core:home")).content.decode()
    assert f'href="{form_url(organisation)}"' in home


@time_machine.travel("2025-03-03T10:00:00Z", tick=False)
def test_a_register_entry_links_to_the_form_with_its_system_named(published, organisation):
    _system, entry = published
    page = Client().get(reverse("register:entry", args=[entry.pk])).content.decode()
    link = f"{form_url(organisation)}?system={entry.pk}"
    assert f'href="{link}">Ask about a decision made with this system' in page
    form = Client().get(link).content.decode()
    assert re.search(rf'<option value="{entry.pk}"[^>]*selected', form)


@time_machine.travel("2025-03-03T10:00:00Z", tick=False)
def test_a_hostile_system_names_no_system(published, organisation):
    response = Client().get(form_url(organisation), {"system": "9" * 40})
    assert response.status_code == 200
    assert "selected>RotaWise" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "label", "shown"),
    [
        (Role.UNION_REPRESENTATIVE, "Request figures", True),
        (Role.WORKER, "Request figures", False),
        (Role.ADMINISTRATOR, "Who answers requests", True),
        (Role.NOMINATED_CONTACT, "Who answers requests", False),
        (Role.ADMINISTRATOR, "Administration", True),
    ],
)
def test_the_navigation_offers_the_pages_a_role_may_use(client, user_with_role, role, label, shown):
    client.force_login(user_with_role(role))
    navigation = client.get(reverse("core:dashboard")).content.decode()
    assert (f">{label}<" in navigation) is shown


def test_each_gate_blocker_links_to_where_it_is_fixed(client, commissioner, organisation):
    case = new_case(commissioner, organisation)
    client.force_login(commissioner)
    page = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    union = reverse("procurement:union_representatives", args=[case.pk])
    ledger = reverse("procurement:activity_create", args=[case.pk])
    assert f'<a class="govuk-link" href="{union}">Assign at least one union' in page
    assert f'<a class="govuk-link" href="{ledger}">Record at least one engagement' in page
    assert '<a class="govuk-link" href="#prompts">Answer every prompt' in page


def test_a_blocker_is_no_link_for_someone_who_cannot_fix_it(
    client, commissioner, organisation, union_rep
):
    case = new_case(commissioner, organisation, union_rep)
    client.force_login(union_rep)
    page = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    assert reverse("procurement:carry_forward_edit", args=[case.pk, "tender_award"]) not in page
    assert "Sign off or record dissent" in page


def test_an_overridden_stage_shows_overridden_with_its_reason(
    client, commissioner, organisation, union_rep
):
    case = new_case(commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep, skip={"sign_off"})
    procurement_services.case_advance(
        actor=commissioner, case=case, override_reason="Branch agreed by email on 2 March."
    )
    client.force_login(commissioner)
    page = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    stages = page.split('aria-label="Toolkit stages"')[1].split("</nav>")[0]
    assert "Overridden" in stages and "Done" not in stages
    assert "Branch agreed by email on 2 March." in stages


def test_a_stage_passed_by_its_gate_shows_done(client, commissioner, organisation, union_rep):
    case = case_at("tender_award", commissioner, organisation, union_rep)
    client.force_login(commissioner)
    page = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    stages = page.split('aria-label="Toolkit stages"')[1].split("</nav>")[0]
    assert "Done" in stages and "Overridden" not in stages

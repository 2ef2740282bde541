"""The dashboard and the case page run as many queries for 50 rows as for 5."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from procurement import services
from procurement.models import EngagementApproach
from tests.factories import OrganisationFactory, member
from tests.module_worlds import rolled_back_at_the_end
from tests.procurement_helpers import new_case, today
from tests.system_helpers import system_in_high_risk_use

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_cases(count, commissioner, organisation, union_rep):
    for number in range(count):
        case = new_case(commissioner, organisation, union_rep)
        system = system_in_high_risk_use(
            commissioner,
            organisation,
            name=f"System {number}",
            first_use=today() - datetime.timedelta(days=number),
        )
        services.case_link_ai_system(actor=commissioner, case=case, system=system)


DASHBOARD_VIEWERS = [Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER]


@pytest.fixture(scope="module")
def fifty_cases(django_db_setup, django_db_blocker):
    """Built once for the module, as each test would build it: five cases, whose pages' query
    counts are taken for every viewer, then forty-five more. Returns the viewers and the counts
    with five cases, by (role, URL)."""
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            # Not the `organisation` fixture's: the ledger test below makes that one.
            organisation = OrganisationFactory.create()
            viewers = {role: member(role, organisation) for role in DASHBOARD_VIEWERS}
            commissioner, union_rep = viewers[Role.COMMISSIONER], viewers[Role.UNION_REPRESENTATIVE]
            pages = [(role, reverse("core:dashboard")) for role in DASHBOARD_VIEWERS]
            pages.append((Role.COMMISSIONER, reverse("procurement:case_list")))
            add_cases(5, commissioner, organisation, union_rep)
            with_five = {}
            for role, url in pages:
                client = Client()
                client.force_login(viewers[role])
                with_five[role, url] = queries_for(client, url)
            add_cases(45, commissioner, organisation, union_rep)
        yield viewers, with_five


@pytest.mark.parametrize("role", DASHBOARD_VIEWERS)
def test_the_dashboard_does_not_grow_with_the_number_of_cases(client, role, fifty_cases):
    viewers, with_five = fifty_cases
    client.force_login(viewers[role])
    url = reverse("core:dashboard")
    assert queries_for(client, url) == with_five[role, url]


def test_the_case_list_does_not_grow_with_the_number_of_cases(client, fifty_cases):
    viewers, with_five = fifty_cases
    client.force_login(viewers[Role.COMMISSIONER])
    url = reverse("procurement:case_list")
    assert queries_for(client, url) == with_five[Role.COMMISSIONER, url]


def record_activities(count, case, commissioner):
    approach = EngagementApproach.objects.get(key="worker-survey")
    for number in range(count):
        services.engagement_record(
            actor=commissioner,
            case=case,
            approach=approach,
            held_on=today(),
            worker_groups=f"Team {number}",
            worker_count=number + 1,
            issues_raised="Rota swaps.",
        )


def test_the_case_page_does_not_grow_with_the_ledger(client, commissioner, organisation, union_rep):
    case = new_case(commissioner, organisation, union_rep)
    client.force_login(commissioner)
    url = reverse("procurement:case_detail", args=[case.pk])
    record_activities(5, case, commissioner)
    with_five = queries_for(client, url)
    record_activities(45, case, commissioner)
    assert queries_for(client, url) == with_five

"""The dashboard and the case page run as many queries for 50 rows as for 5."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from procurement import services
from procurement.models import EngagementApproach
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


@pytest.mark.parametrize(
    "role", [Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER]
)
def test_the_dashboard_does_not_grow_with_the_number_of_cases(
    client, role, commissioner, organisation, union_rep, user_with_role
):
    viewer = {Role.COMMISSIONER: commissioner, Role.UNION_REPRESENTATIVE: union_rep}.get(role) or (
        user_with_role(role)
    )
    client.force_login(viewer)
    url = reverse("core:dashboard")
    add_cases(5, commissioner, organisation, union_rep)
    with_five = queries_for(client, url)
    add_cases(45, commissioner, organisation, union_rep)
    assert queries_for(client, url) == with_five


def test_the_case_list_does_not_grow_with_the_number_of_cases(
    client, commissioner, organisation, union_rep
):
    client.force_login(commissioner)
    url = reverse("procurement:case_list")
    add_cases(5, commissioner, organisation, union_rep)
    with_five = queries_for(client, url)
    add_cases(45, commissioner, organisation, union_rep)
    assert queries_for(client, url) == with_five


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

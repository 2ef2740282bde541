"""The oversight dashboard: every figure a chart (SVG the CSP allows, named and described)
beside its table and its CSV; a union representative's counts only their assigned cases; the
queries are as many for 1,000 cases as for 10."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.roles import Role
from procurement import permissions as procurement_permissions
from procurement import services as procurement_services
from procurement.models import (
    SIGN_OFF_CODENAME,
    GateDecision,
    ProcurementCase,
    ProcurementCaseUserObjectPermission,
)
from procurement.stages import Stage
from tests.factories import OrganisationFactory, member
from tests.module_worlds import rolled_back_at_the_end
from tests.procurement_helpers import new_case

pytestmark = pytest.mark.django_db


def dashboard_url(organisation) -> str:
    return reverse("oversight:dashboard", args=[organisation.pk])


def test_every_figure_is_an_svg_named_and_described(client, oversight_member, organisation):
    client.force_login(oversight_member)
    page = client.get(dashboard_url(organisation)).content.decode()
    # Oversight's seven figures and the failures figure accountability plugs in.
    assert page.count('role="img"') == page.count("<svg") == 8
    assert 'aria-labelledby="chart-pipeline-title chart-pipeline-desc"' in page
    assert 'aria-labelledby="chart-failures-title chart-failures-desc"' in page


def test_the_charts_carry_no_inline_style_or_script(client, oversight_member, organisation):
    client.force_login(oversight_member)
    page = client.get(dashboard_url(organisation)).content.decode()
    assert "<style" not in page and "<script>" not in page and " style=" not in page


def test_the_pipeline_counts_the_cases_at_each_stage(
    client, oversight_member, commissioner, organisation
):
    new_case(commissioner, organisation)
    new_case(commissioner, organisation)
    client.force_login(oversight_member)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("oversight:dashboard_csv", args=[organisation.pk, "pipeline"]))
                .content.decode()
                .lstrip("\ufeff")
            )
        )
    )
    assert rows[0] == ["Stage", "Cases"]
    assert ["Planning", "2"] in rows


def test_a_union_representative_counts_only_their_assigned_cases(
    client, union_rep, commissioner, organisation
):
    new_case(commissioner, organisation, union_rep)
    new_case(commissioner, organisation)
    client.force_login(union_rep)
    body = client.get(
        reverse("oversight:dashboard_csv", args=[organisation.pk, "pipeline"])
    ).content.decode()
    assert "Planning,1" in body


def test_a_csv_cell_cannot_start_a_formula(client, oversight_member, commissioner, organisation):
    case = new_case(commissioner, organisation)
    GateDecision.objects.create(
        case=case,
        stage=Stage.PLANNING,
        kind=GateDecision.Kind.OVERRIDE,
        reason='=HYPERLINK("http://example.org")',
        decided_by=commissioner,
    )
    client.force_login(oversight_member)
    body = client.get(
        reverse("oversight:dashboard_csv", args=[organisation.pk, "overrides-dissents"])
    ).content.decode()
    assert "'=HYPERLINK" in body


def test_an_unknown_figure_is_not_found(client, oversight_member, organisation):
    client.force_login(oversight_member)
    response = client.get(reverse("oversight:dashboard_csv", args=[organisation.pk, "nothing"]))
    assert response.status_code == 404


# --- Query counts: 10 cases, then 1,000 --------------------------------------------------------

VIEWERS = [Role.OVERSIGHT_MEMBER, Role.COMMISSIONER, Role.UNION_REPRESENTATIVE]


def queries_for(user, url: str) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_cases_in_bulk(count, commissioner, organisation, union_rep):
    """Cases at every stage with overrides and dissents, half of them assigned to the
    representative: written in bulk (the services' gates are not what this measures)."""
    stages = [Stage.PLANNING, Stage.TENDER_AWARD, Stage.DEVELOPMENT, Stage.DEPLOYMENT]
    cases = ProcurementCase.objects.bulk_create(
        ProcurementCase(
            organisation=organisation,
            title=f"Case {number}",
            summary="A case.",
            commissioner=commissioner,
            stage=stages[number % len(stages)],
        )
        for number in range(count)
    )
    GateDecision.objects.bulk_create(
        GateDecision(
            case=case,
            stage=case.stage,
            kind=GateDecision.Kind.DISSENT,
            reason="Not enough workers were asked.",
            decided_by=union_rep,
        )
        for case in cases[::3]
    )
    grants = Permission.objects.filter(
        codename__in=[SIGN_OFF_CODENAME, procurement_permissions.VIEW_CODENAME]
    )
    ProcurementCaseUserObjectPermission.objects.bulk_create(
        ProcurementCaseUserObjectPermission(user=union_rep, permission=grant, content_object=case)
        for case in cases[::2]
        for grant in grants
    )


@pytest.fixture(scope="module")
def ten_then_a_thousand(django_db_setup, django_db_blocker):
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            organisation = OrganisationFactory.create()
            viewers = {role: member(role, organisation) for role in VIEWERS}
            commissioner = viewers[Role.COMMISSIONER]
            union_rep = viewers[Role.UNION_REPRESENTATIVE]
            case = new_case(commissioner, organisation, union_rep)
            procurement_services.gate_decide(
                actor=union_rep, case=case, kind=GateDecision.Kind.DISSENT, reason="Too fast."
            )
            add_cases_in_bulk(9, commissioner, organisation, union_rep)
            url = dashboard_url(organisation)
            with_ten = {role: queries_for(viewers[role], url) for role in VIEWERS}
            add_cases_in_bulk(990, commissioner, organisation, union_rep)
        yield viewers, url, with_ten


@pytest.mark.parametrize("role", VIEWERS)
def test_the_dashboard_runs_as_many_queries_for_1000_cases_as_for_10(role, ten_then_a_thousand):
    viewers, url, with_ten = ten_then_a_thousand
    assert queries_for(viewers[role], url) == with_ten[role]

"""Incidents on systems in use: workers (anonymously where enough workers could have written it),
union representatives and staff report; staff triage and answer; the dashboard counts them."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.roles import Role
from oversight import services
from oversight.models import IncidentKind, IncidentStatus
from tests.system_helpers import system_in_high_risk_use

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2026, 1, 5)


@pytest.fixture
def system(commissioner, organisation):
    return system_in_high_risk_use(commissioner, organisation, first_use=FIRST_USE)


def report(actor, system, **fields):
    return services.incident_report(
        actor=actor,
        system=system,
        kind=fields.pop("kind", IncidentKind.ERROR),
        description="The rota gave me a visit while I was on leave.",
        **fields,
    )


def test_a_worker_reports_an_error_on_a_system_in_use(worker, system):
    incident = report(worker, system)
    assert (incident.status, incident.reported_by) == (IncidentStatus.REPORTED, worker)


def test_a_different_effect_names_the_group(worker, system):
    with pytest.raises(ValidationError) as refused:
        report(worker, system, kind=IncidentKind.DIFFERENT_EFFECT)
    assert "group_affected" in refused.value.message_dict


def test_a_worker_cannot_report_on_another_organisations_system(
    system, user_with_role, other_organisation
):
    with pytest.raises(PermissionDenied):
        report(user_with_role(Role.WORKER, other_organisation), system)


def test_anonymity_is_refused_below_the_organisations_floor(worker, system):
    with pytest.raises(ValidationError) as refused:
        report(worker, system, anonymous=True)
    assert "anonymous" in refused.value.message_dict


def test_an_anonymous_report_does_not_name_the_worker_to_staff(
    client, worker, system, user_with_role, commissioner, organisation
):
    for _other in range(organisation.anonymity_minimum_consultees - 1):
        user_with_role(Role.WORKER)
    report(worker, system, anonymous=True)
    client.force_login(commissioner)
    page = client.get(reverse("oversight:incident_list")).content.decode()
    assert "Anonymous" in page and worker.get_full_name() not in page


def test_staff_answer_and_the_reporter_reads_the_answer(client, worker, commissioner, system):
    incident = report(worker, system)
    services.incident_answer(
        actor=commissioner,
        incident=incident,
        status=IncidentStatus.ANSWERED,
        response="We have fixed the leave feed.",
    )
    client.force_login(worker)
    assert (
        "We have fixed the leave feed."
        in client.get(reverse("oversight:incident_report")).content.decode()
    )


def test_a_union_representative_cannot_answer(union_rep, worker, system):
    with pytest.raises(PermissionDenied):
        services.incident_answer(
            actor=union_rep,
            incident=report(worker, system),
            status=IncidentStatus.ANSWERED,
            response="x",
        )


def test_the_dashboard_counts_incidents_per_system(client, oversight_member, worker, system):
    report(worker, system)
    report(worker, system)
    client.force_login(oversight_member)
    body = client.get(
        reverse("oversight:dashboard_csv", args=[system.organisation_id, "incidents"])
    ).content.decode()
    assert f"{system.name},An error in a decision or a record,2,2" in body

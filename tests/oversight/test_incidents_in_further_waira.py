"""Issue 15, item 3: the next further WAIRA lists the incidents since the last one, for
s.14(5)(c). Staff read each with a link to its page; an assigned union representative reads the
counts the oversight dashboard shows them; an initial WAIRA has nothing to list."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.roles import Role
from oversight import services
from oversight.models import Incident, IncidentKind, IncidentStatus
from procurement import services as procurement_services
from procurement.stages import Stage
from tests.procurement_helpers import case_at
from tests.system_helpers import system_in_high_risk_use
from tests.waira_helpers import at_noon, complete_waira_on
from waira import services as waira_services
from waira.models import Waira, WairaKind

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2026, 1, 5)
# system_in_high_risk_use completes the first WAIRA two months before first use.
PREVIOUS_COMPLETED = datetime.date(2025, 11, 5)


@pytest.fixture
def system(commissioner, organisation, union_rep):
    system = system_in_high_risk_use(commissioner, organisation, first_use=FIRST_USE)
    case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    return system


def report(actor, system, on: datetime.date, description: str, **fields) -> Incident:
    with time_machine.travel(at_noon(on), tick=False):
        return services.incident_report(
            actor=actor,
            system=system,
            kind=fields.pop("kind", IncidentKind.HARM),
            description=description,
            **fields,
        )


def further_waira(actor, system) -> Waira:
    with time_machine.travel(at_noon(datetime.date(2026, 6, 1)), tick=False):
        waira = waira_services.waira_create(actor=actor, system=system)
    assert waira.kind == WairaKind.FURTHER and waira.previous is not None
    assert waira.previous.completed_on == PREVIOUS_COMPLETED
    return waira


def page(client, user, name: str, waira: Waira) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=[waira.pk]))
    assert response.status_code == 200
    body: str = response.content.decode()
    return body


def test_staff_read_each_incident_since_the_previous_waira_with_its_link(
    client, commissioner, worker, user_with_role, organisation, system
):
    for _other in range(organisation.anonymity_minimum_consultees):
        user_with_role(Role.WORKER)
    before = report(worker, system, PREVIOUS_COMPLETED, "Reported on the day it was completed.")
    after = report(
        worker, system, datetime.date(2026, 2, 10), "A carer was sent out twice.", anonymous=True
    )
    services.incident_answer(
        actor=commissioner, incident=after, status=IncidentStatus.TRIAGED, response=""
    )
    waira = further_waira(commissioner, system)
    for name in ("waira:waira_detail", "waira:waira_edit"):
        body = page(client, commissioner, name, waira)
        assert "Incidents since the previous WAIRA (s.14(5)(c))" in body, name
        assert "A carer was sent out twice." in body, name
        assert reverse("oversight:incident_answer", args=[after.pk]) in body, name
        assert "10 February 2026" in body and "Being looked into" in body, name
        assert "Reported on the day it was completed." not in body, name
        assert reverse("oversight:incident_answer", args=[before.pk]) not in body, name
        assert worker.get_full_name() not in body, name


def test_a_union_representative_reads_the_counts_without_links(
    client, commissioner, union_rep, worker, system
):
    incident = report(worker, system, datetime.date(2026, 2, 10), "A carer was sent out twice.")
    report(worker, system, datetime.date(2026, 3, 1), "Shifts were split in two.")
    services.incident_answer(
        actor=commissioner,
        incident=incident,
        status=IncidentStatus.ANSWERED,
        response="The duplicate visit rule is fixed.",
    )
    waira = further_waira(commissioner, system)
    body = page(client, union_rep, "waira:waira_detail", waira)
    assert "Incidents since the previous WAIRA (s.14(5)(c))" in body
    assert "Harm to a worker or to someone the service supports" in body
    assert "Counts only: the reports themselves are read by staff." in body
    for hidden in (
        "A carer was sent out twice.",
        "Shifts were split in two.",
        "The duplicate visit rule is fixed.",
        reverse("oversight:incident_answer", args=[incident.pk]),
    ):
        assert hidden not in body, hidden


def test_a_completed_further_waira_lists_what_was_reported_until_it_was_completed(
    client, commissioner, worker, system
):
    report(worker, system, datetime.date(2026, 2, 10), "A carer was sent out twice.")
    waira = complete_waira_on(commissioner, system, datetime.date(2026, 6, 1))
    assert waira.kind == WairaKind.FURTHER
    report(worker, system, datetime.date(2026, 6, 2), "Reported after it was completed.")
    body = page(client, commissioner, "waira:waira_detail", waira)
    assert "A carer was sent out twice." in body
    assert "Reported after it was completed." not in body


def test_nothing_reported_says_so(client, commissioner, system):
    body = page(client, commissioner, "waira:waira_detail", further_waira(commissioner, system))
    assert "Nothing has been reported on this AI system since the previous WAIRA." in body


def test_an_initial_waira_lists_no_incidents(client, commissioner, worker, system):
    report(worker, system, datetime.date(2026, 2, 10), "A carer was sent out twice.")
    initial = Waira.objects.get(system=system, kind=WairaKind.INITIAL)
    body = page(client, commissioner, "waira:waira_detail", initial)
    assert "Incidents since the previous WAIRA" not in body
    assert "A carer was sent out twice." not in body


def test_the_panel_reads_in_welsh(client, commissioner, worker, system):
    report(worker, system, datetime.date(2026, 2, 10), "A carer was sent out twice.")
    waira = further_waira(commissioner, system)
    client.force_login(commissioner)
    client.post(reverse("set_language"), {"language": "cy", "next": "/"})
    body = client.get(reverse("waira:waira_detail", args=[waira.pk])).content.decode()
    assert 'lang="cy"' in body
    assert "Digwyddiadau ers y WAIRA blaenorol (a.14(5)(c))" in body
    assert "Niwed i weithiwr neu i rywun y mae&#x27;r gwasanaeth yn ei gefnogi" in body
    assert "10 Chwefror 2026" in body

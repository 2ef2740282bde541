"""A world for the staff search tests and the bench: one record of each kind through the real
services, every one holding the word "Zephyr", and copies written in bulk for the scale tests."""

from __future__ import annotations

import datetime
from typing import Any

from core.models import Organisation, User
from core.roles import Role
from oversight import services as oversight_services
from oversight.models import Incident
from procurement import services as procurement_services
from procurement.models import ProcurementCase
from registers.models import AISystem, RegisterEntry
from rights_requests import services as rights_services
from rights_requests.models import RightsRequest
from tests.factories import member
from tests.procurement_helpers import today
from tests.rights_helpers import make_request
from tests.system_helpers import system_in_high_risk_use
from tests.waira_helpers import fellow_workers
from waira.models import Waira

ROLES = {
    "commissioner": Role.COMMISSIONER,
    "procurement_officer": Role.PROCUREMENT_OFFICER,
    "oversight_member": Role.OVERSIGHT_MEMBER,
    "administrator": Role.ADMINISTRATOR,
    "union_rep": Role.UNION_REPRESENTATIVE,
    "union_rep_unassigned": Role.UNION_REPRESENTATIVE,
    "nominated_contact": Role.NOMINATED_CONTACT,
    "competent_agent": Role.COMPETENT_AGENT,
    "worker": Role.WORKER,
}


def zephyr_case(commissioner: User, organisation: Organisation, title: str) -> ProcurementCase:
    return procurement_services.case_create(
        actor=commissioner,
        organisation=organisation,
        title=title,
        summary="Shift allocation for the Zephyr home-care teams.",
        engagement_plan="Home-care workers on all shifts.",
        risk_level="medium",
        risk_reasoning="Allocates work and so affects pay.",
    )


def search_world(organisation: Organisation, outsiders: Organisation) -> dict[str, Any]:
    """People in every role, and one record of each kind per visibility the matrix tells apart.
    The assigned representative's case is linked to the system in use (so they see its WAIRA);
    the explanation request is shared with them; the incident is reported anonymously."""
    people = {name: member(role, organisation) for name, role in ROLES.items()}
    people["worker"].first_name, people["worker"].last_name = "Gwenllian", "Prydderch"
    people["worker"].save(update_fields=["first_name", "last_name"])
    commissioner = people["commissioner"]
    assigned = zephyr_case(commissioner, organisation, "Zephyr rota case")
    procurement_services.case_assign_union_representative(
        actor=commissioner, case=assigned, representative=people["union_rep"]
    )
    unassigned = zephyr_case(commissioner, organisation, "Zephyr payroll case")
    in_use = system_in_high_risk_use(
        commissioner,
        organisation,
        first_use=today() - datetime.timedelta(days=30),
        name="Zephyr Rota",
    )
    procurement_services.case_link_ai_system(actor=commissioner, case=assigned, system=in_use)
    other_system = system_in_high_risk_use(
        commissioner,
        organisation,
        first_use=today() - datetime.timedelta(days=30),
        name="Zephyr Payroll",
    )
    explanation = make_request(
        people["worker"],
        organisation,
        ai_system=in_use,
        decision="Zephyr cut my night shifts.",
    )
    rights_services.rights_request_share(
        actor=people["worker"], request=explanation, representative=people["union_rep"]
    )
    reconsideration = make_request(
        people["worker"],
        organisation,
        kind="reconsideration",
        ai_system=in_use,
        decision="Zephyr refused my leave.",
    )
    fellow_workers(organisation, organisation.anonymity_minimum_consultees)
    incident = oversight_services.incident_report(
        actor=people["worker"],
        system=in_use,
        kind="different_effect",
        description="Zephyr offers part-time staff fewer weekend shifts.",
        group_affected="Part-time staff",
        anonymous=True,
    )
    outsider = member(Role.COMMISSIONER, outsiders)
    people["outsider"] = outsider
    outsider_case = zephyr_case(outsider, outsiders, "Zephyr case of another organisation")
    return {
        "people": people,
        "cases": {"assigned": assigned, "unassigned": unassigned, "outsider": outsider_case},
        "systems": {"in_use": in_use, "other": other_system},
        "wairas": {
            "in_use": Waira.objects.get(system=in_use),
            "other": Waira.objects.get(system=other_system),
        },
        "requests": {"explanation": explanation, "reconsideration": reconsideration},
        "incident": incident,
    }


def copies_in_bulk(world: dict[str, Any], count: int) -> None:
    """`count` more records of each kind shaped like the world's, written in bulk: for the query
    count tests and the bench, which measure reading, not the services that write."""
    case = world["cases"]["unassigned"]
    system = world["systems"]["other"]
    waira = world["wairas"]["other"]
    explanation = world["requests"]["explanation"]
    incident = world["incident"]
    start = ProcurementCase.objects.count()
    ProcurementCase.objects.bulk_create(
        ProcurementCase(
            organisation_id=case.organisation_id,
            title=f"{case.title} {start + n}",
            summary=case.summary,
            commissioner_id=case.commissioner_id,
        )
        for n in range(count)
    )
    systems = AISystem.objects.bulk_create(
        AISystem(
            organisation_id=system.organisation_id,
            name=f"{system.name} {start + n}",
            supplier=system.supplier,
            description=system.description,
        )
        for n in range(count)
    )
    RegisterEntry.objects.bulk_create(
        RegisterEntry(system=copy, name_cy=f"Zephyr Cyflog {copy.pk}") for copy in systems
    )
    Waira.objects.bulk_create(
        Waira(
            organisation_id=waira.organisation_id,
            system=copy,
            kind=waira.kind,
            version=1,
            purpose=waira.purpose,
            decision_logic=waira.decision_logic,
            created_by_id=waira.created_by_id,
        )
        for copy in systems
    )
    skipped = {"id", "reference", "access_token_sha256"}
    fields = {
        field.attname: getattr(explanation, field.attname)
        for field in RightsRequest._meta.concrete_fields
        if field.name not in skipped
    }
    RightsRequest.objects.bulk_create(
        RightsRequest(**fields, reference=f"EXP-COPY-{start + n}") for n in range(count)
    )
    Incident.objects.bulk_create(
        Incident(
            organisation_id=incident.organisation_id,
            system_id=incident.system_id,
            kind=incident.kind,
            description=incident.description,
            reported_by_id=incident.reported_by_id,
            anonymous=True,
            reported_on=incident.reported_on,
        )
        for _n in range(count)
    )

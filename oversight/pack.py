"""The incidents section of a case's assessment pack (core.extensions.register_pack_section;
registered in OversightConfig.ready, so packs prints it without importing oversight).

It shows the reader what the oversight pages show them: staff who triage incidents read each
incident on the case's AI systems with its answer, and the reporter as the incident list names
them ("Anonymous" where they chose, never their name). A union representative reads only what
the oversight dashboard shows them: how many incidents of each kind were reported on the case's
systems they represent, and how many are not yet answered. A representative's pack lists no
incident, not even their own: staff may read that pack too, and an anonymous report in it would
point at the person who asked for it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.extensions import PackContent, PackSection, register_pack_section
from core.permissions import has_role
from oversight import selectors
from oversight.permissions import TRIAGE_INCIDENTS
from procurement.models import ProcurementCase
from registers.permissions import systems_visible_to


def _reads_each_incident(case: ProcurementCase, reader: Any) -> bool:
    """A full pack made for someone who triages the organisation's incidents."""
    return bool(getattr(reader, "is_full", False)) and has_role(
        reader.user, case.organisation_id, *TRIAGE_INCIDENTS
    )


def build_incidents(case: ProcurementCase, reader: Any) -> PackContent:
    systems = list(
        case.ai_systems.filter(pk__in=systems_visible_to(reader.user).values("pk")).order_by("pk")
    )
    system_ids = [system.pk for system in systems]
    if _reads_each_incident(case, reader):
        return _each_incident(case, system_ids)
    return _counts(case, system_ids)


def _each_incident(case: ProcurementCase, system_ids: list[int]) -> PackContent:
    incidents = selectors.incidents_on_systems(case.organisation_id, system_ids)
    answered = selectors.answered_on(incidents)
    rows, content = [], []
    for incident in incidents:
        reporter = selectors.reporter_shown(incident)
        category = incident.decision_category
        rows.append(
            {
                "incident": incident,
                "reporter": reporter,
                "category": category.label if category is not None else "",
                "answered_on": answered.get(incident.pk),
            }
        )
        content.append(
            {
                "id": incident.pk,
                "system": incident.system.name,
                "kind": incident.kind,
                "decision_category": category.key if category is not None else "",
                "description": incident.description,
                "group_affected": incident.group_affected,
                "anonymous": incident.anonymous,
                # An anonymous reporter is never named, here as on every page.
                "reported_by": None if incident.anonymous else reporter,
                "reported_on": incident.reported_on.isoformat(),
                "answered_on": answered[incident.pk].isoformat()
                if incident.pk in answered
                else None,
                "status": incident.status,
                "answer": incident.response,
            }
        )
    return PackContent(content={"incidents": content}, context={"rows": rows, "counts": None})


def _counts(case: ProcurementCase, system_ids: list[int]) -> PackContent:
    counts = selectors.incident_counts_on_systems(case.organisation_id, system_ids)
    content = {
        "counts": [{key: row[key] for key in ("system", "kind", "total", "open")} for row in counts]
    }
    return PackContent(content=content, context={"rows": None, "counts": counts})


SECTION = register_pack_section(
    PackSection(
        "incidents",
        60,
        _("Incidents reported on the AI systems"),
        "oversight/pdf/incidents.html",
        build_incidents,
    )
)

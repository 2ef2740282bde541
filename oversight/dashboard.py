"""The oversight function's place in the navigation (registered in OversightConfig.ready)."""

from collections import Counter
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.extensions import (
    FURTHER_WAIRA_PAGE,
    NavItem,
    Panel,
    register_nav_item,
    register_object_panel,
)
from core.permissions import has_role
from oversight import permissions, selectors
from oversight.models import IncidentKind, IncidentStatus

register_nav_item(NavItem(40, _("Oversight"), "oversight:home", permissions.can_open_oversight))
register_nav_item(NavItem(42, _("Search"), "oversight:search", permissions.can_search))
register_nav_item(
    NavItem(
        41, _("Report a problem"), "oversight:incident_report", permissions.can_report_incidents
    )
)


@register_object_panel("register_entry", order=10)
def worker_voice_panel(request: Any, system: Any) -> Panel | None:
    """The public register entry: how workers were involved (no personal data)."""
    voice = selectors.worker_voice_of(system)
    if not (
        voice["stages"]
        or voice["last_consultation"]
        or voice["last_review"]
        or voice["last_case_review"]
    ):
        return None
    return Panel("oversight/panels/worker_voice.html", voice)


@register_object_panel(FURTHER_WAIRA_PAGE, order=10)
def incidents_since_previous_panel(request: Any, waira: Any) -> Panel | None:
    """s.14(5)(c): on a further WAIRA, the incidents on its system reported since the previous
    WAIRA was completed (up to the day this one was completed, once it is). Whoever triages the
    organisation's incidents reads each with a link to its page; a union representative reads
    them as the oversight dashboard shows them, counted by kind."""
    previous = waira.previous
    if previous is None or previous.completed_on is None:
        return None
    incidents = selectors.incidents_since_previous(
        waira.system_id,
        waira.organisation_id,
        since=previous.completed_on,
        until=waira.completed_on if waira.is_completed else None,
    )
    triages = has_role(request.user, waira.organisation_id, *permissions.TRIAGE_INCIDENTS)
    counts: list[tuple[str, int, int]] = []
    if not triages:
        kinds = dict(IncidentKind.choices)
        totals = Counter(incident.kind for incident in incidents)
        open_ = Counter(
            incident.kind for incident in incidents if incident.status != IncidentStatus.ANSWERED
        )
        counts = [
            (str(label), totals[kind], open_[kind]) for kind, label in kinds.items() if totals[kind]
        ]
    return Panel(
        "oversight/panels/incidents_since_previous.html",
        {
            "waira": waira,
            "since": previous.completed_on,
            "incidents": incidents if triages else None,
            "counts": counts,
        },
    )

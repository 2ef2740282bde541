"""The oversight function's place in the navigation (registered in OversightConfig.ready)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.extensions import NavItem, Panel, register_nav_item, register_object_panel
from oversight import permissions, selectors

register_nav_item(NavItem(40, _("Oversight"), "oversight:home", permissions.can_open_oversight))
register_nav_item(
    NavItem(
        41, _("Report a problem"), "oversight:incident_report", permissions.can_report_incidents
    )
)


@register_object_panel("register_entry", order=10)
def worker_voice_panel(request: Any, system: Any) -> Panel | None:
    """The public register entry: how workers were involved (no personal data)."""
    voice = selectors.worker_voice_of(system)
    if not (voice["stages"] or voice["last_consultation"] or voice["last_review"]):
        return None
    return Panel("oversight/panels/worker_voice.html", voice)

"""The oversight function's place in the navigation (registered in OversightConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from core.extensions import NavItem, register_nav_item
from oversight import permissions

register_nav_item(NavItem(40, _("Oversight"), "oversight:home", permissions.can_open_oversight))
register_nav_item(
    NavItem(
        41, _("Report a problem"), "oversight:incident_report", permissions.can_report_incidents
    )
)

"""The AI-systems panel of the dashboard (registered in RegistersConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from core.extensions import NavItem, Panel, register_dashboard_panel, register_nav_item
from core.http import AuthenticatedHttpRequest
from core.selectors import roles_by_organisation
from registers import permissions


def _is_member(user) -> bool:
    return bool(roles_by_organisation(user))


register_nav_item(NavItem(20, _("AI systems"), "registers:system_list", _is_member))


@register_dashboard_panel(order=50)
def systems_in_use_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Everyone: the AI systems their organisation uses in high-risk decisions about them."""
    if not roles:
        return None
    systems = (
        permissions.systems_visible_to(request.user)
        .filter(used_in_high_risk_decision_making=True, first_use__isnull=False)
        .select_related("organisation")
        .prefetch_related("decision_categories")
    )
    return Panel("registers/panels/systems_in_use.html", {"systems": systems})

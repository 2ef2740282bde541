"""The AI-systems panel of the dashboard (registered in RegistersConfig.ready)."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import legal_time
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
    today = legal_time.uk_date(timezone.now())
    systems = (
        permissions.systems_visible_to(request.user)
        .filter(used_in_high_risk_decision_making=True, first_use__lte=today)
        .filter(Q(end_of_use__isnull=True) | Q(end_of_use__gte=today))
        .select_related("organisation")
        .prefetch_related("decision_categories")
    )
    return Panel("registers/panels/systems_in_use.html", {"systems": systems})

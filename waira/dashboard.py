"""The WAIRA panels of the dashboard (registered in WairaConfig.ready)."""

from django.utils.translation import gettext_lazy as _

from core.extensions import (
    NavItem,
    Panel,
    register_dashboard_panel,
    register_nav_item,
    register_object_panel,
)
from core.http import AuthenticatedHttpRequest
from registers import permissions as register_permissions
from registers.models import AISystem
from waira import permissions, selectors
from waira.models import WairaState

register_nav_item(
    NavItem(30, _("Risk assessments"), "waira:waira_list", permissions.can_list_wairas)
)
register_nav_item(
    NavItem(31, _("Consultations"), "waira:consultation_list", permissions.can_list_consultations)
)


@register_dashboard_panel(order=40)
def assessments_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Staff and union representatives: WAIRAs in progress, and the 12-month clocks."""
    if not permissions.can_list_wairas(request.user):
        return None
    in_progress = (
        permissions.wairas_visible_to(request.user)
        .exclude(state=WairaState.COMPLETED)
        .select_related("system")
        .order_by("system__name")
    )
    systems = (
        register_permissions.systems_visible_to(request.user)
        .filter(used_in_high_risk_decision_making=True)
        .exclude(waira_next_due__isnull=True)
        .order_by("waira_next_due", "name")
    )
    clocks = [(system, selectors.review_clocks(system)) for system in systems]
    return Panel(
        "waira/panels/assessments.html",
        {"in_progress": list(in_progress), "clocks": [row for row in clocks if row[1]]},
    )


@register_dashboard_panel(order=45)
def consultations_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Workers: the WAIRAs shared with them whose consultation is open."""
    if not permissions.can_list_consultations(request.user):
        return None
    open_now = (
        permissions.consultations_visible_to(request.user)
        .filter(state=WairaState.SHARED)
        .select_related("system", "organisation")
    )
    return Panel("waira/panels/consultations.html", {"open": list(open_now)})


@register_object_panel("ai_system", order=10)
def system_assessments_panel(request: AuthenticatedHttpRequest, system: AISystem) -> Panel | None:
    """The AI system page: its WAIRAs, the 12-month clocks and the start of high-risk use."""
    user = request.user
    wairas = list(permissions.wairas_visible_to(user).filter(system=system).order_by("-version"))
    can_create = permissions.can_create_waira(user, system)
    if not wairas and not can_create:
        return None
    facts = selectors.high_risk_start_facts(system)
    not_started = not (system.used_in_high_risk_decision_making and system.first_use)
    return Panel(
        "waira/panels/system.html",
        {
            "system": system,
            "wairas": wairas,
            "clocks": selectors.review_clocks(system),
            "facts": facts,
            "can_create": can_create and selectors.open_waira_of(system) is None,
            "can_record_start": not_started
            and permissions.can_record_high_risk_start(user, system),
        },
    )

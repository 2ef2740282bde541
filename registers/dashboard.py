"""The AI-systems panel of the dashboard (registered in RegistersConfig.ready)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.clock import uk_today
from core.extensions import NavItem, Panel, register_dashboard_panel, register_nav_item
from core.http import AuthenticatedHttpRequest
from core.models import User
from core.selectors import roles_by_organisation
from registers import permissions, selectors

DUE_ON_DASHBOARD = 10


def _is_member(user: User) -> bool:
    return bool(roles_by_organisation(user))


register_nav_item(NavItem(20, _("AI systems"), "registers:system_list", _is_member))


@register_dashboard_panel(order=50)
def systems_in_use_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Everyone: the AI systems their organisation uses in high-risk decisions about them. Those
    who work on a system reach its record; everyone else its public register entry."""
    if not roles:
        return None
    today = uk_today()
    internal = permissions.systems_visible_to(request.user)
    systems = (
        internal.filter(used_in_high_risk_decision_making=True, first_use__lte=today)
        .filter(Q(end_of_use__isnull=True) | Q(end_of_use__gte=today))
        .select_related("organisation")
        .prefetch_related("decision_categories")
    )
    entries = selectors.published_entries_in_use(
        permissions.member_organisation_ids(request.user), today
    ).exclude(system__in=internal)
    return Panel(
        "registers/panels/systems_in_use.html",
        {
            "systems": systems,
            "entries": entries,
            "sees_every_record": permissions.can_list_entries(request.user),
        },
    )


register_nav_item(
    NavItem(25, _("Register entries"), "registers:entry_list", permissions.can_list_entries)
)


@register_dashboard_panel(order=55)
def register_due_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Staff: the register entries owed soonest (s.16(4), (5)), the overdue marked."""
    if not permissions.can_list_entries(request.user):
        return None
    today = uk_today()
    entries = selectors.staff_entries(
        permissions.entries_visible_to(request.user).filter(due_by__isnull=False)
    )[:DUE_ON_DASHBOARD]
    rows = [(entry, selectors.entry_is_overdue(entry, today)) for entry in entries]
    return Panel("registers/panels/register_due.html", {"rows": rows})

"""The procurement panels of the dashboard (registered in ProcurementConfig.ready)."""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.extensions import NavItem, Panel, register_dashboard_panel, register_nav_item
from core.http import AuthenticatedHttpRequest
from core.roles import Role
from procurement import permissions, selectors
from procurement.gates import GateResult
from procurement.models import ProcurementCase
from procurement.selectors import DueItem

# The dashboard shows the most recently changed cases; the case list pages through the rest.
DASHBOARD_ROWS = 20

register_nav_item(
    NavItem(10, _("Procurement cases"), "procurement:case_list", permissions.can_list_cases)
)


def _rows(
    queryset: QuerySet[ProcurementCase],
) -> list[tuple[ProcurementCase, GateResult, list[DueItem]]]:
    return [
        (case, selectors.gate_for(case), selectors.next_dates_for(case))
        for case in selectors.case_list_for_dashboard(queryset)
    ]


@register_dashboard_panel(order=10)
def commissioner_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Commissioner: my cases, each with its stage, what blocks it and what is due."""
    if not roles & permissions.EDIT_CASES:
        return None
    open_cases = permissions.cases_visible_to(request.user).filter(
        stage__in=selectors.OPEN_STAGE_VALUES
    )
    others = open_cases.exclude(commissioner=request.user)
    return Panel(
        "procurement/panels/cases.html",
        {
            "my_cases": _rows(open_cases.filter(commissioner=request.user)[:DASHBOARD_ROWS]),
            "my_case_count": open_cases.filter(commissioner=request.user).count(),
            "other_cases": _rows(others[:DASHBOARD_ROWS]),
            "other_case_count": others.count(),
            "rows_shown": DASHBOARD_ROWS,
            "can_create": permissions.organisations_for_new_case(request.user).exists(),
        },
    )


@register_dashboard_panel(order=20)
def union_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Union representative: my assigned cases and what awaits my sign-off."""
    if Role.UNION_REPRESENTATIVE not in roles:
        return None
    rows = [(case, gate) for case, gate, _due in _rows(permissions.cases_assigned_to(request.user))]
    return Panel(
        "procurement/panels/union.html",
        {
            "assigned": rows,
            "awaiting": [
                (case, gate) for case, gate in rows if selectors.awaits_union_decision(case)
            ],
        },
    )


@register_dashboard_panel(order=30)
def oversight_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Oversight member: every case of the organisation by stage (toolkit stage 5)."""
    if Role.OVERSIGHT_MEMBER not in roles:
        return None
    visible = permissions.cases_visible_to(request.user)
    return Panel(
        "procurement/panels/oversight.html",
        {"stage_counts": selectors.stage_counts_labelled(visible)},
    )

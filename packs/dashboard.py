"""Where packs shows on other apps' pages: the case page, the WAIRA page and the dashboard
(core.extensions; registered in PacksConfig.ready)."""

from __future__ import annotations

from core.extensions import Panel, register_dashboard_panel, register_object_panel
from core.http import AuthenticatedHttpRequest
from packs import permissions, selectors
from procurement.models import ProcurementCase
from procurement.permissions import can_list_cases
from waira.models import Waira


@register_object_panel("procurement_case", order=10)
def case_packs_panel(request: AuthenticatedHttpRequest, case: ProcurementCase) -> Panel | None:
    if not permissions.can_make_case_pack(request.user, case):
        return None
    packs = selectors.packs_of_case(permissions.packs_visible_to(request.user), case)
    return Panel(
        "packs/panels/case.html",
        {
            "case": case,
            "latest": packs.first(),
            "can_export": permissions.can_export_case(request.user, case),
        },
    )


@register_object_panel("waira", order=10)
def waira_packs_panel(request: AuthenticatedHttpRequest, waira: Waira) -> Panel | None:
    if not permissions.can_make_waira_pack(request.user, waira):
        return None
    packs = selectors.packs_of_waira(permissions.packs_visible_to(request.user), waira)
    return Panel("packs/panels/waira.html", {"waira": waira, "latest": packs.first()})


@register_dashboard_panel(order=90)
def exports_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Downloads of what the person sees, and the check of an evidence bundle."""
    return Panel(
        "packs/panels/exports.html",
        {
            "cases": can_list_cases(request.user),
            "can_import": permissions.organisations_to_import_into(request.user).exists(),
        },
    )

"""Where failures show (registered in AccountabilityConfig.ready): the navigation, a worker's
and a union representative's dashboard, the AI system page and the public register entry."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from accountability import permissions, selectors
from accountability.presenters import what_happened
from core.clock import uk_today
from core.extensions import (
    NavItem,
    Panel,
    register_dashboard_panel,
    register_nav_item,
    register_object_panel,
)
from core.http import AuthenticatedHttpRequest
from core.roles import Role

PANEL_ROWS = 10

register_nav_item(
    NavItem(
        60,
        _("Failures and tribunal dates"),
        "accountability:failure_list",
        permissions.can_list_failures,
    )
)


@register_dashboard_panel(order=38)
def failures_affecting_you_panel(
    request: AuthenticatedHttpRequest, roles: set[str]
) -> Panel | None:
    """Worker: duties not met that affect them, in plain words, with the date to claim by."""
    if Role.WORKER not in roles:
        return None
    today = uk_today()
    mine = selectors.rows(permissions.failures_acted_on_by(request.user), today, PANEL_ROWS)
    if not mine:
        return None
    return Panel(
        "accountability/panels/affecting_you.html",
        {"rows": [(row, what_happened(row.failure)) for row in mine]},
    )


@register_dashboard_panel(order=47)
def failures_on_your_cases_panel(
    request: AuthenticatedHttpRequest, roles: set[str]
) -> Panel | None:
    """Union representative: failures on their cases, with days left to file."""
    if Role.UNION_REPRESENTATIVE not in roles:
        return None
    today = uk_today()
    rows = selectors.rows(permissions.failures_acted_on_by(request.user), today, PANEL_ROWS)
    return Panel(
        "accountability/panels/on_your_cases.html",
        {"rows": [(row, what_happened(row.failure)) for row in rows]},
    )


@register_dashboard_panel(order=48)
def failures_of_organisation_panel(
    request: AuthenticatedHttpRequest, roles: set[str]
) -> Panel | None:
    """Oversight member: how many failures their organisations have, and a link to all."""
    if Role.OVERSIGHT_MEMBER not in roles:
        return None
    count = permissions.failures_visible_to(request.user).count()
    return Panel("accountability/panels/oversight.html", {"count": count})


@register_object_panel("ai_system", order=5)
def system_failures_panel(request: AuthenticatedHttpRequest, system: Any) -> Panel | None:
    """The AI system page: its failures (a start recorded in breach among them), flagged."""
    failures = selectors.rows(
        permissions.failures_visible_to(request.user).filter(system=system), uk_today()
    )
    if not failures:
        return None
    return Panel(
        "accountability/panels/system.html",
        {"rows": [(row, what_happened(row.failure)) for row in failures]},
    )


@register_object_panel("public_register_entry", order=10)
def public_overdue_duties_panel(request: Any, entry: Any) -> Panel | None:
    """The public register entry: the duties about this system that were not met. Never a
    person, never a request."""
    failures = list(selectors.public_failures_of_system(entry.system_id))
    if not failures:
        return None
    return Panel("accountability/panels/public_entry.html", {"failures": failures})

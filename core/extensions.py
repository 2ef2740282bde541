"""Where apps plug into the shared pages without core depending on them.

Each app registers its navigation items and dashboard panels from its AppConfig.ready(), so the
dependency arrow keeps pointing at core (DESIGN.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    order: int
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool]


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


PanelFunction = Callable[[Any, set[str]], Panel | None]

NAV_ITEMS: list[NavItem] = []
DASHBOARD_PANELS: list[tuple[int, PanelFunction]] = []


def register_nav_item(item: NavItem) -> None:
    if item not in NAV_ITEMS:
        NAV_ITEMS.append(item)
        NAV_ITEMS.sort(key=lambda entry: entry.order)


def register_dashboard_panel(order: int) -> Callable[[PanelFunction], PanelFunction]:
    def decorator(function: PanelFunction) -> PanelFunction:
        if (order, function) not in DASHBOARD_PANELS:
            DASHBOARD_PANELS.append((order, function))
            DASHBOARD_PANELS.sort(key=lambda entry: entry[0])
        return function

    return decorator


def dashboard_panels(request: HttpRequest, roles: set[str]) -> list[Panel]:
    panels = (function(request, roles) for _order, function in DASHBOARD_PANELS)
    return [panel for panel in panels if panel is not None]

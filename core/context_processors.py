from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.extensions import NAV_ITEMS
from core.permissions import can_see_sweep_runs, can_use_admin, organisations_administered_by
from core.selectors import unread_notification_count


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The service navigation for the signed-in person's roles."""
    user = request.user
    if not user.is_authenticated:
        return {"nav_items": []}
    items: list[tuple[Any, str]] = [(_("Dashboard"), reverse("core:dashboard"))]
    items += [(item.label, reverse(item.url_name)) for item in NAV_ITEMS if item.visible(user)]
    if organisations_administered_by(user):
        items.append((_("Administration"), reverse("core:administration")))
    if can_see_sweep_runs(user):
        items.append((_("Sweeps"), reverse("core:sweep_runs")))
    if can_use_admin(user):
        items.append((_("Platform admin"), reverse("admin:index")))
    # One item is the current one: the longest address the page is under (/oversight/search/
    # is Search, not Oversight as well).
    current = max(
        (url for _label, url in items if request.path.startswith(url)), key=len, default=""
    )
    return {
        "unread_notifications": unread_notification_count(user),
        "nav_items": [
            {"label": label, "url": url, "active": url == current} for label, url in items
        ],
    }

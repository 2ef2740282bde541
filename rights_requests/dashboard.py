"""The rights-request panels of the dashboard (registered in RightsRequestsConfig.ready)."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.extensions import (
    NavItem,
    Panel,
    register_dashboard_panel,
    register_nav_item,
    register_object_panel,
)
from core.http import AuthenticatedHttpRequest
from core.models import User
from core.roles import Role
from rights_requests import permissions, selectors

QUEUE_ROWS = 10


def _makes_requests(user: User) -> bool:
    return permissions.organisations_for_requests(user).exists()


register_nav_item(NavItem(30, _("Your requests"), "rights_requests:request_list", _makes_requests))
register_nav_item(
    NavItem(35, _("Requests to answer"), "rights_requests:queue", permissions.can_see_queue)
)
register_nav_item(
    NavItem(36, _("Request figures"), "rights_requests:figures", permissions.can_see_aggregates)
)
register_nav_item(
    NavItem(
        37,
        _("Who answers requests"),
        "rights_requests:contact_list",
        lambda user: bool(permissions.organisations_for_contacts(user)),
    )
)


@register_object_panel("home", order=10)
def ask_panel(request: HttpRequest, _obj: object) -> Panel | None:
    """The home page: anyone, with or without an account, can ask an employer with a published
    register entry about a decision (s.17(3), s.18(2))."""
    organisations = list(selectors.organisations_with_public_request_form())
    return Panel("rights_requests/panels/ask.html", {"organisations": organisations})


@register_dashboard_panel(order=40)
def my_requests_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Worker: my requests, with their due dates and any tribunal dates."""
    if Role.WORKER not in roles:
        return None
    mine = selectors.requests_made_by(request.user)[:QUEUE_ROWS]
    return Panel("rights_requests/panels/my_requests.html", {"requests": list(mine)})


@register_dashboard_panel(order=45)
def queue_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Nominated contact, competent agent: the queue, soonest due first."""
    if not roles & {Role.NOMINATED_CONTACT, Role.COMPETENT_AGENT}:
        return None
    visible = permissions.requests_visible_to(request.user).exclude(requester=request.user)
    rows = [(rr, selectors.days_left(rr)) for rr in selectors.queue_for(visible)[:QUEUE_ROWS]]
    return Panel("rights_requests/panels/queue.html", {"rows": rows})


@register_dashboard_panel(order=46)
def figures_panel(request: AuthenticatedHttpRequest, roles: set[str]) -> Panel | None:
    """Union representative: figures only, never anyone's request unless shared."""
    if Role.UNION_REPRESENTATIVE not in roles:
        return None
    orgs = permissions.organisations_for_figures(request.user)
    shared = selectors.requests_shared_with(request.user, orgs)
    return Panel(
        "rights_requests/panels/figures.html",
        {"rows": selectors.figures_for(orgs), "shared": list(shared)},
    )

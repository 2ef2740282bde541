"""Who is told when something happens to a rights request (docs/adr/0011-...): the handlers of a
new request, the agent given a reconsideration, the worker (and the representatives they shared
it with) of the answer or refusal, the representative it is shared with. Each is one
notification per event and person, in the app and by email, in their language."""

from __future__ import annotations

from django.urls import reverse

from core.extensions import NotificationKind, register_notification_kind
from core.models import Notification, TimelineEvent, User
from core.roles import Role
from core.services import Told, members_holding, notify_event
from rights_requests.models import RequestKind, RightsRequest

REQUEST_MADE = "request_made"
AGENT_ASSIGNED = "agent_assigned"
REQUEST_ANSWERED = "request_answered"
REQUEST_REFUSED = "request_refused"
REQUEST_SHARED = "request_shared"


def _request_page(event: TimelineEvent, notification: Notification) -> str:
    if notification.recipient_id is None:
        return ""  # someone without an account follows the request by their private link
    return reverse("rights_requests:request_detail", args=[event.object_id])


for _kind in (REQUEST_MADE, AGENT_ASSIGNED, REQUEST_ANSWERED, REQUEST_REFUSED, REQUEST_SHARED):
    register_notification_kind(
        NotificationKind(
            kind=_kind,
            templates=f"rights_requests/notifications/{_kind}",
            url=_request_page,
            subjects=lambda: RightsRequest.objects.select_related("organisation"),
            event=True,
        )
    )


def tell_handlers(request: RightsRequest, event: TimelineEvent) -> None:
    """A request made: the nominated contacts answer explanations (s.17(8)), the competent
    agents reconsiderations until one is assigned (s.18(3))."""
    role = (
        Role.NOMINATED_CONTACT if request.kind == RequestKind.EXPLANATION else Role.COMPETENT_AGENT
    )
    notify_event(
        event=event, kind=REQUEST_MADE, people=members_holding(request.organisation_id, role)
    )


def tell_agent(agent_user: User, event: TimelineEvent) -> None:
    notify_event(event=event, kind=AGENT_ASSIGNED, people=[agent_user])


def tell_requester(request: RightsRequest, event: TimelineEvent, kind: str) -> None:
    """The worker, in the language they asked in (at their email address if they have no
    account), and the union representatives they shared the request with."""
    requester = Told(
        user=request.requester,
        email="" if request.requester_id else request.requester_email,
        language=request.language,
    )
    notify_event(event=event, kind=kind, people=[requester, *request.shared_with.all()])


def tell_representative(representative: User, event: TimelineEvent) -> None:
    notify_event(event=event, kind=REQUEST_SHARED, people=[representative])

"""Who is told when something happens to a WAIRA (docs/adr/0011-...): each worker it is shared
with for consultation; the commissioners of its system's cases when a concern is raised (never
who raised it, when it is anonymous); the union representatives of its system's cases when it
is completed. One notification per event and person, in their language."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from core.extensions import NotificationKind, ai_system_people, register_notification_kind
from core.models import Notification, TimelineEvent, User
from core.roles import Role
from core.services import members_holding, notify_event
from waira.models import Waira

WAIRA_SHARED = "waira_shared"
CONCERN_RAISED = "concern_raised"
WAIRA_COMPLETED = "waira_completed"
WAIRA_STALE_AT_GO_LIVE = "waira_stale_at_go_live"


def _wairas() -> QuerySet[Waira]:
    return Waira.objects.select_related("system", "organisation")


def _consultation_page(event: TimelineEvent, notification: Notification) -> str:
    return reverse("waira:consultation_detail", args=[event.object_id])


def _waira_page(event: TimelineEvent, notification: Notification) -> str:
    return reverse("waira:waira_detail", args=[event.object_id])


register_notification_kind(
    NotificationKind(
        kind=WAIRA_SHARED,
        templates="waira/notifications/waira_shared",
        url=_consultation_page,
        subjects=_wairas,
        event=True,
    )
)
for _kind in (CONCERN_RAISED, WAIRA_COMPLETED, WAIRA_STALE_AT_GO_LIVE):
    register_notification_kind(
        NotificationKind(
            kind=_kind,
            templates=f"waira/notifications/{_kind}",
            url=_waira_page,
            subjects=_wairas,
            event=True,
        )
    )


def tell_consultees(event: TimelineEvent, workers: list[User]) -> None:
    notify_event(event=event, kind=WAIRA_SHARED, people=workers)


def tell_commissioners(waira: Waira, event: TimelineEvent) -> None:
    """The commissioners of the cases procuring the system; where none is, every commissioner
    of the organisation. The event names nobody when the concern is anonymous, and neither do
    the notification and its email (tests/cross_app/test_anonymity.py)."""
    commissioners = ai_system_people(waira.system, Role.COMMISSIONER) or members_holding(
        waira.organisation_id, Role.COMMISSIONER
    )
    notify_event(event=event, kind=CONCERN_RAISED, people=commissioners)


def tell_representatives(waira: Waira, event: TimelineEvent) -> None:
    """The union representatives assigned to the system's cases (only they may read it)."""
    notify_event(
        event=event,
        kind=WAIRA_COMPLETED,
        people=ai_system_people(waira.system, Role.UNION_REPRESENTATIVE),
    )


def tell_of_stale_waira_at_go_live(waira: Waira, event: TimelineEvent) -> None:
    """WAIRA-PER-03: the commissioners of the system's cases (or, where none is, of the
    organisation) and the union representatives assigned to them."""
    commissioners = ai_system_people(waira.system, Role.COMMISSIONER) or members_holding(
        waira.organisation_id, Role.COMMISSIONER
    )
    notify_event(
        event=event,
        kind=WAIRA_STALE_AT_GO_LIVE,
        people=[*commissioners, *ai_system_people(waira.system, Role.UNION_REPRESENTATIVE)],
    )

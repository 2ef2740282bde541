"""Who is told when a register entry is published (docs/adr/0011-...): the union
representatives of the organisation, in their language, once per publication. The entry is
public, so every representative can open it."""

from __future__ import annotations

from django.urls import reverse

from core.extensions import NotificationKind, register_notification_kind
from core.models import Notification, TimelineEvent
from core.roles import Role
from core.services import members_holding, notify_event
from registers.models import RegisterEntry

ENTRY_PUBLISHED = "register_entry_published"


def _public_entry(event: TimelineEvent, notification: Notification) -> str:
    return reverse("register:entry", args=[event.object_id])


register_notification_kind(
    NotificationKind(
        kind=ENTRY_PUBLISHED,
        templates=f"registers/notifications/{ENTRY_PUBLISHED}",
        url=_public_entry,
        subjects=lambda: RegisterEntry.objects.select_related("system__organisation"),
        event=True,
    )
)


def tell_representatives(entry: RegisterEntry, event: TimelineEvent) -> None:
    notify_event(
        event=event,
        kind=ENTRY_PUBLISHED,
        people=members_holding(entry.system.organisation_id, Role.UNION_REPRESENTATIVE),
    )

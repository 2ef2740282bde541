"""Event notifications: the people who must act on something that just happened are told, in the
app and by email, in their language, once per event and person (docs/adr/0011-...).

A service calls `notify_event` right after the timeline event it records, inside its
transaction: the notifications are written with the event (both or neither), and the outbox
emails them after the commit. The notification's object is the TimelineEvent itself, so the
constraints that make a reminder unique (object, kind, threshold, due date, person) make an
event's notification unique per event and person, and two events of the same kind on the same
object (two dissents on one case the same day) are two notifications.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from core import legal_time
from core.models import Membership, Notification, TimelineEvent, User
from core.services.notifications import _deliver_on_commit

# An event has no clock: its notifications use this threshold, and the day it happened as the
# "due date" of the unique key.
EVENT_THRESHOLD = 0


@dataclass(frozen=True)
class Told:
    """Someone to tell who is not simply a member in their own language: a worker told in the
    language they asked for letters in, or someone without an account, at their email address."""

    user: User | None
    email: str = ""
    language: str = ""


def members_holding(organisation_id: int, *roles: str) -> list[User]:
    """The active members of an organisation holding any of `roles`."""
    return list(
        User.objects.filter(
            is_active=True,
            pk__in=Membership.objects.filter(
                organisation_id=organisation_id, role__in=roles
            ).values("user_id"),
        )
    )


def notify_event(*, event: TimelineEvent, kind: str, people: Iterable[User | Told]) -> int:
    """Tell each of `people` of `event` (a notification of `kind`, registered by its app with
    `event=True`). The person who did it is not told, nor anyone inactive; a person named twice
    is told once, and a second call for the same event adds nothing. Returns how many rows were
    offered (those already there are skipped by the unique constraints)."""
    content_type = ContentType.objects.get_for_model(TimelineEvent)
    day = legal_time.uk_date(event.created_at)
    rows: dict[object, Notification] = {}
    for person in people:
        told = person if isinstance(person, Told) else Told(user=person)
        user = told.user
        if user is not None and (not user.is_active or user.pk == event.actor_id):
            continue
        if user is None and not told.email:
            continue
        key = ("user", user.pk) if user is not None else ("email", told.email.lower())
        rows.setdefault(
            key,
            Notification(
                organisation_id=event.organisation_id,
                recipient=user,
                email="" if user is not None else told.email,
                language=told.language or (user.preferred_language if user else "en"),
                content_type=content_type,
                object_id=event.pk,
                kind=kind,
                threshold=EVENT_THRESHOLD,
                due_date=day,
                created_at=event.created_at,
            ),
        )
    if not rows:
        return 0
    Notification.objects.bulk_create(list(rows.values()), ignore_conflicts=True)
    _deliver_on_commit()
    return len(rows)

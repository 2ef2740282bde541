"""The event timeline: who did what to an object, when and why (shown on pages and in packs)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from core.models import Organisation, TimelineEvent, User


def timeline_record(
    *,
    organisation: Organisation,
    subject: models.Model,
    actor: User | None,
    kind: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        actor=actor,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )

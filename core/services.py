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


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a person chose, for the letters and emails Llais sends them."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])

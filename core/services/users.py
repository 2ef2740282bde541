"""Writes about a person's own account."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.history import save_with_actor
from core.models import NotificationEmails, User


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a person chose, for the letters and emails Llais sends them."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def user_set_notification_emails(*, user: User, choice: str) -> None:
    """An email for each notification as it happens, or one a day listing them (ADR 0011)."""
    if choice not in NotificationEmails.values:
        raise ValidationError({"notification_emails": _("Choose how to be emailed.")})
    if user.notification_emails != choice:
        user.notification_emails = choice
        save_with_actor(user, user)

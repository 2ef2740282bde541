"""Writes about a person's own account."""

from __future__ import annotations

from core.models import User


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a person chose, for the letters and emails Llais sends them."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])

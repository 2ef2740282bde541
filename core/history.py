"""Saving with the acting user, so django-simple-history's record names who made the change."""

from __future__ import annotations

from typing import Any

from django.db import models

from core.models import User


def save_with_actor(obj: models.Model, actor: User | None, **save_kwargs: Any) -> None:
    """Save `obj`; its history row records `actor` (None: the system, e.g. a sweep)."""
    # simple-history reads the user for the history row from this attribute on the instance.
    obj._history_user = actor  # type: ignore[attr-defined]
    obj.save(**save_kwargs)

"""Core's part of "Your information": the person's account, memberships, notifications, and the
history rows that name them (as the person who made a change, or as the account changed).

Each section is scoped to the one person passed in. History rows are listed by what changed and
when, not by their values: a row someone wrote on another person's record is that other
person's data too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.extensions import PersonalDataSection, register_personal_data
from core.models import Membership, Notification, User
from core.roles import Role


def json_ready(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return value


def rows_of(values: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{key: json_ready(value) for key, value in row.items()} for row in values]


@register_personal_data(10)
def account(user: User) -> PersonalDataSection:
    labels: dict[str, str | Promise] = {
        "username": _("Username"),
        "first_name": _("First name"),
        "last_name": _("Last name"),
        "email": _("Email address"),
        "preferred_language": _("Preferred language"),
        "notification_emails": _("Notification emails"),
        "date_joined": _("Account created"),
        "last_login": _("Last signed in"),
    }
    return PersonalDataSection(
        "account",
        _("Your account"),
        labels,
        rows_of(User.objects.filter(pk=user.pk).values(*labels)),
    )


@register_personal_data(20)
def memberships(user: User) -> PersonalDataSection:
    rows = rows_of(
        Membership.objects.filter(user=user)
        .order_by("organisation__name_en", "role")
        .values("organisation__name_en", "role", "job_title")
    )
    for row in rows:
        row["role"] = str(Role(row["role"]).label) if row["role"] in Role.values else row["role"]
    return PersonalDataSection(
        "memberships",
        _("Your roles"),
        {
            "organisation__name_en": _("Organisation"),
            "role": _("Role"),
            "job_title": _("Job title"),
        },
        rows,
    )


@register_personal_data(90)
def notifications(user: User) -> PersonalDataSection:
    labels: dict[str, str | Promise] = {
        "kind": _("Kind"),
        "due_date": _("Due date"),
        "created_at": _("Sent"),
        "read_at": _("Read"),
        "email_state": _("Email"),
    }
    return PersonalDataSection(
        "notifications",
        _("Notifications to you"),
        labels,
        rows_of(
            Notification.objects.filter(recipient=user).order_by("-created_at").values(*labels)
        ),
    )


def _historical_models() -> list[Any]:
    return sorted(
        (
            model
            for model in apps.get_models()
            if hasattr(model, "instance_type")
            and any(field.name == "history_user" for field in model._meta.fields)
        ),
        key=lambda model: model._meta.label,
    )


@register_personal_data(100)
def history(user: User) -> PersonalDataSection:
    rows: list[dict[str, Any]] = []
    for model in _historical_models():
        names_them = Q(history_user_id=user.pk)
        if model.instance_type is User:
            names_them |= Q(id=user.pk)
        elif any(field.name == "user" for field in model._meta.fields):
            names_them |= Q(user_id=user.pk)
        record = str(model.instance_type._meta.verbose_name)
        for row in model.objects.filter(names_them).values("id", "history_type", "history_date"):
            rows.append({"record": record, **rows_of([row])[0]})
    rows.sort(key=lambda row: (row["history_date"], row["record"]))
    return PersonalDataSection(
        "history",
        _("Changes to records that name you"),
        {
            "record": _("Record"),
            "id": _("Record number"),
            "history_type": _("Change (+ created, ~ changed, - deleted)"),
            "history_date": _("When"),
        },
        rows,
    )

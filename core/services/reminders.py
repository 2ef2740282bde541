"""Who hears of a clock, and when: the notification rows (NOTIFICATION_ROW) a sweep adds."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import models
from django.db.models import QuerySet

from core import legal_time
from core.extensions import SweepResult
from core.models import Notification, SweepRun
from core.roles import Role
from core.services.notifications import notifications_insert


def reminder_window(
    due: str, today: date, days_before: tuple[int, ...]
) -> tuple[models.Q, models.Case]:
    """For a date field `due` and reminders `days_before` it (largest first): the filter for
    objects inside the widest window, and the threshold each one has reached. A reminder missed
    because no sweep ran that day is sent by the next run, and only the latest one reached."""
    limits = {days: legal_time.add_days(today, days) for days in days_before}
    window = models.Q(**{f"{due}__gte": today, f"{due}__lte": limits[days_before[0]]})
    threshold = models.Case(
        *[
            models.When(**{f"{due}__lte": limits[days]}, then=models.Value(days))
            for days in reversed(days_before)
        ],
        output_field=models.IntegerField(),
    )
    return window, threshold


def person_rows(
    objects: QuerySet[Any],
    *,
    person: str,
    organisation: str,
    threshold: models.Expression | int,
    due: str,
    where: dict[str, Any] | None = None,
) -> QuerySet[Any]:
    """Notification rows (NOTIFICATION_ROW) for the active user each object reaches through
    `person` (a path such as "assigned_agent__user" or "shared_with"), told in the language they
    chose. `organisation` is the path to the object's organisation ("organisation",
    "system__organisation"). `where` narrows the same join (one filter() call: across a
    many-valued relation a second call would join it again)."""
    if isinstance(threshold, int):
        threshold = models.Value(threshold, output_field=models.IntegerField())
    return objects.filter(**{f"{person}__is_active": True, **(where or {})}).values_list(
        f"{organisation}_id",
        models.F(f"{person}__id"),
        models.Value("", output_field=models.CharField()),
        models.F(f"{person}__preferred_language"),
        "id",
        threshold,
        due,
    )


def member_rows(
    objects: QuerySet[Any],
    *,
    organisation: str,
    roles: set[Role] | set[str],
    threshold: models.Expression | int,
    due: str,
) -> QuerySet[Any]:
    """Notification rows for every active member holding one of `roles` in each object's
    organisation."""
    member = f"{organisation}__memberships"
    return person_rows(
        objects,
        person=f"{member}__user",
        organisation=organisation,
        threshold=threshold,
        due=due,
        where={f"{member}__role__in": sorted(roles)},
    )


# An employer's clock (a WAIRA, a consultation, a register entry): the owner hears before it
# runs out; once it has, union representatives and the oversight body hear too
# (docs/legal-rules.md §2: R-WAIRA-PERIODIC, R-CONS-REPEAT, R-REG-INIT, R-REG-CHANGE).
CLOCK_OWNERS = {Role.COMMISSIONER}
CLOCK_ESCALATION = {Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER}


def clock_notifications(
    objects: QuerySet[Any],
    *,
    kind: str,
    due: str,
    days_before: tuple[int, ...],
    organisation: str,
    today: date,
    now: datetime,
    sweep_run: SweepRun,
) -> SweepResult:
    """The reminders of an employer's clock stored in the field `due` of `objects`: to
    CLOCK_OWNERS `days_before` it, to CLOCK_ESCALATION once it has passed."""
    window, threshold = reminder_window(due, today, days_before)
    soon = objects.filter(window)
    overdue = objects.filter(**{f"{due}__lt": today})
    added = 0
    for items, roles, reached in (
        (soon, CLOCK_OWNERS, threshold),
        (overdue, CLOCK_ESCALATION, Notification.OVERDUE),
    ):
        rows = member_rows(
            items, organisation=organisation, roles=roles, threshold=reached, due=due
        )
        added += notifications_insert(
            rows, model=objects.model, kind=kind, now=now, sweep_run=sweep_run
        )
    return SweepResult(items_found=soon.count() + overdue.count(), notifications_created=added)

"""The register's clocks (R-REG-INIT, R-REG-CHANGE), swept every night.

An entry's due date (`due_by`) is stored by the registers services: three months from first use,
or from the earliest change not yet recorded. The owner hears 30 and 7 days before; once it has
passed, union representatives and the oversight body hear too.
"""

from __future__ import annotations

from datetime import date, datetime

from django.urls import reverse

from core.extensions import (
    NotificationKind,
    SweepResult,
    register_notification_kind,
    register_sweep_step,
)
from core.models import Notification, SweepRun
from core.roles import Role
from core.services import member_rows, notifications_insert, reminder_window
from registers.models import RegisterEntry

SWEEP = "registers"
REGISTER_DAYS = (30, 7)
OWNERS = {Role.COMMISSIONER}
ESCALATE_TO = {Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER}

REGISTER_ENTRY_DUE = "register_entry_due"


def _entry_url(entry: RegisterEntry, notification: Notification) -> str:
    return reverse("registers:entry_detail", args=[entry.system_id])


register_notification_kind(
    NotificationKind(
        kind=REGISTER_ENTRY_DUE,
        templates=f"registers/notifications/{REGISTER_ENTRY_DUE}",
        url=_entry_url,
        subjects=lambda: RegisterEntry.objects.select_related("system__organisation"),
    )
)


@register_sweep_step(SWEEP, order=10)
def register_entries(today: date, now: datetime, run: SweepRun) -> SweepResult:
    window, threshold = reminder_window("due_by", today, REGISTER_DAYS)
    soon = RegisterEntry.objects.filter(window)
    overdue = RegisterEntry.objects.filter(due_by__lt=today)
    org = "system__organisation"
    created = notifications_insert(
        member_rows(soon, organisation=org, roles=OWNERS, threshold=threshold, due="due_by"),
        model=RegisterEntry,
        kind=REGISTER_ENTRY_DUE,
        now=now,
        sweep_run=run,
    ) + notifications_insert(
        member_rows(
            overdue,
            organisation=org,
            roles=ESCALATE_TO,
            threshold=Notification.OVERDUE,
            due="due_by",
        ),
        model=RegisterEntry,
        kind=REGISTER_ENTRY_DUE,
        now=now,
        sweep_run=run,
    )
    return SweepResult(items_found=soon.count() + overdue.count(), notifications_created=created)

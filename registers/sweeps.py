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
from core.services import clock_notifications
from registers.models import RegisterEntry

SWEEP = "registers"
REGISTER_DAYS = (30, 7)

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
    return clock_notifications(
        RegisterEntry.objects.all(),
        kind=REGISTER_ENTRY_DUE,
        due="due_by",
        days_before=REGISTER_DAYS,
        organisation="system__organisation",
        today=today,
        now=now,
        sweep_run=run,
    )

"""The supplier's obligations, swept every night (issue 18, item 5; docs/adr/0018-...).

The case's commissioner and the organisation's commissioners hear 7 and 2 days before an
obligation falls due; the day after it, it is flagged as missed exactly once (the UPDATE only
touches rows not yet flagged) and they hear once (the notifications' unique constraints). Due
dates are stored on the instances by the services, from contract_clauses.obligation_due.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import QuerySet
from django.urls import reverse

from core.extensions import (
    NotificationKind,
    SweepResult,
    register_notification_kind,
    register_sweep_step,
)
from core.models import Notification, SweepRun
from core.roles import Role
from core.services import member_rows, notifications_insert, person_rows, reminder_window
from procurement.models import SupplierObligationInstance

SWEEP = "procurement"
REMINDER_DAYS = (7, 2)
SUPPLIER_OBLIGATION_DUE = "supplier_obligation_due"
ORGANISATION = "obligation__contract__case__organisation"


def _case_url(instance: SupplierObligationInstance, notification: Notification) -> str:
    return reverse("procurement:contract", args=[instance.obligation.contract.case_id])


register_notification_kind(
    NotificationKind(
        kind=SUPPLIER_OBLIGATION_DUE,
        templates=f"procurement/notifications/{SUPPLIER_OBLIGATION_DUE}",
        url=_case_url,
        subjects=lambda: SupplierObligationInstance.objects.select_related(
            "obligation__contract__case__organisation", "rights_request"
        ),
    )
)


def _open() -> QuerySet[SupplierObligationInstance]:
    return SupplierObligationInstance.objects.filter(met_on__isnull=True)


def _notify(
    items: QuerySet[SupplierObligationInstance],
    threshold: object,
    now: datetime,
    run: SweepRun,
) -> int:
    rows = (
        person_rows(
            items,
            person="obligation__contract__case__commissioner",
            organisation=ORGANISATION,
            threshold=threshold,  # type: ignore[arg-type]
            due="due_on",
        ),
        member_rows(
            items,
            organisation=ORGANISATION,
            roles={Role.COMMISSIONER},
            threshold=threshold,  # type: ignore[arg-type]
            due="due_on",
        ),
    )
    return sum(
        notifications_insert(
            r,
            model=SupplierObligationInstance,
            kind=SUPPLIER_OBLIGATION_DUE,
            now=now,
            sweep_run=run,
        )
        for r in rows
    )


@register_sweep_step(SWEEP, order=10)
def supplier_obligation_reminders(today: date, now: datetime, run: SweepRun) -> SweepResult:
    window, threshold = reminder_window("due_on", today, REMINDER_DAYS)
    soon = _open().filter(window)
    return SweepResult(
        items_found=soon.count(), notifications_created=_notify(soon, threshold, now, run)
    )


@register_sweep_step(SWEEP, order=20)
def supplier_obligations_missed(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """Flag, once, every obligation not met by its due date, and tell the commissioners."""
    flagged = (
        _open()
        .filter(due_on__lt=today, missed_flagged_at__isnull=True)
        .update(missed_flagged_at=now)
    )
    missed = _open().filter(due_on__lt=today)
    added = _notify(missed, Notification.OVERDUE, now, run)
    return SweepResult(items_found=flagged, notifications_created=added)

"""The 12-month clocks (R-WAIRA-PERIODIC, R-CONS-REPEAT), swept every night.

The due dates are stored on the AI system by the waira services; a sweep only reads them. The
owner (the organisation's commissioners) hears 90, 30 and 7 days before; once a date has passed,
the union representatives and the oversight body hear too (the escalation in
docs/legal-rules.md).
"""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import F, Q, QuerySet
from django.urls import reverse

from core.extensions import (
    NotificationKind,
    SweepResult,
    register_notification_kind,
    register_sweep_step,
)
from core.models import Notification, SweepRun
from core.services import clock_notifications
from registers.models import AISystem

SWEEP = "waira"
REVIEW_DAYS = (90, 30, 7)

WAIRA_REVIEW = "waira_review"
CONSULTATION_REVIEW = "consultation_review"


def _system_url(system: AISystem, notification: Notification) -> str:
    return reverse("registers:system_detail", args=[system.pk])


for _kind in (WAIRA_REVIEW, CONSULTATION_REVIEW):
    register_notification_kind(
        NotificationKind(
            kind=_kind,
            templates=f"waira/notifications/{_kind}",
            url=_system_url,
            subjects=lambda: AISystem.objects.select_related("organisation"),
        )
    )


def _in_high_risk_use(due: str) -> QuerySet[AISystem]:
    """Systems whose clock runs: in high-risk decision-making, and still in use on the due
    date (the clock stops at the register's end-of-use date)."""
    return AISystem.objects.filter(
        used_in_high_risk_decision_making=True, first_use__isnull=False, **{f"{due}__isnull": False}
    ).filter(Q(end_of_use__isnull=True) | Q(end_of_use__gt=F(due)))


def _sweep_clock(kind: str, due: str, today: date, now: datetime, run: SweepRun) -> SweepResult:
    return clock_notifications(
        _in_high_risk_use(due),
        kind=kind,
        due=due,
        days_before=REVIEW_DAYS,
        organisation="organisation",
        today=today,
        now=now,
        sweep_run=run,
    )


@register_sweep_step(SWEEP, order=10)
def waira_reviews(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """s.14(4): a further WAIRA within 12 months of the last one's completion."""
    return _sweep_clock(WAIRA_REVIEW, "waira_next_due", today, now, run)


@register_sweep_step(SWEEP, order=20)
def consultation_reviews(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """s.15(4): direct consultation again within 12 months of the last one's conclusion."""
    return _sweep_clock(CONSULTATION_REVIEW, "consultation_next_due", today, now, run)

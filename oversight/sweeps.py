"""The governance body's actions, swept every night: the owner hears 14 and 3 days before an
open action is due; once it is overdue, the owner and the oversight members hear. Each
reminder once, however often the sweep runs (the notifications' unique constraints)."""

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
from core.services import member_rows, notifications_insert, person_rows, reminder_window
from oversight.models import ActionStatus, Decision, DecisionKind

SWEEP = "oversight"
ACTION_DAYS = (14, 3)
GOVERNANCE_ACTION = "governance_action"


def _action_url(action: Decision, notification: Notification) -> str:
    return reverse("oversight:meeting_detail", args=[action.meeting_id])


register_notification_kind(
    NotificationKind(
        kind=GOVERNANCE_ACTION,
        templates="oversight/notifications/governance_action",
        url=_action_url,
        subjects=lambda: Decision.objects.select_related("organisation"),
    )
)


@register_sweep_step(SWEEP, order=10)
def action_reminders(today: date, now: datetime, run: SweepRun) -> SweepResult:
    actions = Decision.objects.filter(kind=DecisionKind.ACTION, status=ActionStatus.OPEN)
    window, threshold = reminder_window("due_on", today, ACTION_DAYS)
    soon = actions.filter(window)
    overdue = actions.filter(due_on__lt=today)
    added = 0
    for rows in (
        person_rows(
            soon, person="owner", organisation="organisation", threshold=threshold, due="due_on"
        ),
        person_rows(
            overdue,
            person="owner",
            organisation="organisation",
            threshold=Notification.OVERDUE,
            due="due_on",
        ),
        member_rows(
            overdue,
            organisation="organisation",
            roles={Role.OVERSIGHT_MEMBER},
            threshold=Notification.OVERDUE,
            due="due_on",
        ),
    ):
        added += notifications_insert(
            rows, model=Decision, kind=GOVERNANCE_ACTION, now=now, sweep_run=run
        )
    return SweepResult(items_found=soon.count() + overdue.count(), notifications_created=added)

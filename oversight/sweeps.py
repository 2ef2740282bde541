"""The governance body's actions and the cases' oversight reviews, swept every night.

Actions: the owner hears 14 and 3 days before an
open action is due; once it is overdue, the owner and the oversight members hear. Each
reminder once, however often the sweep runs (the notifications' unique constraints).

Oversight reviews: the case's commissioner hears 30 and 7 days before an unfinished review is
due; once it is overdue, the commissioners and the oversight members of the organisation hear."""

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
from oversight.models import (
    UNFINISHED_REVIEW_STATES,
    ActionStatus,
    Decision,
    DecisionKind,
    OversightReview,
)
from oversight.review_services import review_open_first
from procurement.models import ProcurementCase
from procurement.stages import Stage

SWEEP = "oversight"
ACTION_DAYS = (14, 3)
GOVERNANCE_ACTION = "governance_action"
REVIEW_DAYS = (30, 7)
OVERSIGHT_REVIEW_DUE = "oversight_review_due"


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


def _review_url(review: OversightReview, notification: Notification) -> str:
    return reverse("oversight:review_detail", args=[review.pk])


register_notification_kind(
    NotificationKind(
        kind=OVERSIGHT_REVIEW_DUE,
        templates="oversight/notifications/oversight_review_due",
        url=_review_url,
        subjects=lambda: OversightReview.objects.select_related("organisation", "case"),
    )
)


@register_sweep_step(SWEEP, order=20)
def first_reviews(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """A case that entered oversight before reviews existed gets its first review (once: each
    case is found here on one night only, so the loop stays short)."""
    cases = ProcurementCase.objects.filter(stage=Stage.OVERSIGHT).exclude(
        pk__in=OversightReview.objects.values("case_id")
    )
    opened = [
        case for case in cases.select_related("organisation") if review_open_first(case, None)
    ]
    return SweepResult(items_found=len(opened))


@register_sweep_step(SWEEP, order=30)
def review_reminders(today: date, now: datetime, run: SweepRun) -> SweepResult:
    reviews = OversightReview.objects.filter(state__in=UNFINISHED_REVIEW_STATES)
    window, threshold = reminder_window("due_on", today, REVIEW_DAYS)
    soon = reviews.filter(window)
    overdue = reviews.filter(due_on__lt=today)
    added = 0
    for rows in (
        person_rows(
            soon,
            person="case__commissioner",
            organisation="organisation",
            threshold=threshold,
            due="due_on",
        ),
        person_rows(
            overdue,
            person="case__commissioner",
            organisation="organisation",
            threshold=Notification.OVERDUE,
            due="due_on",
        ),
        member_rows(
            overdue,
            organisation="organisation",
            roles={Role.COMMISSIONER, Role.OVERSIGHT_MEMBER},
            threshold=Notification.OVERDUE,
            due="due_on",
        ),
    ):
        added += notifications_insert(
            rows, model=OversightReview, kind=OVERSIGHT_REVIEW_DUE, now=now, sweep_run=run
        )
    return SweepResult(items_found=soon.count() + overdue.count(), notifications_created=added)

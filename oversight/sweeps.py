"""The governance body's actions, outcome signals and the cases' oversight reviews, swept every
night.

Actions: the owner hears 14 and 3 days before an open action is due; once it is overdue, the
owner and the oversight members hear. Each reminder once, however often the sweep runs (the
notifications' unique constraints).

Outcome signals: each AI system in use is measured over its organisation's rolling window; a
figure that reaches its threshold is recorded as a Signal once per crossing (one open signal per
system and figure, a database constraint), and the commissioners of the system's cases and the
organisation's oversight members are told once. A signal whose figure has fallen below its
threshold is cleared, so that a later crossing is a new signal.

Oversight reviews: the case's commissioner hears 30 and 7 days before an unfinished review is
due; once it is overdue, the commissioners and the oversight members of the organisation hear."""

from __future__ import annotations

from collections import defaultdict
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
from oversight import outcomes
from oversight.models import (
    UNFINISHED_REVIEW_STATES,
    ActionStatus,
    Decision,
    DecisionKind,
    OversightReview,
    Signal,
)
from oversight.review_services import review_open_first
from procurement.models import ProcurementCase
from procurement.stages import Stage

SWEEP = "oversight"
ACTION_DAYS = (14, 3)
GOVERNANCE_ACTION = "governance_action"
OUTCOME_SIGNAL = "outcome_signal"
# A signal has no clock: its notifications use this threshold and the day it was raised.
SIGNAL_THRESHOLD = 0
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


def _signal_url(signal: Signal, notification: Notification) -> str:
    return reverse("oversight:signal_detail", args=[signal.pk])


def _review_url(review: OversightReview, notification: Notification) -> str:
    return reverse("oversight:review_detail", args=[review.pk])


register_notification_kind(
    NotificationKind(
        kind=OUTCOME_SIGNAL,
        templates="oversight/notifications/outcome_signal",
        url=_signal_url,
        subjects=lambda: Signal.objects.select_related("system", "organisation"),
    )
)


register_notification_kind(
    NotificationKind(
        kind=OVERSIGHT_REVIEW_DUE,
        templates="oversight/notifications/oversight_review_due",
        url=_review_url,
        subjects=lambda: OversightReview.objects.select_related("organisation", "case"),
    )
)


@register_sweep_step(SWEEP, order=20)
def outcome_signals(today: date, now: datetime, run: SweepRun) -> SweepResult:
    in_use = list(outcomes.systems_in_use(today).values_list("pk", "organisation_id"))
    settings = outcomes.signal_settings_for(organisation for _pk, organisation in in_use)
    by_window: dict[int, list[int]] = defaultdict(list)
    for pk, organisation in in_use:
        by_window[settings[organisation].window_days].append(pk)
    organisation_of = dict(in_use)
    reached: dict[tuple[int, str], tuple[int, int]] = {}
    # One set of queries per distinct window length (most Llais installations: one).
    for window_days, system_ids in by_window.items():
        figures = outcomes.outcome_figures(system_ids, today=today, window_days=window_days)
        for pk in system_ids:
            for which, value in outcomes.figures_reached(
                figures[pk], settings[organisation_of[pk]]
            ).items():
                reached[(pk, which)] = value
    open_signals = dict(
        ((system_id, which), pk)
        for pk, system_id, which in Signal.objects.filter(cleared_on__isnull=True).values_list(
            "pk", "system_id", "figure"
        )
    )
    fallen = [pk for key, pk in open_signals.items() if key not in reached]
    if fallen:
        # A machine record without history: the day it fell below is all there is to keep.
        Signal.objects.filter(pk__in=fallen).update(cleared_on=today)
    Signal.objects.bulk_create(
        [
            Signal(
                organisation_id=organisation_of[system_id],
                system_id=system_id,
                figure=which,
                value=value,
                threshold=threshold,
                window_days=settings[organisation_of[system_id]].window_days,
                raised_on=today,
            )
            for (system_id, which), (value, threshold) in reached.items()
            if (system_id, which) not in open_signals
        ],
        ignore_conflicts=True,  # another run raised it first: the constraint keeps one
    )
    raised = Signal.objects.filter(raised_on=today, cleared_on__isnull=True)
    added = 0
    for rows in (
        person_rows(
            raised,
            person="system__procurement_cases__commissioner",
            organisation="organisation",
            threshold=SIGNAL_THRESHOLD,
            due="raised_on",
        ),
        member_rows(
            raised,
            organisation="organisation",
            roles={Role.OVERSIGHT_MEMBER},
            threshold=SIGNAL_THRESHOLD,
            due="raised_on",
        ),
    ):
        added += notifications_insert(
            rows, model=Signal, kind=OUTCOME_SIGNAL, now=now, sweep_run=run
        )
    return SweepResult(items_found=len(reached), notifications_created=added)


@register_sweep_step(SWEEP, order=25)
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

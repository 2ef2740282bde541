"""The rights requests' clocks, swept every night (R-EXPL-DUE, R-RECON-DUE, R-ET-LIMIT).

Each step is a few set-based statements whatever the number of requests: the rows to notify or
record are chosen in the database, and the unique constraints make every step safe to repeat
(docs/adr/0007-the-deadline-engine.md). Dates come from core.legal_time only: for failures, the
distinct due dates are worked out in Python and joined in, never computed in SQL.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Case, Expression, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import JSONObject
from django.urls import reverse

from core import legal_time
from core.extensions import (
    NotificationKind,
    SweepResult,
    register_notification_kind,
    register_sweep_step,
)
from core.models import Notification, SweepRun, TimelineEvent
from core.roles import Role
from core.services import (
    history_record_created,
    insert_from_select,
    member_rows,
    notifications_insert,
    person_rows,
    reminder_window,
)
from core.tasks import seal_timeline
from rights_requests.models import (
    OPEN_STATES,
    ComplianceFailure,
    RequestKind,
    RightsRequest,
)

SWEEP = "rights_requests"
# R-EXPL-DUE, R-RECON-DUE: the handler hears on these days of the request, and on the due date.
REMINDER_DAYS = (14, 21, 26)
DUE_DAY = 0
# R-ET-LIMIT: the worker hears this many days before the safe date to file a tribunal claim.
TRIBUNAL_DAYS = (60, 30, 14, 7)

ANSWER_DUE = "answer_due"
ANSWER_OVERDUE = "answer_overdue"
TRIBUNAL_LIMIT = "tribunal_limit"


def _request_url(request: RightsRequest, notification: Notification) -> str:
    if notification.recipient_id is None:
        return ""  # someone without an account follows the request by their private link
    return reverse("rights_requests:request_detail", args=[request.pk])


# An agreed period proposed to the worker, or recorded on their written agreement
# (rights_requests.services.handling).
for _kind in (
    ANSWER_DUE,
    ANSWER_OVERDUE,
    TRIBUNAL_LIMIT,
    "extension_proposed",
    "extension_recorded",
):
    register_notification_kind(
        NotificationKind(
            kind=_kind,
            templates=f"rights_requests/notifications/{_kind}",
            url=_request_url,
            subjects=lambda: RightsRequest.objects.select_related("organisation", "failure"),
        )
    )


def _open() -> QuerySet[RightsRequest]:
    return RightsRequest.objects.filter(state__in=OPEN_STATES)


@register_sweep_step(SWEEP, order=10)
def answer_reminders(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """The handler's reminders: on days 14, 21 and 26 of an open request and on its due date.

    A reminder missed (the sweep did not run that day) is sent on the next run, once: only the
    latest day reached is sent, so nobody gets three at once.
    """
    day = {n: legal_time.add_days(today, -n) for n in REMINDER_DAYS}
    due = _open().filter(due_date__gte=today, request_date__lte=day[REMINDER_DAYS[0]])
    threshold = Case(
        When(due_date=today, then=Value(DUE_DAY)),
        *[When(request_date__lte=day[n], then=Value(n)) for n in reversed(REMINDER_DAYS)],
        output_field=IntegerField(),
    )
    explanations = due.filter(kind=RequestKind.EXPLANATION)
    reconsiderations = due.filter(kind=RequestKind.RECONSIDERATION)
    assigned = reconsiderations.filter(assigned_agent__user__is_active=True)
    unassigned = reconsiderations.exclude(pk__in=assigned.values("pk"))
    agent_rows = person_rows(
        assigned,
        person="assigned_agent__user",
        organisation="organisation",
        threshold=threshold,
        due="due_date",
    )
    created = sum(
        notifications_insert(rows, model=RightsRequest, kind=ANSWER_DUE, now=now, sweep_run=run)
        for rows in (
            member_rows(
                explanations,
                organisation="organisation",
                roles={Role.NOMINATED_CONTACT},
                threshold=threshold,
                due="due_date",
            ),
            agent_rows,
            member_rows(
                unassigned,
                organisation="organisation",
                roles={Role.COMPETENT_AGENT},
                threshold=threshold,
                due="due_date",
            ),
        )
    )
    return SweepResult(items_found=due.count(), notifications_created=created)


def _requester_rows(
    requests: QuerySet[RightsRequest], threshold: int | Expression, due_date: str
) -> QuerySet[RightsRequest, tuple[Any, ...]]:
    """One row per request: the person who made it, in the language they asked for letters in.
    Someone without an account is told at their email address."""
    return requests.values_list(
        "organisation_id",
        "requester_id",
        "requester_email",
        "language",
        "id",
        Value(threshold, output_field=IntegerField()) if isinstance(threshold, int) else threshold,
        due_date,
    )


@register_sweep_step(SWEEP, order=20)
def compliance_failures(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """On a miss (R-EXPL-DUE, R-RECON-DUE): record the failure, with its s.19 dates, in the
    request's history and timeline, and tell the worker. One transaction: all of it or none."""
    overdue = _open().filter(due_date__lt=today, failure__isnull=True)
    due_dates = list(overdue.order_by().values_list("due_date", flat=True).distinct())
    if not due_dates:
        return SweepResult()
    recorded = _insert_failures(due_dates, today, now, run)
    new = ComplianceFailure.objects.filter(sweep_run=run)
    history_record_created(new, when=now)
    insert_from_select(
        TimelineEvent,
        [
            *("organisation_id", "content_type_id", "object_id", "kind", "from_state"),
            *("to_state", "reason", "data", "created_at"),
        ],
        new.values_list(
            "request__organisation_id",
            Value(ContentType.objects.get_for_model(RightsRequest).pk),
            "request_id",
            Value("compliance_failure_recorded"),
            Value(""),
            Value(""),
            Value(""),
            JSONObject(
                failure_date=F("failure_date"),
                file_by=F("file_by"),
                out_of_time_after=F("out_of_time_after"),
            ),
            Value(now),
        ),
    )
    sealed = list(new.values_list("request__organisation_id", flat=True).distinct())
    transaction.on_commit(lambda: seal_timeline.delay(sealed))
    told = notifications_insert(
        _requester_rows(
            RightsRequest.objects.filter(failure__sweep_run=run),
            Notification.OVERDUE,
            "due_date",
        ),
        model=RightsRequest,
        kind=ANSWER_OVERDUE,
        now=now,
        sweep_run=run,
    )
    return SweepResult(items_found=recorded, notifications_created=told, failures_recorded=recorded)


def _insert_failures(due_dates: list[date], today: date, now: datetime, run: SweepRun) -> int:
    """One INSERT ... SELECT for every open request past its due date without a failure: the
    s.19 dates for each distinct due date come from core.legal_time, joined in as a table."""
    quote = connection.ops.quote_name
    rows, params = [], []
    for due in due_dates:
        failure_on = legal_time.failure_date(due)
        limit = legal_time.limitation(failure_on)
        rows.append("SELECT %s AS due, %s AS failure_on, %s AS file_by, %s AS out_of_time")
        params += [due, failure_on, limit.file_by, limit.out_of_time_after]
    request, failure = RightsRequest._meta.db_table, ComplianceFailure._meta.db_table
    open_states = ", ".join(["%s"] * len(OPEN_STATES))
    sql = (
        f"INSERT INTO {quote(failure)} (request_id, last_compliance_date, failure_date, "
        "file_by, out_of_time_after, recorded_at, sweep_run_id) "
        "SELECT r.id, r.due_date, d.failure_on, d.file_by, d.out_of_time, %s, %s "
        f"FROM {quote(request)} r JOIN ({' UNION ALL '.join(rows)}) d ON d.due = r.due_date "
        f"WHERE r.state IN ({open_states}) AND r.due_date < %s "
        f"AND NOT EXISTS (SELECT 1 FROM {quote(failure)} f WHERE f.request_id = r.id) "
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [now, run.pk, *params, *OPEN_STATES, today])
        written: int = cursor.rowcount
        return max(written, 0)


@register_sweep_step(SWEEP, order=30)
def tribunal_reminders(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """R-ET-LIMIT: the worker, and the union representatives they shared the request with, hear
    60, 30, 14 and 7 days before the safe date to file a claim (`file_by`, which ignores early
    conciliation, A14). A missed reminder is caught up once."""
    window, threshold = reminder_window("failure__file_by", today, TRIBUNAL_DAYS)
    failures = RightsRequest.objects.filter(window)
    representatives = person_rows(
        failures,
        person="shared_with",
        organisation="organisation",
        threshold=threshold,
        due="failure__file_by",
    )
    workers = _requester_rows(failures, threshold, "failure__file_by")
    told = 0
    for rows in (workers, representatives):
        told += notifications_insert(
            rows, model=RightsRequest, kind=TRIBUNAL_LIMIT, now=now, sweep_run=run
        )
    return SweepResult(items_found=failures.count(), notifications_created=told)


__all__ = ["answer_reminders", "compliance_failures", "tribunal_reminders"]

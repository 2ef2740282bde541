from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import legal_time
from core.extensions import NOTIFICATION_KINDS, SWEEP_STEPS, SweepResult, notification_subjects
from core.models import EmailState, Notification, Organisation, SweepRun, TimelineEvent, User
from core.roles import Role

logger = logging.getLogger(__name__)


def timeline_record(
    *,
    organisation: Organisation,
    subject: models.Model,
    actor: User | None,
    kind: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> TimelineEvent:
    return TimelineEvent.objects.create(
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        actor=actor,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a person chose, for the letters and emails Llais sends them."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


# --- Notifications -----------------------------------------------------------------------------

# The columns a sweep's rows give, in this order (see notifications_insert).
NOTIFICATION_ROW = (
    "organisation_id",
    "recipient_id",
    "email",
    "language",
    "object_id",
    "threshold",
    "due_date",
)


def notifications_insert(
    rows: QuerySet[Any],
    *,
    model: type[models.Model],
    kind: str,
    now: datetime,
    sweep_run: SweepRun | None = None,
) -> int:
    """Add a notification for every row of `rows` that has none yet, in one INSERT ... SELECT.

    `rows` is a `values_list` giving the NOTIFICATION_ROW columns in order, one row per person
    to tell (an object with three people to tell is three rows). Rows whose notification exists
    are skipped by the unique constraints (ON CONFLICT DO NOTHING), so running this twice, or in
    two processes at once, adds each notification once. Returns how many were added.
    """
    added = insert_from_select(
        Notification,
        [*NOTIFICATION_ROW, "content_type_id", "kind", "created_at", "email_state", "sweep_run_id"],
        rows,
        constants=[
            ContentType.objects.get_for_model(model).pk,
            kind,
            now,
            EmailState.PENDING,
            sweep_run.pk if sweep_run else None,
        ],
    )
    if added:
        _deliver_on_commit()
    return added


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


def notification_create(
    *,
    subject: models.Model,
    organisation_id: int,
    kind: str,
    threshold: int,
    due_date: date,
    recipient: User | None = None,
    email: str = "",
    language: str = "en",
) -> None:
    """One notification, outside a sweep (a service noticed a clock ran out). Once only, like
    the sweeps' (the same constraints skip it if it exists)."""
    Notification.objects.bulk_create(
        [
            Notification(
                organisation_id=organisation_id,
                recipient=recipient,
                email=email,
                language=language,
                content_type=ContentType.objects.get_for_model(subject),
                object_id=subject.pk,
                kind=kind,
                threshold=threshold,
                due_date=due_date,
                created_at=timezone.now(),
            )
        ],
        ignore_conflicts=True,
    )
    _deliver_on_commit()


def _deliver_on_commit() -> None:
    from core import tasks

    transaction.on_commit(tasks.deliver_notifications.delay)


def notifications_mark_read(*, user: User, ids: list[int] | None = None) -> int:
    """Mark a person's unread notifications read: all of them, or those in `ids`."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    # A read mark is not a record anyone relies on (no history, no state machine): update() is
    # right here.
    return unread.update(read_at=timezone.now())


def notification_url(notification: Notification) -> str:
    """Where the notification's object is, for its recipient ("" if it has gone)."""
    kind = NOTIFICATION_KINDS.get(notification.kind)
    subject = notification.subject
    return kind.url(subject, notification) if kind and subject is not None else ""


def notification_render(notification: Notification, part: str) -> str:
    """The notification's title ("subject") or email ("body"), in the active language."""
    kind = NOTIFICATION_KINDS[notification.kind]
    subject = notification.subject
    url = notification_url(notification)
    text = render_to_string(
        f"{kind.templates}_{part}.txt",
        {"n": notification, "subject": subject, "url": url, "site_url": settings.SITE_URL},
    )
    return " ".join(text.split()) if part == "subject" else text.strip() + "\n"


def notifications_deliver(*, batch_size: int = 200) -> int:
    """The outbox: email every notification still waiting, in its recipient's language.

    Batches are claimed with SKIP LOCKED, so several workers share the work and none sends the
    same email. A worker killed after sending and before its batch commits leaves the batch
    waiting: it is sent again (at least once, never lost). Returns how many were sent.
    """
    sent = 0
    email_connection = get_connection()
    while True:
        with transaction.atomic():
            batch = list(
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(email_state=EmailState.PENDING)
                .select_related("recipient")
                .order_by("id")[:batch_size]
            )
            if not batch:
                return sent
            models.prefetch_related_objects(batch, notification_subjects())
            messages = []
            now = timezone.now()
            for notification in batch:
                address = notification.email or (
                    notification.recipient.email if notification.recipient else ""
                )
                if not address or notification.kind not in NOTIFICATION_KINDS:
                    notification.email_state = EmailState.NO_ADDRESS
                    continue
                with translation.override(notification.language):
                    messages.append(
                        EmailMessage(
                            notification_render(notification, "subject"),
                            notification_render(notification, "body"),
                            settings.DEFAULT_FROM_EMAIL,
                            [address],
                        )
                    )
                notification.email_state, notification.emailed_at = EmailState.SENT, now
            email_connection.send_messages(messages)
            Notification.objects.bulk_update(batch, ["email_state", "emailed_at"])
            sent += len(messages)


def insert_from_select(
    model: type[models.Model],
    columns: list[str],
    rows: QuerySet[Any],
    *,
    constants: list[Any] | None = None,
) -> int:
    """INSERT INTO model's table (columns) SELECT rows: one statement, duplicates skipped.

    `rows` is a `values_list` whose columns match the first `columns` in order; `constants`
    fill the rest, the same in every row. For the sweeps, which write many rows at once (ON
    CONFLICT DO NOTHING also skips duplicates within the statement); returns how many were
    written."""
    select_sql, params = rows.order_by().query.sql_with_params()
    quote = connection.ops.quote_name
    extra = "".join(", %s" for _constant in constants or [])
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"SELECT q.*{extra} FROM ({select_sql}) q WHERE 1 = 1 ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(constants or []), *params])
        return max(cursor.rowcount, 0)


def history_record_created(created: QuerySet[Any], *, when: datetime) -> int:
    """django-simple-history's "created" rows for objects a sweep wrote in bulk (a bulk INSERT
    passes no signal, so the history would otherwise miss them): one INSERT ... SELECT."""
    model = created.model
    historical = model.history.model  # type: ignore[attr-defined]
    fields = [
        field for field in historical._meta.concrete_fields if not field.name.startswith("history_")
    ]
    rows = created.values_list(
        *[field.attname for field in fields],
        models.Value(when, output_field=models.DateTimeField()),
        models.Value("+", output_field=models.CharField()),
    )
    columns = [field.column for field in fields] + ["history_date", "history_type"]
    return insert_from_select(historical, columns, rows)


# --- Sweeps ------------------------------------------------------------------------------------


class _QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def sweep_run(name: str, *, triggered_by: str = "", today: date | None = None) -> SweepRun:
    """Run one sweep's steps for `today` and keep a record of the run.

    Each step is one transaction: a run stopped part-way (a killed worker) has committed whole
    steps only, and as every step is idempotent the next run finishes the rest and repeats
    nothing. The run's record is written first, so a run that never finished shows as such.
    """
    steps = SWEEP_STEPS.get(name)
    if not steps:
        raise ValidationError(_("There is no sweep called %(name)s.") % {"name": name})
    started = timezone.now()
    today = today or legal_time.uk_date(started)
    run = SweepRun.objects.create(
        name=name, started_at=started, swept_for=today, triggered_by=triggered_by
    )
    counter = _QueryCounter()
    clock = time.perf_counter()
    step = steps[0]
    try:
        with connection.execute_wrapper(counter):
            for step in steps:
                with transaction.atomic():
                    result = step.run(today, timezone.now(), run)
                run.items_found += result.items_found
                run.notifications_created += result.notifications_created
                run.failures_recorded += result.failures_recorded
    except Exception as error:
        run.error = f"{step.name}: {error}"
        logger.exception("sweep %s failed at %s", name, step.name)
        raise
    finally:
        run.queries = counter.count
        run.finished_at = run.started_at + timedelta(seconds=time.perf_counter() - clock)
        run.save()
    return run


def sweep_names() -> list[str]:
    return sorted(SWEEP_STEPS)

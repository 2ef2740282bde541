"""Notifications: stored once per object, kind, threshold, due date and person; read on the
notifications page; emailed by the outbox (notifications_deliver), which a task runs after
every commit that added some."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import celery
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from core.extensions import NOTIFICATION_KINDS, notification_subjects
from core.models import EmailState, Notification, NotificationEmails, SweepRun, User
from core.services.sql import insert_from_select

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


def notifications_add(notifications: list[Notification], *, sweep_run: SweepRun) -> int:
    """Notifications a sweep built in Python (it chose the recipients itself), each added once:
    the unique constraints skip any that exist. Returns how many were added."""
    if not notifications:
        return 0
    for notification in notifications:
        notification.sweep_run = sweep_run
    kinds = {n.kind for n in notifications}
    existing = Notification.objects.filter(sweep_run=sweep_run, kind__in=kinds)
    before = existing.count()
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    added = existing.count() - before
    if added:
        _deliver_on_commit()
    return added


def _deliver_on_commit() -> None:
    # Queued by name: core.tasks imports this module to run the outbox, so importing the task
    # here would close a cycle. CoreConfig.ready() registers the task, so it still runs eagerly
    # where Celery is told to.
    transaction.on_commit(celery.signature("core.tasks.deliver_notifications").delay)


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


def notification_open_url(notification: Notification) -> str:
    """The link a person follows from the notification (on its page or in its email): core's
    redirect, which marks it read and lands on the page where they act ("" if nowhere)."""
    if notification.recipient_id is None or not notification_url(notification):
        return ""
    return reverse("core:notification_open", args=[notification.pk])


def notification_open(*, user: User, notification_id: int) -> str | None:
    """The person opens one of their notifications: it is marked read, and the page where they
    act is returned ("" if its object has gone; None if it is not theirs)."""
    notification = (
        Notification.objects.filter(pk=notification_id, recipient=user)
        .prefetch_related(notification_subjects())
        .first()
    )
    if notification is None:
        return None
    if notification.read_at is None:
        notifications_mark_read(user=user, ids=[notification.pk])
    return notification_url(notification)


def notification_render(notification: Notification, part: str) -> str:
    """The notification's title ("subject") or email ("body"), in the active language."""
    kind = NOTIFICATION_KINDS[notification.kind]
    subject = notification.subject
    url = notification_open_url(notification)
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
                if _wants_digest(notification):
                    notification.email_state = EmailState.DIGEST
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


def _wants_digest(notification: Notification) -> bool:
    recipient = notification.recipient
    return recipient is not None and recipient.notification_emails == NotificationEmails.DAILY


def notifications_send_digests(*, batch_size: int = 200) -> int:
    """The daily email of those who chose one: every notification waiting for it, listed in one
    email per person, in their language. Each person's rows are locked (SKIP LOCKED) and marked
    sent in the transaction that sends them, so a rerun, or two at once, sends none twice.
    Returns how many emails were sent."""
    sent = 0
    email_connection = get_connection()
    recipients = list(
        Notification.objects.filter(email_state=EmailState.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    for recipient_id in recipients:
        while True:
            with transaction.atomic():
                batch = list(
                    Notification.objects.select_for_update(skip_locked=True, of=("self",))
                    .filter(recipient_id=recipient_id, email_state=EmailState.DIGEST)
                    .select_related("recipient")
                    .order_by("id")[:batch_size]
                )
                if not batch:
                    break
                models.prefetch_related_objects(batch, notification_subjects())
                recipient = batch[0].recipient
                assert recipient is not None
                now = timezone.now()
                for notification in batch:
                    notification.email_state, notification.emailed_at = EmailState.SENT, now
                items = [n for n in batch if n.kind in NOTIFICATION_KINDS]
                if items:
                    with translation.override(recipient.preferred_language):
                        rows = [
                            {
                                "title": notification_render(n, "subject"),
                                "url": notification_open_url(n),
                            }
                            for n in items
                        ]
                        subject = render_to_string(
                            "core/email/digest_subject.txt", {"count": len(rows)}
                        )
                        body = render_to_string(
                            "core/email/digest_body.txt",
                            {"rows": rows, "site_url": settings.SITE_URL, "user": recipient},
                        )
                    email_connection.send_messages(
                        [
                            EmailMessage(
                                " ".join(subject.split()),
                                body.strip() + "\n",
                                settings.DEFAULT_FROM_EMAIL,
                                [recipient.email],
                            )
                        ]
                    )
                    sent += 1
                Notification.objects.bulk_update(batch, ["email_state", "emailed_at"])
    return sent

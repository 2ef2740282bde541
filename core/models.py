from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import Language, Localised
from core.roles import Role

# Below three, "fewer than N" and "anonymous among N" protect nobody: with two workers consulted,
# each knows the other's concern is not theirs.
PRIVACY_FLOOR = 3

# A consultation's listening period (docs/adr/0010): at least a day, at most about three months.
LISTENING_DAYS_MIN = 1
LISTENING_DAYS_MAX = 90


class Organisation(models.Model):
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_cy = models.CharField(_("name (Welsh)"), max_length=200, blank=True)
    slug = models.SlugField(_("short name"), unique=True)
    subject_to_welsh_language_standards = models.BooleanField(
        _("subject to Welsh language standards"), default=False
    )
    anonymity_minimum_consultees = models.PositiveSmallIntegerField(
        _("fewest workers consulted for anonymous concerns"),
        default=5,
        validators=[MinValueValidator(PRIVACY_FLOOR)],
        help_text=_(
            "Workers can raise a concern anonymously only when a risk assessment has been shared "
            "with at least this many of them in Llais. With fewer, managers could guess who wrote "
            "it. At least 3."
        ),
    )
    small_number_threshold = models.PositiveSmallIntegerField(
        _("smallest number shown in figures"),
        default=5,
        validators=[MinValueValidator(PRIVACY_FLOOR)],
        help_text=_(
            "A count of people below this number is shown as, for example, fewer than 5, so "
            "that nobody can be picked out from the figures. At least 3."
        ),
    )
    consultation_listening_days = models.PositiveSmallIntegerField(
        _("days workers have to respond before a consultation is concluded"),
        default=14,
        validators=[MinValueValidator(LISTENING_DAYS_MIN), MaxValueValidator(LISTENING_DAYS_MAX)],
        help_text=_(
            "Counted from the day a risk assessment is last shared with workers. Concluding the "
            "consultation sooner needs a recorded reason. From 1 to 90 days."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(anonymity_minimum_consultees__gte=PRIVACY_FLOOR),
                name="organisation_anonymity_minimum_at_least_3",
            ),
            models.CheckConstraint(
                condition=models.Q(small_number_threshold__gte=PRIVACY_FLOOR),
                name="organisation_small_number_threshold_at_least_3",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    consultation_listening_days__gte=LISTENING_DAYS_MIN,
                    consultation_listening_days__lte=LISTENING_DAYS_MAX,
                ),
                name="organisation_consultation_listening_days_1_to_90",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    name = Localised()


class NotificationEmails(models.TextChoices):
    """How a person wants their notifications emailed (ADR 0011)."""

    IMMEDIATE = "immediate", _("An email for each notification, as it happens")
    DAILY = "daily", _("One email a day listing them")


class User(AbstractUser):
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    notification_emails = models.CharField(
        _("notification emails"),
        max_length=10,
        choices=NotificationEmails.choices,
        default=NotificationEmails.IMMEDIATE,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A person's role in an organisation. One person may hold several roles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class TimelineEvent(models.Model):
    """What a person did to an object, when and why: the record users see and PDFs print.

    Field-level history is django-simple-history's job; this is the narrative.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="timeline_events"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=64)
    from_state = models.CharField(_("from"), max_length=64, blank=True)
    to_state = models.CharField(_("to"), max_length=64, blank=True)
    reason = models.TextField(_("why"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # The hash chain (core.services.timeline; docs/adr/0014): each event of an organisation holds
    # its place in the organisation's chain, the hash of the event before it and its own hash.
    # Who and why are hashed apart (`who_why_sha256`), so that removing personal data under the
    # retention rule leaves the chain whole and says so, where any other change breaks it.
    chain_position = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    previous_sha256 = models.CharField(max_length=64, blank=True, db_default="", editable=False)
    who_why_sha256 = models.CharField(max_length=64, blank=True, db_default="", editable=False)
    sha256 = models.CharField(max_length=64, blank=True, db_default="", editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "chain_position"], name="timeline_one_event_per_place"
            )
        ]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}"


class EmailState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DIGEST = "digest", _("Waiting for the daily email")
    SENT = "sent", _("Sent")
    NO_ADDRESS = "no_address", _("No email address")


class Notification(models.Model):
    """One person told once that a clock is about to run out, or has run out, or that something
    happened they must act on (an event: its object is the TimelineEvent, docs/adr/0011-...).

    A sweep or a service writes it; the person reads it in the app, and the outbox emails it.
    It is unique per (object, kind, threshold, due date) and person, so a sweep run twice, or two
    sweeps at once, never tells anyone twice (docs/adr/0007-...). `threshold` is the number of
    days before the due date the reminder belongs to (for a rights request: the day of the
    request, 14, 21 or 26); 0 is the due date itself and -1 the day after, when it is overdue.
    Someone without an account (a jobseeker) has `email` and no `recipient`.
    """

    OVERDUE = -1

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="notifications"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    kind = models.CharField(_("kind"), max_length=40)
    threshold = models.SmallIntegerField(_("threshold"))
    due_date = models.DateField(_("due date"))
    created_at = models.DateTimeField(_("when"), db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_state = models.CharField(
        _("email"), max_length=12, choices=EmailState.choices, default=EmailState.PENDING
    )
    emailed_at = models.DateTimeField(_("emailed"), null=True, blank=True)
    sweep_run = models.ForeignKey(
        "SweepRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "threshold", "due_date", "recipient"],
                condition=models.Q(recipient__isnull=False),
                name="notification_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind", "threshold", "due_date", "email"],
                condition=models.Q(recipient__isnull=True),
                name="notification_once_per_address",
            ),
            models.CheckConstraint(
                condition=models.Q(recipient__isnull=False) | ~models.Q(email=""),
                name="notification_has_someone_to_tell",
            ),
        ]
        indexes = [
            models.Index(
                fields=["recipient", "read_at"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["id"],
                condition=models.Q(email_state="pending"),
                name="notification_email_pending",
            ),
            models.Index(
                fields=["recipient", "id"],
                condition=models.Q(email_state="digest"),
                name="notification_email_digest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.threshold} {self.due_date}"

    @property
    def is_overdue(self) -> bool:
        return self.threshold == self.OVERDUE


class SweepRun(models.Model):
    """One run of a deadline sweep, for operators: when, what it found, what it sent, how long.

    A run that never finished (its worker was killed) keeps `finished_at` empty; its work is
    finished by the next run, because every step is idempotent.
    """

    name = models.CharField(_("sweep"), max_length=64)
    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    swept_for = models.DateField(_("for the day"))
    items_found = models.PositiveIntegerField(_("items found"), default=0)
    notifications_created = models.PositiveIntegerField(_("notifications sent"), default=0)
    failures_recorded = models.PositiveIntegerField(_("failures recorded"), default=0)
    queries = models.PositiveIntegerField(_("queries"), default=0)
    error = models.TextField(_("error"), blank=True)
    triggered_by = models.CharField(_("started by"), max_length=64, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("sweep run")
        verbose_name_plural = _("sweep runs")

    def __str__(self) -> str:
        return f"{self.name} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def duration_ms(self) -> int | None:
        if self.finished_at is None:
            return None
        return round((self.finished_at - self.started_at).total_seconds() * 1000)

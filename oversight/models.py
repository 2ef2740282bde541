"""The standing governance body of toolkit stage 5: its members, its meetings (papers and
minutes) and what it decides, with actions that have an owner, a due date and a status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from core.models import Organisation
from procurement.models import DiscussionPrompt, EngagementApproach, ProcurementCase
from procurement.stages import TOOLKIT_STAGES, RiskLevel, Stage
from registers.models import AISystem, DecisionCategory

# A lesson belongs to one of the toolkit's five stages.
TOOLKIT_STAGE_CHOICES = [
    (value, label) for value, label in Stage.choices if value in TOOLKIT_STAGES
]


class MemberRole(models.TextChoices):
    WORKER = "worker", _("Worker")
    UNION_REPRESENTATIVE = "union_representative", _("Union representative")
    MANAGER = "manager", _("Manager")
    SERVICE_USER = "service_user", _("Service user or civil-society member")
    OTHER = "other", _("Other")


class GovernanceMember(models.Model):
    """A seat on the body. The person may have a Llais account (then they are told of their
    actions) or not (a service user, a member of a civil-society group)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="governance_members"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role on the body"), max_length=32, choices=MemberRole.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Llais account"),
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("member of the governance body")
        verbose_name_plural = _("members of the governance body")

    def __str__(self) -> str:
        return self.name


def meeting_file_path(instance: Meeting, filename: str) -> str:
    return f"governance/{instance.organisation_id}/{filename}"


class Meeting(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="governance_meetings"
    )
    held_on = models.DateField(_("date of the meeting"))
    title = models.CharField(_("title"), max_length=200)
    papers = models.FileField(_("papers"), upload_to=meeting_file_path, blank=True)
    minutes = models.FileField(_("minutes (file)"), upload_to=meeting_file_path, blank=True)
    minutes_text = models.TextField(_("minutes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting of the governance body")
        verbose_name_plural = _("meetings of the governance body")

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on})"


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("Decision")
    ACTION = "action", _("Action")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class Decision(models.Model):
    """What a meeting decided, or an action it gave someone (with a due date the deadline
    engine reminds its owner of)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="governance_decisions"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    kind = models.CharField(_("decision or action"), max_length=16, choices=DecisionKind.choices)
    text = models.TextField(_("what was decided"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    status_note = models.TextField(_("what was done"), blank=True)
    cases = models.ManyToManyField(
        ProcurementCase, blank=True, related_name="+", verbose_name=_("cases")
    )
    systems = models.ManyToManyField(
        AISystem, blank=True, related_name="+", verbose_name=_("AI systems")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("decision or action")
        verbose_name_plural = _("decisions and actions")
        indexes = [models.Index(fields=["organisation", "kind", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="action")
                | (models.Q(owner__isnull=False) & models.Q(due_on__isnull=False)),
                name="governance_action_has_owner_and_due_date",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]


class IncidentKind(models.TextChoices):
    BUG = "bug", _("A bug: the system did not work as it should")
    ERROR = "error", _("An error in a decision or a record")
    HARM = "harm", _("Harm to a worker or to someone the service supports")
    DIFFERENT_EFFECT = "different_effect", _("A different effect on a group of people")


class IncidentStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    TRIAGED = "triaged", _("Being looked into")
    ANSWERED = "answered", _("Answered")


class Incident(models.Model):
    """A report about an AI system in use: a bug, an error, a harm or a different effect on a
    group. An anonymous report keeps its reporter (so they can read the answer) but no page or
    timeline shows the name to anyone else."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="incidents"
    )
    system = models.ForeignKey(
        AISystem, on_delete=models.PROTECT, related_name="+", verbose_name=_("AI system")
    )
    decision_category = models.ForeignKey(
        DecisionCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("kind of decision"),
    )
    kind = models.CharField(_("what happened"), max_length=32, choices=IncidentKind.choices)
    description = models.TextField(_("what happened"))
    group_affected = models.TextField(_("who was affected"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    anonymous = models.BooleanField(_("reported anonymously"), default=False)
    reported_on = models.DateField(_("reported on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=IncidentStatus.choices,
        default=IncidentStatus.REPORTED,
    )
    response = models.TextField(_("the answer"), blank=True)
    history = HistoricalRecords(excluded_fields=["reported_by"])

    class Meta:
        ordering = ["-reported_on", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        indexes = [models.Index(fields=["organisation", "system", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.system}: {self.get_kind_display()}"


# --- Outcome signals ----------------------------------------------------------------------------


class SignalFigure(models.TextChoices):
    """The figures watched per AI system over the rolling window. Each signals when it reaches
    its threshold; every one is "higher is worse"."""

    REQUESTS_MADE = "requests_made", _("Explanation and reconsideration requests made")
    ANSWERED_LATE = "answered_late", _("Share of requests answered late (%)")
    DECISIONS_ALTERED = (
        "decisions_altered",
        _("Share of reconsiderations that altered the decision (%)"),
    )
    EXEMPTIONS_USED = "exemptions_used", _("Exemptions used to refuse a request")
    INCIDENTS = "incidents", _("Incidents reported")


# The figures that are shares of a number of answers: judged only above a minimum number of them.
SHARE_FIGURES = frozenset({SignalFigure.ANSWERED_LATE, SignalFigure.DECISIONS_ALTERED})
# The figures that count people's requests: their thresholds are never below the organisation's
# small-number threshold, so that a signal never points at fewer people than that.
PEOPLE_FIGURES = frozenset(
    {SignalFigure.REQUESTS_MADE, SignalFigure.EXEMPTIONS_USED, *SHARE_FIGURES}
)


class OutcomeSignalSettings(models.Model):
    """An organisation's thresholds for outcome signals. An organisation without a row uses the
    defaults (oversight.outcomes.signal_settings_of)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="outcome_signal_settings"
    )
    window_days = models.PositiveSmallIntegerField(_("rolling window (days)"), default=90)
    minimum_answered = models.PositiveSmallIntegerField(
        _("fewest answers before a share is judged"), default=5
    )
    requests_made = models.PositiveIntegerField(_("requests made"), default=50)
    answered_late = models.PositiveSmallIntegerField(
        _("share of requests answered late (%)"), default=10
    )
    decisions_altered = models.PositiveSmallIntegerField(
        _("share of reconsiderations that altered the decision (%)"), default=25
    )
    exemptions_used = models.PositiveIntegerField(_("exemptions used"), default=5)
    incidents = models.PositiveIntegerField(_("incidents reported"), default=3)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome signal settings")
        verbose_name_plural = _("outcome signal settings")

    def __str__(self) -> str:
        return str(self.organisation)

    def threshold(self, figure: str) -> int:
        return int(getattr(self, figure))


class Signal(models.Model):
    """A figure of an AI system that reached its threshold: recorded once per crossing by the
    nightly sweep, cleared when the figure falls below it again (a later crossing is a new
    signal). Its people are told once (the notification's object is the signal)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="outcome_signals"
    )
    system = models.ForeignKey(
        AISystem, on_delete=models.PROTECT, related_name="+", verbose_name=_("AI system")
    )
    figure = models.CharField(_("figure"), max_length=32, choices=SignalFigure.choices)
    value = models.PositiveIntegerField(_("value"))
    threshold = models.PositiveIntegerField(_("threshold"))
    window_days = models.PositiveSmallIntegerField(_("rolling window (days)"))
    raised_on = models.DateField(_("raised on"))
    cleared_on = models.DateField(_("fell below the threshold on"), null=True, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("outcome signal")
        verbose_name_plural = _("outcome signals")
        constraints = [
            models.UniqueConstraint(
                fields=["system", "figure"],
                condition=models.Q(cleared_on__isnull=True),
                name="outcome_signal_one_open_per_system_and_figure",
            )
        ]
        indexes = [models.Index(fields=["organisation", "raised_on"])]

    def __str__(self) -> str:
        return f"{self.system}: {self.get_figure_display()}"

    @property
    def is_open(self) -> bool:
        return self.cleared_on is None


# --- Lessons ------------------------------------------------------------------------------------


class Lesson(models.Model):
    """What worked and what did not in a procurement, by stage, approach and risk level. A
    shareable lesson is read by other organisations on the same Llais without its author, its
    case or its organisation."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="lessons")
    case = models.ForeignKey(
        ProcurementCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case"),
    )
    title = models.CharField(_("title"), max_length=200)
    stage = models.CharField(_("stage"), max_length=32, choices=TOOLKIT_STAGE_CHOICES)
    approach = models.ForeignKey(
        EngagementApproach,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approach"),
    )
    risk_level = models.CharField(_("risk level"), max_length=16, choices=RiskLevel.choices)
    what_worked = models.TextField(_("what worked"), blank=True)
    what_did_not = models.TextField(_("what did not work"), blank=True)
    shareable = models.BooleanField(_("shared with other organisations"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        indexes = [
            models.Index(fields=["organisation", "stage", "risk_level"]),
            models.Index(fields=["shareable", "stage", "risk_level"]),
        ]

    def __str__(self) -> str:
        return self.title


# --- Recurring oversight reviews (issue 15, item 2) ------------------------------------------


class ReviewState(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Waiting for the union's sign-off")
    SIGNED_OFF = "signed_off", _("Signed off")
    DISSENTED = "dissented", _("Dissent recorded")


UNFINISHED_REVIEW_STATES = (ReviewState.OPEN, ReviewState.SUBMITTED)
DECIDED_REVIEW_STATES = (ReviewState.SIGNED_OFF, ReviewState.DISSENTED)


def every_prompt_answered(review: models.Model) -> bool:
    """Condition on submitting: each of stage 5's prompts has an answer, and the review says
    what has changed since the last one."""
    assert isinstance(review, OversightReview)
    prompts = DiscussionPrompt.objects.filter(stage=Stage.OVERSIGHT, is_carry_forward=False)
    answered = review.answers.filter(prompt__in=prompts).count()
    return bool(review.what_has_changed.strip()) and answered == prompts.count()


class OversightReview(FSMModelMixin, models.Model):
    """One review of a case in oversight: the stage-5 prompts answered again, what has changed
    since the previous review, and a union representative's sign-off or dissent. The next one
    is scheduled when it is decided, unless it is the closing review."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="oversight_reviews"
    )
    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, related_name="+", verbose_name=_("case")
    )
    number = models.PositiveSmallIntegerField(_("review number"))
    opened_on = models.DateField(_("opened on"))
    due_on = models.DateField(_("due by"))
    closing = models.BooleanField(_("closing review"), default=False)
    what_has_changed = models.TextField(_("what has changed since the previous review"), blank=True)
    state = FSMField(
        _("state"), default=ReviewState.OPEN, choices=ReviewState.choices, protected=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(_("comments or reasons"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "-number"]
        verbose_name = _("oversight review")
        verbose_name_plural = _("oversight reviews")
        indexes = [models.Index(fields=["state", "due_on"])]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="oversight_review_number"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(state__in=["open", "submitted"]),
                name="oversight_review_one_unfinished_per_case",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="dissented", decision_reason=""),
                name="oversight_review_dissent_gives_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.number}"

    @property
    def is_decided(self) -> bool:
        return self.state in DECIDED_REVIEW_STATES

    # The moves; services drive them. Their labels are the buttons' texts.
    @transition(
        field=state,
        source=ReviewState.OPEN,
        target=ReviewState.SUBMITTED,
        conditions=[every_prompt_answered],
        custom={"label": _("Submit for the union's sign-off")},
    )
    def submit(self) -> None:
        pass

    @transition(
        field=state,
        source=ReviewState.SUBMITTED,
        target=ReviewState.SIGNED_OFF,
        custom={"label": _("Sign off")},
    )
    def sign_off(self) -> None:
        pass

    @transition(
        field=state,
        source=ReviewState.SUBMITTED,
        target=ReviewState.DISSENTED,
        custom={"label": _("Record dissent")},
    )
    def dissent(self) -> None:
        pass


class OversightReviewAnswer(models.Model):
    """A review's answer to one of stage 5's prompts (procurement.DiscussionPrompt)."""

    review = models.ForeignKey(OversightReview, on_delete=models.CASCADE, related_name="answers")
    prompt = models.ForeignKey(DiscussionPrompt, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("what was agreed"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["prompt__order", "id"]
        verbose_name = _("answer in an oversight review")
        verbose_name_plural = _("answers in oversight reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "prompt"], name="oversight_review_answer_once"
            ),
            models.CheckConstraint(
                condition=~models.Q(text=""), name="oversight_review_answer_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.prompt}"

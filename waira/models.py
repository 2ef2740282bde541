"""Workplace AI Risk Assessments (s.14) and the direct consultation on them (s.15).

A WAIRA moves draft -> shared (consultation open) -> consultation concluded -> completed, only by
the services. A completed WAIRA never changes: the services refuse, the admin is read-only, and
database triggers (migration 0002) refuse any UPDATE or DELETE, `QuerySet.update()` included. A
change is a further WAIRA.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from core.models import Organisation
from registers.models import AISystem
from waira.content import CHARACTERISTICS, STATUTES, build_content, content_gaps
from waira.gates import ConsultationFacts, consultation_blockers


class WairaState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SHARED = "shared", _("Shared: consultation open")
    CONCLUDED = "concluded", _("Consultation concluded")
    COMPLETED = "completed", _("Completed")


class WairaKind(models.TextChoices):
    INITIAL = "initial", _("Initial WAIRA (s.14(2)-(3))")
    FURTHER = "further", _("Further WAIRA (s.14(4)-(5))")


def content_complete(waira: models.Model) -> bool:
    """Condition on sharing and completing: every section answered or excused (R-WAIRA-CONTENT).

    Both transitions start from an open WAIRA, whose content is built live; no gap depends on
    the s.14(5)(b) count, so it is not counted here (selectors.waira_gaps gives the same list)."""
    assert isinstance(waira, Waira)
    return not content_gaps(build_content(waira))


def consultation_can_conclude(waira: models.Model) -> bool:
    """Condition on concluding: shared, every concern answered, adverse aspects discussed."""
    assert isinstance(waira, Waira)
    return not consultation_blockers(consultation_facts(waira))


def share_label(waira: Waira) -> str | Promise:
    """The share button's text: the first share, or sharing an updated version."""
    if waira.state == WairaState.DRAFT:
        return _("Share with the workers affected")
    return _("Share an updated version")


def consultation_facts(waira: Waira) -> ConsultationFacts:
    """Read from the WAIRA's own rows: three queries."""
    return ConsultationFacts(
        shared=waira.sharings.exists(),
        unanswered_concerns=waira.concerns.filter(responded_at__isnull=True).count(),
        adverse_aspects_discussed=waira.adverse_aspects.exists(),
        no_adverse_aspects_reason_given=bool(waira.no_adverse_aspects_reason.strip()),
    )


class Waira(FSMModelMixin, models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="wairas")
    system = models.ForeignKey(
        AISystem, on_delete=models.PROTECT, related_name="wairas", verbose_name=_("AI system")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=WairaKind.choices)
    version = models.PositiveIntegerField(_("version"))
    previous = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous WAIRA"),
    )
    state = FSMField(
        _("state"), default=WairaState.DRAFT, choices=WairaState.choices, protected=True
    )

    # s.14(3)(e)-(i); (a)-(d) come from the AI system, (j)-(l) from WairaStatuteRisk.
    purpose = models.TextField(_("purpose or aim"), blank=True)
    decision_logic = models.TextField(_("decision logic"), blank=True)
    data_processed = models.TextField(_("data processed"), blank=True)
    personal_data_influence = models.TextField(_("influence of personal data"), blank=True)
    accuracy_monitoring = models.TextField(_("how accuracy will be monitored"), blank=True)
    accuracy_metric = models.TextField(_("how the accuracy metric is defined"), blank=True)
    # {section letter: reason} for sections not reasonably practicable to answer (s.14(3)).
    not_reasonably_practicable = models.JSONField(
        _("not reasonably practicable"), default=dict, blank=True
    )
    # s.14(5)(b) commentary (the count itself is taken from the reconsideration records) and (c).
    decisions_modified_note = models.TextField(_("commentary on modified decisions"), blank=True)
    harm_incidents = models.TextField(_("incidents of harm in the workplace"), blank=True)

    # The consultation (s.15(3)).
    no_adverse_aspects_reason = models.TextField(
        _("why no adverse aspects were discussed"), blank=True
    )
    short_listening_reason = models.TextField(
        _("why the consultation was concluded before the listening period ended"), blank=True
    )
    concluded_on = models.DateField(_("consultation concluded"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["system", "-version"]
        verbose_name = _("WAIRA")
        verbose_name_plural = _("WAIRAs")
        constraints = [
            models.UniqueConstraint(fields=["system", "version"], name="waira_version_per_system"),
            # One assessment in progress per system at a time.
            models.UniqueConstraint(
                fields=["system"],
                condition=~models.Q(state="completed"),
                name="waira_one_open_per_system",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system} · WAIRA {self.version}"

    @property
    def is_completed(self) -> bool:
        return bool(self.state == WairaState.COMPLETED)  # the FSM field reads as Any

    # Sharing again while under consultation shares an updated version: the same move, which
    # the service records without a change of state.
    @transition(
        field=state,
        source=[WairaState.DRAFT, WairaState.SHARED],
        target=WairaState.SHARED,
        conditions=[content_complete],
        custom={"label": share_label},
    )
    def share(self) -> None:
        pass

    @transition(
        field=state,
        source=WairaState.SHARED,
        target=WairaState.CONCLUDED,
        conditions=[consultation_can_conclude],
        custom={"label": _("Conclude the consultation")},
    )
    def conclude(self) -> None:
        pass

    @transition(
        field=state,
        source=WairaState.CONCLUDED,
        target=WairaState.SHARED,
        custom={"label": _("Reopen the consultation")},
    )
    def reopen(self) -> None:
        pass

    @transition(
        field=state,
        source=WairaState.CONCLUDED,
        target=WairaState.COMPLETED,
        conditions=[content_complete],
        custom={"label": _("Complete the WAIRA")},
    )
    def complete(self) -> None:
        pass


class WairaStatuteRisk(models.Model):
    """s.14(3)(j)-(l) for one statute: the risk, how it is monitored, the measures."""

    waira = models.ForeignKey(Waira, on_delete=models.CASCADE, related_name="statute_risks")
    statute = models.CharField(
        _("statute"), max_length=16, choices=[(s.key, s.title) for s in STATUTES]
    )
    risk_assessment = models.TextField(_("the risk assessed"), blank=True)
    monitoring = models.TextField(_("how it will be monitored"), blank=True)
    measures = models.TextField(_("measures to eliminate it"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risk under a statute")
        verbose_name_plural = _("risks under the statutes")
        constraints = [
            models.UniqueConstraint(fields=["waira", "statute"], name="waira_statute_once")
        ]

    def __str__(self) -> str:
        return f"{self.waira}: {self.get_statute_display()}"


class WairaCharacteristicImpact(models.Model):
    """s.14(5)(a) for one protected characteristic (further WAIRAs)."""

    waira = models.ForeignKey(
        Waira, on_delete=models.CASCADE, related_name="characteristic_impacts"
    )
    characteristic = models.CharField(
        _("protected characteristic"),
        max_length=32,
        choices=[(c.key, c.title) for c in CHARACTERISTICS],
    )
    impact = models.TextField(_("impact of the decisions made"), blank=True)
    inaccurate_decisions = models.TextField(_("extent of inaccurate decisions"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("impact on a protected characteristic")
        verbose_name_plural = _("impacts on protected characteristics")
        constraints = [
            models.UniqueConstraint(
                fields=["waira", "characteristic"], name="waira_characteristic_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.waira}: {self.get_characteristic_display()}"


class WairaSnapshot(models.Model):
    """The content exactly as shared with workers, or as completed. Never changed or deleted."""

    class Kind(models.TextChoices):
        SHARED = "shared", _("Shared")
        COMPLETED = "completed", _("Completed")

    waira = models.ForeignKey(Waira, on_delete=models.PROTECT, related_name="snapshots")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    number = models.PositiveIntegerField(_("number"))
    content = models.JSONField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["waira", "number"]
        verbose_name = _("WAIRA snapshot")
        verbose_name_plural = _("WAIRA snapshots")
        constraints = [
            models.UniqueConstraint(fields=["waira", "number"], name="waira_snapshot_number")
        ]

    def __str__(self) -> str:
        return f"{self.waira} · {self.get_kind_display()} {self.number}"


class WairaSharing(models.Model):
    """s.15(3)(b): the WAIRA shared with the workers affected: who, when and how."""

    waira = models.ForeignKey(Waira, on_delete=models.PROTECT, related_name="sharings")
    snapshot = models.ForeignKey(WairaSnapshot, on_delete=models.PROTECT, related_name="+")
    audience = models.TextField(_("who it was shared with"))
    method = models.TextField(_("how it was shared"))
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    shared_at = models.DateTimeField(_("shared at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["shared_at", "id"]
        verbose_name = _("sharing of a WAIRA")
        verbose_name_plural = _("sharings of WAIRAs")

    def __str__(self) -> str:
        return f"{self.waira} · {self.shared_at:%Y-%m-%d}"


class WairaConsultee(models.Model):
    """A worker with an account who is consulted on a WAIRA, and so may read and answer it."""

    waira = models.ForeignKey(Waira, on_delete=models.PROTECT, related_name="consultees")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="waira_consultations"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("worker consulted")
        verbose_name_plural = _("workers consulted")
        constraints = [
            models.UniqueConstraint(fields=["waira", "worker"], name="waira_consultee_once")
        ]

    def __str__(self) -> str:
        return f"{self.waira} · {self.worker}"


class ConcernHistory(HistoricalRecords):
    """The field-level history of a concern, which never names the worker of an anonymous one.

    simple-history takes the user of a history row from `save_with_actor` or, failing that,
    from the signed-in user of the request (HistoryRequestMiddleware): for the row written when
    a worker raises an anonymous concern, that is the worker, and the admin's history would
    show "Changed by" them. `raised_by` itself is left out of the history for the same reason.
    """

    def get_history_user(self, instance: models.Model) -> Any:
        user = super().get_history_user(instance)
        if (
            isinstance(instance, Concern)
            and instance.anonymous
            and user is not None
            and user.pk == instance.raised_by_id
        ):
            return None
        return user


class Concern(models.Model):
    """s.15(3)(c): a worker's concern or interest, and the employer's answer to it.

    `raised_by` lets the worker find their own concern; when `anonymous`, no page, PDF, email,
    admin screen or history row shows it to managers, union representatives or administrators.
    Its times are shown to the day only: a time to the minute lets a manager match a concern to
    who was at work then.
    """

    waira = models.ForeignKey(Waira, on_delete=models.PROTECT, related_name="concerns")
    snapshot = models.ForeignKey(WairaSnapshot, on_delete=models.PROTECT, related_name="+")
    # Empty once the retention sweep has removed the personal data (docs/retention.md).
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    anonymous = models.BooleanField(_("anonymous to managers"), default=False)
    text = models.TextField(_("concern"))
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    response = models.TextField(_("the employer's answer"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    personal_data_removed_on = models.DateField(
        _("personal data removed on"), null=True, blank=True, editable=False
    )
    history = ConcernHistory(excluded_fields=["raised_by"])

    class Meta:
        ordering = ["raised_at", "id"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")

    def __str__(self) -> str:
        return f"{self.waira} · {self.raised_at:%Y-%m-%d}"


class AdverseAspect(models.Model):
    """s.15(3)(d): an adverse aspect of the WAIRA, the discussion of removing or modifying it,
    and the outcome."""

    class Outcome(models.TextChoices):
        REMOVED = "removed", _("Removed")
        MODIFIED = "modified", _("Modified")
        KEPT = "kept", _("Kept, with the reason")

    waira = models.ForeignKey(Waira, on_delete=models.PROTECT, related_name="adverse_aspects")
    aspect = models.TextField(_("adverse aspect"))
    discussed_on = models.DateField(_("date discussed"))
    discussion = models.TextField(_("who took part and what was discussed"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    outcome_detail = models.TextField(_("what changed, or why it was kept"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["discussed_on", "id"]
        verbose_name = _("adverse aspect discussed")
        verbose_name_plural = _("adverse aspects discussed")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(outcome_detail=""), name="adverse_aspect_outcome_explained"
            )
        ]

    def __str__(self) -> str:
        return f"{self.waira} · {self.get_outcome_display()}"


class WairaComment(models.Model):
    """A union representative's (or colleague's) comment on a WAIRA before it is completed."""

    waira = models.ForeignKey(Waira, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment on a WAIRA")
        verbose_name_plural = _("comments on WAIRAs")

    def __str__(self) -> str:
        return f"{self.waira} · {self.author}"


class WairaUnionPosition(models.Model):
    """A union representative's sign-off of a WAIRA, or their recorded dissent."""

    class Kind(models.TextChoices):
        SIGN_OFF = "sign_off", _("Signed off")
        DISSENT = "dissent", _("Dissent recorded")

    waira = models.ForeignKey(Waira, on_delete=models.PROTECT, related_name="union_positions")
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("position"), max_length=16, choices=Kind.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("union position on a WAIRA")
        verbose_name_plural = _("union positions on WAIRAs")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="dissent", reason=""), name="waira_dissent_gives_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.waira} · {self.get_kind_display()}"


def start_breach_evidence_path(instance: HighRiskStartBreach, filename: str) -> str:
    return f"high-risk-starts/{instance.system_id}/{filename}"


class HighRiskStartBreach(models.Model):
    """A start of high-risk decision-making that really happened before s.14(2) or s.15(1)
    allowed it (R-WAIRA-INIT, R-CONS-INIT; A3). Recorded, never refused: the breach is flagged
    and accountability's sweep opens its failures from it. The facts the gates read that day
    are kept beside it, so the failure dates never depend on later records."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    system = models.OneToOneField(
        AISystem, on_delete=models.PROTECT, related_name="high_risk_start_breach"
    )
    started_on = models.DateField(_("the day high-risk decision-making began"))
    waira_completed_on = models.DateField(_("initial WAIRA completed"), null=True, blank=True)
    consultation_concluded_on = models.DateField(_("consultation concluded"), null=True, blank=True)
    missing = models.JSONField(_("what was missing"), default=list)
    account = models.TextField(_("what happened"))
    evidence = models.FileField(_("evidence"), upload_to=start_breach_evidence_path)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("start of high-risk use in breach")
        verbose_name_plural = _("starts of high-risk use in breach")

    def __str__(self) -> str:
        return f"{self.system}: {self.started_on}"

"""Bid assessment and the award (issue 18 item 4, docs/adr/0017-bid-assessment.md).

Suppliers, their bids, an evaluation panel that includes workers or union representatives, each
member's own scores (blind until every member has submitted), the moderated score beside them,
the award with its reasons, and any member's dissent, which stays on the record.
Imported by procurement.models, so Django finds these models in the procurement app."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organisation

# Each question is scored 0 to SCORE_MAX; a weighted total is out of 100.
SCORE_MAX = 10

companies_house_number_validator = RegexValidator(
    regex=r"^(\d{8}|[A-Z]{2}\d{6})$",
    message=_(
        "Enter a Companies House number of 8 characters: 8 digits, like 01234567, or 2 letters "
        "and 6 digits, like SC123456."
    ),
    code="companies_house_number",
)


class Supplier(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="suppliers"
    )
    name = models.CharField(_("supplier's name"), max_length=200)
    companies_house_number = models.CharField(
        _("Companies House number"),
        max_length=8,
        validators=[companies_house_number_validator],
        help_text=_("8 characters: 8 digits, or 2 letters and 6 digits."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("supplier")
        verbose_name_plural = _("suppliers")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "companies_house_number"],
                name="supplier_companies_house_number_once_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.companies_house_number})"


class Bid(models.Model):
    case = models.ForeignKey(
        "procurement.ProcurementCase", on_delete=models.CASCADE, related_name="bids"
    )
    supplier = models.ForeignKey(Supplier, on_delete=models.PROTECT, related_name="bids")
    received_on = models.DateField(_("date received"))
    summary = models.TextField(_("summary of the bid"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["supplier__name", "id"]
        verbose_name = _("bid")
        verbose_name_plural = _("bids")
        constraints = [
            models.UniqueConstraint(fields=["case", "supplier"], name="bid_once_per_supplier")
        ]

    def __str__(self) -> str:
        return self.supplier.name


class BidAssessment(models.Model):
    """When scoring opened on a case (the panel is fixed from then on)."""

    case = models.OneToOneField(
        "procurement.ProcurementCase", on_delete=models.CASCADE, related_name="bid_assessment"
    )
    scoring_opened_at = models.DateTimeField(_("scoring opened"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bid assessment")
        verbose_name_plural = _("bid assessments")

    def __str__(self) -> str:
        return str(self.case)


class PanelMember(models.Model):
    class PanelRole(models.TextChoices):
        WORKER = "worker", _("Worker")
        UNION_REPRESENTATIVE = "union_representative", _("Union representative")
        PROCUREMENT = "procurement", _("Procurement")
        MANAGER = "manager", _("Manager")
        OTHER = "other", _("Other")

    case = models.ForeignKey(
        "procurement.ProcurementCase", on_delete=models.CASCADE, related_name="panel_members"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_memberships"
    )
    panel_role = models.CharField(_("role on the panel"), max_length=24, choices=PanelRole.choices)
    has_conflict = models.BooleanField(_("has a conflict of interest"), default=False)
    conflict = models.TextField(_("the conflict of interest"), blank=True)
    conflict_declared_at = models.DateTimeField(_("conflicts declared"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("scores submitted"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("evaluation panel member")
        verbose_name_plural = _("evaluation panel members")
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="panel_member_once_per_case"),
            models.CheckConstraint(
                condition=~models.Q(has_conflict=True, conflict=""),
                name="panel_member_conflict_is_described",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_panel_role_display()})"

    @property
    def is_worker_voice(self) -> bool:
        return self.panel_role in (self.PanelRole.WORKER, self.PanelRole.UNION_REPRESENTATIVE)

    @property
    def scores_bids(self) -> bool:
        """A member who declared a conflict stands aside from scoring; the declaration stays."""
        return self.conflict_declared_at is not None and not self.has_conflict


class Score(models.Model):
    """One panel member's own score of one bid's answer to one question."""

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    question = models.ForeignKey(
        "procurement.TenderQuestion", on_delete=models.PROTECT, related_name="scores"
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(SCORE_MAX)])
    comment = models.TextField(_("comment"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "question__order", "question_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "bid", "question"], name="score_once_per_member_bid_question"
            ),
            models.CheckConstraint(
                condition=models.Q(score__lte=SCORE_MAX), name="score_within_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bid}: {self.score}"


class Moderation(models.Model):
    """The panel's agreed score for a bid's answer to a question; the members' own scores stay."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="moderations")
    question = models.ForeignKey(
        "procurement.TenderQuestion", on_delete=models.PROTECT, related_name="moderations"
    )
    agreed_score = models.PositiveSmallIntegerField(
        _("agreed score"), validators=[MaxValueValidator(SCORE_MAX)]
    )
    reason = models.TextField(_("reason for the change from the members' scores"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["bid", "question__order", "question_id"]
        verbose_name = _("moderated score")
        verbose_name_plural = _("moderated scores")
        constraints = [
            models.UniqueConstraint(fields=["bid", "question"], name="moderation_once"),
            models.CheckConstraint(
                condition=models.Q(agreed_score__lte=SCORE_MAX),
                name="moderation_within_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.bid}: {self.agreed_score}"


class Award(models.Model):
    case = models.OneToOneField(
        "procurement.ProcurementCase", on_delete=models.CASCADE, related_name="award"
    )
    bid = models.ForeignKey(Bid, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField(_("date of the decision"))
    reasons = models.TextField(_("reasons for the award"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        constraints = [
            models.CheckConstraint(condition=~models.Q(reasons=""), name="award_gives_reasons")
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.bid}"


class Dissent(models.Model):
    """A panel member's dissent from the assessment or the award. Never edited or removed."""

    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="dissents")
    text = models.TextField(_("your dissent"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("panel member's dissent")
        verbose_name_plural = _("panel members' dissents")
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="dissent_has_text")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.text[:60]}"

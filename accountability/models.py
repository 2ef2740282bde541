"""The one failure record every duty shares (s.19), the steps taken to get the employer to comply
and the chaser letters drafted from them (s.19(6)).

A Failure is opened by the nightly sweep (accountability.sweeps) the day after a duty was missed
(R-ET-FAILDATE), exactly once: `source_key` names the duty and the clock it missed, and is unique.
Every date comes from core.legal_time and is stored here, on the record it binds.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import Language
from core.models import Organisation
from registers.models import AISystem
from rights_requests.models import RightsRequest


class Obligation(models.TextChoices):
    """The duties of Part 3 whose breach a worker may complain of (s.19(1))."""

    WAIRA_BEFORE_USE = "s14_2", _("An initial WAIRA before high-risk decision-making (s.14(2))")
    WAIRA_REVIEW = "s14_4", _("A further WAIRA within 12 months (s.14(4))")
    CONSULT_BEFORE_USE = (
        "s15_1",
        _("Direct consultation at least a month before high-risk decision-making (s.15(1))"),
    )
    CONSULT_REVIEW = "s15_4", _("Direct consultation again within 12 months (s.15(4))")
    REGISTER_ENTRY = "s16_4", _("A register entry within three months of first use (s.16(4))")
    REGISTER_CHANGE = "s16_5", _("A register change within three months of the change (s.16(5))")
    EXPLANATION = "s17_4", _("An explanation within 28 days (s.17(4))")
    RECONSIDERATION = "s18_6", _("A reconsideration within 28 days (s.18(6))")


class Basis(models.TextChoices):
    """How the failure came about."""

    MISSED = "missed", _("The due date passed")
    STARTED_IN_BREACH = "started_in_breach", _("High-risk use began before the law allowed it")
    REFUSED_EXEMPTION = "refused_exemption", _("Refused on an exemption the worker may dispute")
    REFUSED_LATE = "refused_late", _("Refused as late; the worker may dispute it")


class Failure(models.Model):
    """A duty of ss.14-18 not met: what, about which system or request, the failure dates
    (protective and safe where the rules give two, A3) and the limitation dates each gives
    (R-ET-LIMIT), with and without early conciliation (R-ET-ACAS, conditional on A14)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    obligation = models.CharField(_("duty"), max_length=8, choices=Obligation.choices)
    basis = models.CharField(
        _("how it came about"), max_length=20, choices=Basis.choices, default=Basis.MISSED
    )
    system = models.ForeignKey(
        AISystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_failures",
    )
    request = models.ForeignKey(
        RightsRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="accountability_failures",
    )
    # The duty and the clock it missed ("s14_4:system:12:2026-05-01"): one record each.
    source_key = models.CharField(max_length=80, unique=True, editable=False)
    last_compliance_date = models.DateField(_("last day to comply"), null=True, blank=True)
    failure_date_protective = models.DateField(_("date of the failure (latest reading)"))
    failure_date_safe = models.DateField(_("date of the failure (earliest reading)"))
    limitation_safe = models.DateField(_("file a claim by"))
    limitation_protective = models.DateField(_("out of time only after"))
    day_a = models.DateField(_("Day A: ACAS notified"), null=True, blank=True)
    day_b = models.DateField(_("Day B: certificate received"), null=True, blank=True)
    limitation_safe_with_conciliation = models.DateField(null=True, blank=True)
    limitation_protective_with_conciliation = models.DateField(null=True, blank=True)
    may_be_continuing = models.BooleanField(_("may be continuing"), default=False)
    # How observable the failure was (s.19(6)(b)), recorded when it opened: of the days from
    # `observed_from` to `observed_to`, on how many the system had a published register entry.
    observed_from = models.DateField(null=True, blank=True)
    observed_to = models.DateField(null=True, blank=True)
    register_published_days = models.PositiveIntegerField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    sweep_run = models.ForeignKey(
        "core.SweepRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["limitation_safe", "id"]
        verbose_name = _("failure")
        verbose_name_plural = _("failures")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(system__isnull=False) | models.Q(request__isnull=False),
                name="failure_concerns_a_system_or_request",
            ),
            models.CheckConstraint(
                condition=models.Q(failure_date_safe__lte=models.F("failure_date_protective")),
                name="failure_safe_date_not_after_protective",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "limitation_safe"])]

    def __str__(self) -> str:
        return f"{self.get_obligation_display()}: {self.failure_date_protective}"

    @property
    def observed_days(self) -> int | None:
        if self.observed_from is None or self.observed_to is None:
            return None
        return (self.observed_to - self.observed_from).days + 1


class StepTaken(models.Model):
    """A step the worker or their union representative took to get the employer to comply
    without a claim: the evidence a tribunal weighs for just and equitable (s.19(6)(a))."""

    failure = models.ForeignKey(Failure, on_delete=models.PROTECT, related_name="steps")
    taken_on = models.DateField(_("date of the step"))
    description = models.TextField(_("what was done"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taken_on", "id"]
        verbose_name = _("step taken")
        verbose_name_plural = _("steps taken")

    def __str__(self) -> str:
        return f"{self.failure}: {self.taken_on}"


class ChaserLetter(models.Model):
    """A dated letter asking the employer to comply, drafted by Llais in English or Welsh and
    kept as written: its text never changes once drafted."""

    failure = models.ForeignKey(Failure, on_delete=models.PROTECT, related_name="letters")
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    dated = models.DateField(_("date of the letter"))
    sender_name = models.CharField(_("from"), max_length=200)
    body = models.TextField(_("letter"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dated", "id"]
        verbose_name = _("chaser letter")
        verbose_name_plural = _("chaser letters")

    def __str__(self) -> str:
        return f"{self.failure}: {self.dated}"

"""Exemptions the employer claims and decides (s.17(5)-(7), s.18(8)-(10))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rights_requests.models.requests import RequestKind, RightsRequest


class ExemptionGround(models.TextChoices):
    EXPL_NOT_PRACTICABLE = "s17_5_a", _("Not reasonably practicable to explain (s.17(5)(a))")
    EXPL_ALREADY_RECONSIDERED = (
        "s17_5_b",
        _("The decision has already been personally reconsidered (s.17(5)(b))"),
    )
    EXPL_DUPLICATE = (
        "s17_5_c",
        _("Duplicates a request properly reconsidered within the last 3 months (s.17(5)(c))"),
    )
    EXPL_VEXATIOUS = "s17_5_d", _("Vexatious or excessive (s.17(5)(d))")
    RECON_NOT_PRACTICABLE = (
        "s18_8_a",
        _("Not reasonably practicable to reconsider (s.18(8)(a))"),
    )
    RECON_DUPLICATE = (
        "s18_8_b",
        _("Duplicates a request properly reconsidered within the last 3 months (s.18(8)(b))"),
    )
    RECON_VEXATIOUS = "s18_8_c", _("Vexatious or excessive (s.18(8)(c))")


GROUNDS_FOR_KIND = {
    RequestKind.EXPLANATION: [
        ExemptionGround.EXPL_NOT_PRACTICABLE,
        ExemptionGround.EXPL_ALREADY_RECONSIDERED,
        ExemptionGround.EXPL_DUPLICATE,
        ExemptionGround.EXPL_VEXATIOUS,
    ],
    RequestKind.RECONSIDERATION: [
        ExemptionGround.RECON_NOT_PRACTICABLE,
        ExemptionGround.RECON_DUPLICATE,
        ExemptionGround.RECON_VEXATIOUS,
    ],
}
GROUNDS_RELYING_ON_A_RECONSIDERATION = {
    ExemptionGround.EXPL_ALREADY_RECONSIDERED,
    ExemptionGround.EXPL_DUPLICATE,
    ExemptionGround.RECON_DUPLICATE,
}


class ExemptionDecision(models.TextChoices):
    APPLIES = "applies", _("The exemption applies: the request is refused")
    DOES_NOT_APPLY = "does_not_apply", _("The exemption does not apply: answer the request")


class ExemptionClaim(models.Model):
    """The employer's claim that s.17(5) or s.18(8) applies, and its decision, with reasons.

    Llais never applies an exemption itself (docs/legal-rules.md §2, s.17 and s.18 exemptions);
    it shows the candidates and factors.
    """

    request = models.ForeignKey(
        RightsRequest, on_delete=models.PROTECT, related_name="exemption_claims"
    )
    ground = models.CharField(_("ground"), max_length=10, choices=ExemptionGround.choices)
    reasons = models.TextField(_("the employer's reasons"))
    relies_on = models.ForeignKey(
        RightsRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the earlier reconsidered request relied on"),
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    claimed_at = models.DateTimeField()
    decision = models.CharField(
        _("decision"), max_length=20, choices=ExemptionDecision.choices, blank=True
    )
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["claimed_at", "id"]
        verbose_name = _("exemption claim")
        verbose_name_plural = _("exemption claims")

    def __str__(self) -> str:
        return f"{self.request}: {self.get_ground_display()}"

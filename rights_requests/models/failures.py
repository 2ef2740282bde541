"""Failures and the tribunal clock (s.19)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from rights_requests.models.requests import RightsRequest


class ComplianceFailure(models.Model):
    """A due date passed without compliance: the s.19(5) failure date and the s.19(3) limits.

    The dates come from core.legal_time (failure_date, limitation, with_early_conciliation) and
    are stored; the ACAS early conciliation dates (s.19(4), ERA s.207B) give the extended dates,
    shown as conditional (A14): the safe date to file by always ignores them.
    """

    request = models.OneToOneField(RightsRequest, on_delete=models.PROTECT, related_name="failure")
    last_compliance_date = models.DateField(_("last day to comply"))
    failure_date = models.DateField(_("date of the failure"))
    file_by = models.DateField(_("file a claim by"))
    out_of_time_after = models.DateField(_("out of time after"))
    day_a = models.DateField(_("Day A: ACAS notified"), null=True, blank=True)
    day_b = models.DateField(_("Day B: certificate received"), null=True, blank=True)
    extended_file_by = models.DateField(null=True, blank=True)
    extended_out_of_time_after = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The nightly sweep that found it; empty when a late answer recorded it.
    sweep_run = models.ForeignKey(
        "core.SweepRun", on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["failure_date", "id"]
        verbose_name = _("compliance failure")
        verbose_name_plural = _("compliance failures")

    def __str__(self) -> str:
        return f"{self.request}: failure on {self.failure_date}"

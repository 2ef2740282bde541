"""The written answer to a request."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.i18n import Language
from rights_requests.models.requests import RightsRequest


class ReconsiderationOutcome(models.TextChoices):
    UPHELD = "upheld", _("Decision upheld")
    ALTERED = "altered", _("Decision altered")


class RequestAnswer(models.Model):
    """The written answer: an explanation (s.17(2)) or a reconsideration's outcome and its
    notification (s.18(6)). Written once; the letter prints it."""

    request = models.OneToOneField(RightsRequest, on_delete=models.PROTECT, related_name="answer")
    text = models.TextField(_("the explanation or the reasons"))
    text_language = models.CharField(
        _("language the answer is written in"), max_length=2, choices=Language.choices
    )
    # s.17(2)(a)-(d), confirmed by the person who issues an explanation.
    readily_understandable = models.BooleanField(_("readily understandable"), default=False)
    personal = models.BooleanField(
        _("addresses how the decision affects the person personally"), default=False
    )
    in_writing = models.BooleanField(_("in writing"), default=False)
    accessible_format = models.BooleanField(_("in a readily accessible format"), default=False)
    free_of_charge = models.BooleanField(_("free of charge"), default=False)
    # s.18: what the competent agent decided.
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ReconsiderationOutcome.choices, blank=True
    )
    what_changed = models.TextField(_("what changed"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("issued at"), db_index=True)
    in_time = models.BooleanField(_("issued by the due date"))
    english_where_welsh_asked = models.BooleanField(
        _("written in English where Welsh was asked for"), default=False
    )
    content_sha256 = models.CharField(max_length=64)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.request} answer"

"""A request from someone without an account, before they confirm their email."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Organisation
from rights_requests.models.requests import RequestKind, RightsRequest


class RequestDraft(models.Model):
    """A request typed by someone without an account, waiting for them to confirm their email.

    Nothing is sent to the employer until they confirm, but the request is made, and its clocks
    start, when it was submitted (`created_at`; docs/adr/0010-no-quiet-way-round-a-clock.md).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    email = models.EmailField()
    fields = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    request = models.OneToOneField(
        RightsRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("unconfirmed request")
        verbose_name_plural = _("unconfirmed requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} draft #{self.pk}"

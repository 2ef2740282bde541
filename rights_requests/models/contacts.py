"""Who answers workers' rights requests (s.17(8)-(9), s.18(3)-(5), (7))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organisation


class ContactKind(models.TextChoices):
    NOMINATED_CONTACT = "nominated_contact", _("Nominated contact (s.17(8))")
    COMPETENT_AGENT = "competent_agent", _("Competent agent (s.18(3))")
    MOST_SENIOR_PERSON = "most_senior_person", _("Most senior person")


class RightsContact(models.Model):
    """A person who answers requests, with the details the organisation publishes.

    The most senior person is recorded too: with nobody nominated they are the default contact
    (s.17(9)) and the default competent agent (s.18(3)). The s.18(5) limbs are kept for every
    kind, because the default agent is checked as well (A13, AGENT-03); limbs (c) and (d) of
    s.18(5) are the same words, so they are one field here (A9).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="rights_contacts"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=ContactKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rights_contacts",
        verbose_name=_("Llais account"),
        help_text=_("The account they use to answer requests in Llais."),
    )
    # What is published (s.17(8)(b), s.18(4)): readily available to workers and jobseekers.
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200)
    address = models.TextField(_("postal address"))
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    # s.17(8): a nominated contact must be competent to explain decisions; recorded with what
    # shows it, like the s.18(5) limbs below.
    competent_to_explain = models.BooleanField(
        _("competent to explain decisions made with AI"), default=False
    )
    competence_evidence = models.TextField(_("evidence of competence to explain"), blank=True)
    # s.18(5)(a)-(e), each with its evidence.
    trained_on = models.DateField(_("date suitably trained"), null=True, blank=True)
    training_evidence = models.TextField(_("training evidence"), blank=True)
    designated_on = models.DateField(_("date designated"), null=True, blank=True)
    designation_evidence = models.TextField(_("designation evidence"), blank=True)
    can_discuss_facts_and_reasons = models.BooleanField(
        _("able to discuss and clarify the facts, circumstances and reasons"), default=False
    )
    discussion_evidence = models.TextField(_("evidence of ability to discuss"), blank=True)
    can_alter_decision = models.BooleanField(_("able to alter the decision"), default=False)
    authority_evidence = models.TextField(_("evidence of authority to alter"), blank=True)
    # s.18(7): a competent agent may delegate; the delegate must meet s.18(5) too.
    delegated_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("delegated by"),
    )
    ended_on = models.DateField(_("no longer in this role from"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "kind", "name", "id"]
        verbose_name = _("rights contact")
        verbose_name_plural = _("rights contacts")
        indexes = [models.Index(fields=["organisation", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(delegated_by__isnull=True) | models.Q(kind="competent_agent"),
                name="rights_contact_only_agents_are_delegates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def is_delegate(self) -> bool:
        return self.delegated_by_id is not None

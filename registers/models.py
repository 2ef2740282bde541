from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import Organisation


class DecisionCategory(models.Model):
    """A kind of decision about workers an AI system takes or contributes to (loaded as data)."""

    key = models.SlugField(unique=True)
    label_en = models.CharField(max_length=100)
    label_cy = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("decision category")
        verbose_name_plural = _("decision categories")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.label_cy if get_language() == "cy" else self.label_en


class AISystem(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="ai_systems"
    )
    name = models.CharField(_("name"), max_length=200)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    description = models.TextField(
        _("what the system is and does"),
        blank=True,
        help_text=_("In plain words: what it does, for whom, and what it replaces or supports."),
    )
    value_chain = models.TextField(
        _("value chain"),
        blank=True,
        help_text=_("Who developed, supplies, hosts and maintains the system, and their roles."),
    )
    decision_categories = models.ManyToManyField(
        DecisionCategory,
        verbose_name=_("decisions it takes or contributes to"),
        blank=True,
        related_name="ai_systems",
    )
    used_in_high_risk_decision_making = models.BooleanField(
        _("used in high-risk decision-making"), default=False
    )
    planned_start = models.DateField(_("planned start of use"), null=True, blank=True)
    first_use = models.DateField(_("first used"), null=True, blank=True)
    end_of_use = models.DateField(_("use ended"), null=True, blank=True)
    # The review clocks (s.14(4), s.15(4)), written only by the waira services from the WAIRA and
    # consultation records (never typed), so the register, dashboards and sweeps read one place.
    waira_completed_on = models.DateField(
        _("last WAIRA completed"), null=True, blank=True, editable=False
    )
    waira_next_due = models.DateField(_("next WAIRA due"), null=True, blank=True, editable=False)
    consultation_concluded_on = models.DateField(
        _("last consultation concluded"), null=True, blank=True, editable=False
    )
    consultation_next_due = models.DateField(
        _("next consultation due"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[decision_categories])

    class Meta:
        ordering = ["name"]
        verbose_name = _("AI system")
        verbose_name_plural = _("AI systems")

    def __str__(self) -> str:
        return self.name

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from core.i18n import Localised
from core.models import Organisation
from registers.search import SearchDocument


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

    label = Localised()


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


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired (use ended)")


class DueRule(models.TextChoices):
    """Which s.16 clock the entry's due date comes from (docs/legal-rules.md §2, s.16)."""

    INITIAL = "R-REG-INIT", _("first entry, within three months of first use (s.16(4))")
    CHANGE = "R-REG-CHANGE", _("change recorded within three months of the change (s.16(5))")


class RegisterEntry(FSMModelMixin, models.Model):
    """The public face of one AI system used in high-risk decision-making (s.16(3)).

    The fields here are the working copy staff edit; nothing in it is public. Publishing freezes
    it, with the system's facts, into a RegisterEntryVersion, and only versions are ever shown
    to the public (docs/adr/0006-register-entries-are-versioned-snapshots.md).
    """

    system = models.OneToOneField(AISystem, on_delete=models.PROTECT, related_name="register_entry")
    status = FSMField(
        _("status"),
        max_length=16,
        choices=EntryStatus.choices,
        default=EntryStatus.DRAFT,
        protected=True,
    )
    name_cy = models.CharField(
        _("name in Welsh"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty if the system's name is the same in Welsh."),
    )
    description_en = models.TextField(_("what the system is and does (English)"), blank=True)
    description_cy = models.TextField(_("what the system is and does (Welsh)"), blank=True)
    purpose_en = models.TextField(_("purpose or aim in using it (English)"), blank=True)
    purpose_cy = models.TextField(_("purpose or aim in using it (Welsh)"), blank=True)
    data_types_en = models.TextField(_("types of data it processes (English)"), blank=True)
    data_types_cy = models.TextField(_("types of data it processes (Welsh)"), blank=True)
    published_version = models.OneToOneField(
        "RegisterEntryVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    has_unpublished_changes = models.BooleanField(default=False, editable=False)
    # The s.16(4)/(5) clocks: stored on the entry, written only by the services (DESIGN.md).
    unrecorded_change_on = models.DateField(
        _("earliest change not yet in the register"), null=True, blank=True, editable=False
    )
    due_by = models.DateField(_("due by"), null=True, blank=True, editable=False)
    due_rule = models.CharField(max_length=16, choices=DueRule.choices, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")

    def __str__(self) -> str:
        return str(self.system)

    @transition(
        field=status,
        source=[EntryStatus.DRAFT, EntryStatus.PUBLISHED, EntryStatus.RETIRED],
        target=EntryStatus.PUBLISHED,
        custom={"label": _("Publish")},
    )
    def publish(self) -> None:
        pass

    @transition(
        field=status,
        source=[EntryStatus.DRAFT, EntryStatus.PUBLISHED],
        target=EntryStatus.RETIRED,
        custom={"label": _("Publish the end of use")},
    )
    def retire(self) -> None:
        pass


class RegisterEntryVersion(models.Model):
    """One published state of an entry, frozen: what the public saw from `published_at` on.

    Never changed after it is written; the next publication adds the next number.
    """

    entry = models.ForeignKey(RegisterEntry, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=16, choices=EntryStatus.choices)
    published_at = models.DateTimeField(_("published"))
    change_date = models.DateField(
        _("date of the change"),
        null=True,
        blank=True,
        help_text=_("The date the change to the system happened (s.16(5))."),
    )
    change_note_en = models.TextField(_("what changed (English)"), blank=True)
    change_note_cy = models.TextField(_("what changed (Welsh)"), blank=True)
    name_en = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True)
    supplier = models.CharField(_("supplier"), max_length=200, blank=True)
    description_en = models.TextField(blank=True)
    description_cy = models.TextField(blank=True)
    purpose_en = models.TextField(blank=True)
    purpose_cy = models.TextField(blank=True)
    data_types_en = models.TextField(blank=True)
    data_types_cy = models.TextField(blank=True)
    decision_categories = models.ManyToManyField(DecisionCategory, related_name="+", blank=True)
    planned_start = models.DateField(null=True, blank=True)
    first_use = models.DateField(null=True, blank=True)
    end_of_use = models.DateField(null=True, blank=True)
    waira_completed_on = models.DateField(null=True, blank=True)
    # What the ATRS export says of the system (registers/open_data.py), frozen here when the
    # version is published, like everything else in it, and shown to the publisher beforehand
    # (docs/adr/0023). Empty in versions published before these were kept: the export says null.
    senior_responsible_owner = models.CharField(
        _("senior responsible owner's role (ATRS 2.1.3)"), max_length=200, blank=True
    )
    companies_house_number = models.CharField(
        _("supplier's Companies House number (ATRS 2.1.4.2)"), max_length=8, blank=True
    )
    value_chain = models.TextField(_("value chain (ATRS 2.1.4.3)"), blank=True)
    risks_and_mitigations = models.TextField(_("risks and mitigations (ATRS 2.5.2)"), blank=True)
    # Both languages' text as one weighted tsvector, written by PostgreSQL itself and indexed
    # with GIN (migration 0005); NULL on a database without full-text search (registers/search).
    search_vector = models.GeneratedField(
        expression=SearchDocument(), output_field=SearchVectorField(), db_persist=True
    )
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = ["entry", "-number"]
        verbose_name = _("register entry version")
        verbose_name_plural = _("register entry versions")
        constraints = [
            models.UniqueConstraint(fields=["entry", "number"], name="register_version_unique")
        ]
        indexes = [
            models.Index(fields=["-published_at"], name="register_version_published"),
            # The public register is ordered by name: with LIMIT, PostgreSQL walks this index
            # instead of sorting every entry (56 ms to 2 ms at 10,000 entries).
            models.Index(fields=["name_en", "id"], name="register_version_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} v{self.number}"

    name = Localised()
    description = Localised()
    purpose = Localised()
    data_types = Localised()
    change_note = Localised()

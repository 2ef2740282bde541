from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.forms import GovUKDateField, GovUKFormMixin
from core.inputs import FilterField, QueryForm
from registers.models import DecisionCategory
from registers.selectors import PUBLIC_STATUSES, RegisterFilters


class AISystemForm(GovUKFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the system"), max_length=200)
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    description = forms.CharField(
        label=_("What the system is and does"),
        help_text=_("In plain words: what it does, for whom, and what it replaces or supports."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    value_chain = forms.CharField(
        label=_("Value chain"),
        help_text=_("Who developed, supplies, hosts and maintains the system, and their roles."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    decision_categories = forms.ModelMultipleChoiceField(
        label=_("Decisions about workers it takes or contributes to"),
        queryset=DecisionCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    used_in_high_risk_decision_making = forms.BooleanField(
        label=_("It is used in high-risk decision-making about workers"), required=False
    )
    planned_start = GovUKDateField(label=_("Planned start of use"), required=False)
    first_use = GovUKDateField(
        label=_("Date it was first used"),
        help_text=_(
            "For a system used in high-risk decision-making, record the start from the system's "
            "page instead: Llais first checks the WAIRA and the consultation."
        ),
        required=False,
    )
    end_of_use = GovUKDateField(label=_("Date its use ended"), required=False)


class AISystemChangeForm(AISystemForm):
    """Editing a system: a change the public register must show is dated by when it happened
    (s.16(5)), not by when it is typed."""

    changed_on = GovUKDateField(
        label=_("Date the change happened (optional)"),
        help_text=_(
            "For example, 27 3 2025. The register must show a change within 3 months of it. "
            "Leave blank if it happened today."
        ),
        required=False,
    )
    overdue_reason = forms.CharField(
        label=_("Reason for adding a decision while the further WAIRA is overdue"),
        help_text=_("Only needed when the further WAIRA is overdue and you add a decision."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


def _text(label: StrOrPromise, help_text: StrOrPromise = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
    )


class RegisterEntryForm(GovUKFormMixin, forms.Form):
    """The public text of an entry, in English and Welsh. Nothing here is public until published;
    the dates, categories and supplier come from the AI system record."""

    name_cy = forms.CharField(
        label=_("Name of the system in Welsh"),
        help_text=_("Leave empty if the name is the same in Welsh."),
        max_length=200,
        required=False,
    )
    description_en = _text(
        _("What the system is and does (English)"),
        _("In plain words a jobseeker would understand."),
    )
    description_cy = _text(_("What the system is and does (Welsh)"))
    purpose_en = _text(_("The purpose or aim in using it (English)"))
    purpose_cy = _text(_("The purpose or aim in using it (Welsh)"))
    data_types_en = _text(
        _("The types of data it processes (English)"),
        _("Kinds of data, for example shift history or travel times: never anyone's data."),
    )
    data_types_cy = _text(_("The types of data it processes (Welsh)"))


class PublishEntryForm(GovUKFormMixin, forms.Form):
    def __init__(self, *args: Any, first: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if first:
            for name in ("change_date", "change_note_en", "change_note_cy"):
                del self.fields[name]

    change_date = GovUKDateField(
        label=_("Date of the change"),
        help_text=_("The day the change to the system happened, for example 27 3 2025."),
        required=False,
    )
    change_note_en = _text(_("What changed (English)"), rows=3)
    change_note_cy = _text(_("What changed (Welsh)"), rows=3)


class RetireEntryForm(GovUKFormMixin, forms.Form):
    change_note_en = _text(_("Why its use ended (English)"), rows=3)
    change_note_cy = _text(_("Why its use ended (Welsh)"), rows=3)


class RegisterFilterForm(QueryForm):
    """The public register's filters, the same for its page, its downloads and its API."""

    q = FilterField(label=_("Search"))
    organisation = FilterField(label=_("Organisation"), max_length=100)
    category = FilterField(label=_("Decision"), max_length=100)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", ""), *PUBLIC_STATUSES.items()],
        required=False,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )

    def __init__(self, query: Mapping[str, Any], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "register-%s")
        super().__init__(query, **kwargs)

    def filters(self) -> RegisterFilters:
        """The valid filters; an invalid one reads as no filter (its error is on the form)."""
        values = self.values()
        return RegisterFilters(
            organisation=values["organisation"],
            category=values["category"],
            status=values["status"],
            q=values["q"],
        )

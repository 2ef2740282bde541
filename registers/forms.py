from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKDateField, GovUKFormMixin
from registers.models import DecisionCategory


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

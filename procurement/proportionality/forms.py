"""The risk questionnaire (ADR 0016). The form parses; the service grades."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKFormMixin
from procurement.risk import Automation, ProtectedCharacteristics, Reversibility
from registers.models import DecisionCategory


class RiskQuestionnaireForm(GovUKFormMixin, forms.Form):
    decision_categories = forms.ModelMultipleChoiceField(
        label=_("Which decisions about workers will it take or contribute to?"),
        help_text=_("Select all that apply. Leave all unticked if it takes part in none."),
        queryset=DecisionCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    workers_affected = forms.IntegerField(
        label=_("How many workers will it affect?"),
        help_text=_("Everyone whose work or treatment it may change, as a number."),
        min_value=0,
        max_value=10_000_000,
    )
    protected_characteristics = forms.ChoiceField(
        label=_("Will it affect people with protected characteristics differently?"),
        choices=ProtectedCharacteristics.choices,
        widget=forms.RadioSelect,
    )
    automation = forms.ChoiceField(
        label=_("How automated are its decisions?"),
        choices=Automation.choices,
        widget=forms.RadioSelect,
    )
    reversibility = forms.ChoiceField(
        label=_("How reversible are its decisions?"),
        choices=Reversibility.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Why is the case being graded again?"),
        help_text=_("Needed once the case has a risk level. It stays on the record."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    confirm_lower = forms.BooleanField(
        label=_("I confirm the risk level should go down"),
        help_text=_("Only where these answers give a lower level than the case has now."),
        required=False,
    )

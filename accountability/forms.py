from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKDateField, GovUKFormMixin
from core.i18n import Language


class StepTakenForm(GovUKFormMixin, forms.Form):
    taken_on = GovUKDateField(
        label=_("When was the step taken?"), help_text=_("For example, 27 3 2026")
    )
    description = forms.CharField(
        label=_("What was done"),
        help_text=_(
            "For example: wrote to the head of HR asking for the register entry; raised it at "
            "the joint consultative committee. Say who did it and to whom."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ChaserLetterForm(GovUKFormMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the letter"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose English or Welsh.")},
    )
    sender_name = forms.CharField(
        label=_("Signed by"),
        help_text=_("Your name, or your union branch's."),
        max_length=200,
        error_messages={"required": _("Enter the name the letter is signed with.")},
    )


class ConciliationForm(GovUKFormMixin, forms.Form):
    day_a = GovUKDateField(
        label=_("Day A: the day ACAS was notified"),
        help_text=_("For example, 27 3 2026. Leave both dates empty to remove them."),
        required=False,
    )
    day_b = GovUKDateField(
        label=_("Day B: the day the early conciliation certificate was received"),
        help_text=_("For example, 27 3 2026"),
        required=False,
    )

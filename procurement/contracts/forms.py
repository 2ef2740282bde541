"""Forms of the contract page (issue 18, item 5). Forms parse; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.forms import GovUKDateField, GovUKFormMixin
from procurement.contract_clauses import CLAUSES, Shape
from procurement.contracts.selectors import ClauseRow


class ContractForm(GovUKFormMixin, forms.Form):
    supplier_name = forms.CharField(label=gettext_lazy("Supplier"), max_length=200)
    signed_on = GovUKDateField(label=gettext_lazy("Date the contract was signed"))
    starts_on = GovUKDateField(label=gettext_lazy("Date the contract starts"))
    ends_on = GovUKDateField(
        label=gettext_lazy("Date the contract ends"),
        help_text=gettext_lazy("Leave empty if it has no fixed end."),
        required=False,
    )


class ClausesForm(GovUKFormMixin, forms.Form):
    """A tick and a number of days (or months) for every clause of the library."""

    def __init__(self, *args: Any, rows: list[ClauseRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in rows:
            clause = row.clause
            self.fields[f"choose_{clause.key}"] = forms.BooleanField(
                label=clause.title,
                help_text=f"{clause.protects}. {row.wording}",
                required=False,
                initial=row.chosen,
            )
            unit = _("months") if clause.shape == Shape.EVERY_MONTHS else _("days")
            self.fields[f"amount_{clause.key}"] = forms.IntegerField(
                label=_("%(title)s: number of %(unit)s") % {"title": clause.title, "unit": unit},
                help_text=_("From %(least)s to %(most)s.")
                % {"least": clause.least, "most": clause.most},
                required=False,
                min_value=1,
                max_value=999,
                initial=row.amount,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for clause in CLAUSES:
            field = f"amount_{clause.key}"
            chosen = data.get(f"choose_{clause.key}")
            if chosen and data.get(field) is None and field not in self.errors:
                self.add_error(
                    field, _("Enter the number of days or months for the clause you chose.")
                )
        return data

    def chosen(self) -> dict[str, int]:
        return {
            clause.key: self.cleaned_data[f"amount_{clause.key}"]
            for clause in CLAUSES
            if self.cleaned_data.get(f"choose_{clause.key}")
        }


class ObligationStartForm(GovUKFormMixin, forms.Form):
    what = forms.CharField(
        label=gettext_lazy("What was asked, or what changed or happened"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    started_on = GovUKDateField(label=gettext_lazy("Date it was asked, or it happened"))


class ObligationMetForm(GovUKFormMixin, forms.Form):
    met_on = GovUKDateField(label=gettext_lazy("Date the supplier did what the clause asks"))

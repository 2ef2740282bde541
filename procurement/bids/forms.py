"""Forms of the bid assessment (ADR 0017). Forms parse; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKDateField, GovUKFormMixin
from core.models import User
from procurement.bids_models import SCORE_MAX, Bid, PanelMember
from procurement.models import TenderQuestion


class BidForm(GovUKFormMixin, forms.Form):
    supplier_name = forms.CharField(label=_("Supplier's name"), max_length=200)
    companies_house_number = forms.CharField(
        label=_("Companies House number"),
        help_text=_("8 characters: 8 digits, like 01234567, or 2 letters and 6 digits."),
        max_length=8,
    )
    received_on = GovUKDateField(label=_("Date the bid was received"))
    summary = forms.CharField(
        label=_("Summary of the bid"), widget=forms.Textarea(attrs={"rows": 4})
    )


class PersonChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.email


class PanelMemberForm(GovUKFormMixin, forms.Form):
    person = PersonChoiceField(label=_("Person"), queryset=User.objects.none())
    panel_role = forms.ChoiceField(
        label=_("Role on the panel"),
        choices=PanelMember.PanelRole.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class ConflictForm(GovUKFormMixin, forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Do you have a conflict of interest with any bidder?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    conflict = forms.CharField(
        label=_("Describe the conflict of interest"),
        help_text=_("Needed if you have one. You then stand aside from scoring."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ConfirmForm(GovUKFormMixin, forms.Form):
    """A page whose only input is the button."""


class ScoresForm(GovUKFormMixin, forms.Form):
    """One bid: a score and a comment per question."""

    def __init__(
        self,
        *args: Any,
        questions: list[TenderQuestion],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"score_{question.pk}"] = forms.IntegerField(
                label=_("Score for: %(question)s (weighting %(weight)s%%)")
                % {"question": question.text, "weight": question.weight},
                help_text=_("A whole number from 0 to %(max)s.") % {"max": SCORE_MAX},
                min_value=0,
                max_value=SCORE_MAX,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            )
            self.fields[f"comment_{question.pk}"] = forms.CharField(
                label=_("Comment (optional)"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            question.pk: (
                self.cleaned_data[f"score_{question.pk}"],
                self.cleaned_data[f"comment_{question.pk}"],
            )
            for question in self.questions
        }


class ModerationForm(GovUKFormMixin, forms.Form):
    agreed_score = forms.IntegerField(
        label=_("Agreed score"),
        help_text=_("A whole number from 0 to %(max)s.") % {"max": SCORE_MAX},
        min_value=0,
        max_value=SCORE_MAX,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    reason = forms.CharField(
        label=_("Reason for the change from the members' scores"),
        help_text=_("Needed when the agreed score differs from any member's own score."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class BidChoiceField(forms.ModelChoiceField[Bid]):
    def label_from_instance(self, obj: Bid) -> str:
        return obj.supplier.name


class AwardForm(GovUKFormMixin, forms.Form):
    bid = BidChoiceField(
        label=_("Winning bid"), queryset=Bid.objects.none(), widget=forms.RadioSelect
    )
    decided_on = GovUKDateField(label=_("Date of the decision"))
    reasons = forms.CharField(
        label=_("Reasons for the award"), widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, bids: QuerySet[Bid], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bid"].queryset = bids  # type: ignore[attr-defined]


class DissentForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your dissent"),
        help_text=_("What you disagree with, and why. It stays on the record."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

"""Forms of the tender stage (issue 18). Forms parse; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKFormMixin
from procurement.models import EngagementActivity, Requirement, TenderQuestion


class ActivityChoiceField(forms.ModelChoiceField[EngagementActivity]):
    def label_from_instance(self, obj: EngagementActivity) -> str:
        return f"{obj.held_on:%d/%m/%Y}: {obj.approach} ({obj.worker_groups[:60]})"


class RequirementForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of requirement"), choices=Requirement.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("The requirement"),
        help_text=_("What the supplier and the system must do, in plain words."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    proposed_by = forms.ChoiceField(
        label=_("Who proposed it"), choices=Requirement.Proposer.choices, widget=forms.RadioSelect
    )
    activity = ActivityChoiceField(
        label=_("The engagement it answers"),
        help_text=_("From the worker-voice ledger of this case."),
        queryset=EngagementActivity.objects.none(),
        required=False,
    )
    concern = forms.CharField(
        label=_("The concern it answers"),
        help_text=_("Needed where it answers no recorded engagement."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Agreed or disputed"),
        choices=Requirement.Status.choices,
        widget=forms.RadioSelect,
        initial=Requirement.Status.AGREED,
    )
    dispute = forms.CharField(
        label=_("What is disputed, and by whom"),
        help_text=_("Needed when the requirement is disputed. It stays on the record."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args: Any, activities: QuerySet[EngagementActivity], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]


REASON_HELP = _(
    "Needed only once the union has signed off the table: they will be asked to sign it off again."
)


class QuestionForm(GovUKFormMixin, forms.Form):
    text_en = forms.CharField(
        label=_("Question"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    text_cy = forms.CharField(
        label=_("Question in Welsh"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    requirements = forms.ModelMultipleChoiceField(
        label=_("Requirements it tests"),
        queryset=Requirement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reason = forms.CharField(
        label=_("Why the table is changing"),
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, requirements: QuerySet[Requirement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["requirements"].queryset = requirements  # type: ignore[attr-defined]


class ReasonForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the table is changing"),
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class WeightsForm(GovUKFormMixin, forms.Form):
    """One whole-number weighting per question; together exactly 100."""

    reason = forms.CharField(
        label=_("Why the table is changing"),
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, questions: list[TenderQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reason = self.fields.pop("reason")
        for number, question in enumerate(questions, start=1):
            self.fields[f"weight_{question.pk}"] = forms.IntegerField(
                label=_("Question %(number)s: weighting (%%)") % {"number": number},
                help_text=question.text,
                min_value=0,
                max_value=100,
                initial=question.weight,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            )
        self.fields["reason"] = reason
        self.questions = questions

    def weights(self) -> dict[int, int]:
        return {
            question.pk: self.cleaned_data[f"weight_{question.pk}"] for question in self.questions
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.questions and not self.errors:
            total = sum(self.weights().values())
            if total != 100:
                self.add_error(
                    f"weight_{self.questions[0].pk}",
                    _(
                        "The weightings add up to %(total)s. Change them so they add up to "
                        "exactly 100."
                    )
                    % {"total": total},
                )
        return data


class SignOffForm(GovUKFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comments (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

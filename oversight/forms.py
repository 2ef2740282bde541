"""Forms parse input; services decide."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKDateField, GovUKFormMixin
from core.inputs import FilterField, QueryForm
from core.models import Organisation
from core.uploads import check_upload
from oversight import permissions, selectors
from oversight.models import (
    TOOLKIT_STAGE_CHOICES,
    ActionStatus,
    DecisionKind,
    IncidentKind,
    IncidentStatus,
    MemberRole,
)
from procurement.stages import RiskLevel

FILE_HELP = _(
    "A PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV or plain text file, up to 5 MB."
)


class _PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.username  # type: ignore[no-any-return]


class GovernanceMemberForm(GovUKFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.ChoiceField(
        label=_("Role on the body"), choices=MemberRole.choices, widget=forms.RadioSelect
    )
    joined_on = GovUKDateField(label=_("Date they joined"), help_text=_("For example 27 3 2025"))
    user = _PersonChoice(
        label=_("Their Llais account (optional)"),
        help_text=_("Choose one so that they are told of the actions they own."),
        queryset=None,
        required=False,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = selectors.people_of(organisation)  # type: ignore[attr-defined]


class MeetingForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = GovUKDateField(label=_("Date of the meeting"), help_text=_("For example 27 3 2025"))
    papers = forms.FileField(label=_("Papers (optional)"), help_text=FILE_HELP, required=False)
    minutes = forms.FileField(
        label=_("Minutes as a file (optional)"), help_text=FILE_HELP, required=False
    )
    minutes_text = forms.CharField(
        label=_("Minutes (optional)"),
        help_text=_("Type the minutes here, or attach them as a file."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def _checked(self, field: str) -> UploadedFile[bytes] | None:
        upload = self.cleaned_data.get(field)
        if upload:
            check_upload(upload)  # its real type, by content, and its size
        return upload

    def clean_papers(self) -> UploadedFile[bytes] | None:
        return self._checked("papers")

    def clean_minutes(self) -> UploadedFile[bytes] | None:
        return self._checked("minutes")


class DecisionForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Decision or action"), choices=DecisionKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What was decided, or what is to be done"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    owner = _PersonChoice(
        label=_("Owner of the action"),
        help_text=_("For an action: who will do it."),
        queryset=None,
        required=False,
    )
    due_on = GovUKDateField(
        label=_("Due date of the action"),
        help_text=_("For an action. For example 27 3 2026"),
        required=False,
    )
    cases: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Cases it concerns (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    systems: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("AI systems it concerns (optional)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.people_of(organisation)  # type: ignore[attr-defined]
        self.fields["cases"].queryset = selectors.cases_for_decision(organisation)  # type: ignore[attr-defined]
        self.fields["systems"].queryset = selectors.systems_for_decision(organisation)  # type: ignore[attr-defined]


class ActionUpdateForm(GovUKFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionStatus.choices, widget=forms.RadioSelect
    )
    status_note = forms.CharField(
        label=_("What was done, or why it was dropped"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class _SystemChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation.name})"


class IncidentForm(GovUKFormMixin, forms.Form):
    system = _SystemChoice(label=_("Which AI system"), queryset=None, empty_label="")
    kind = forms.ChoiceField(
        label=_("What happened"), choices=IncidentKind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Tell us what happened"),
        help_text=_("When it happened and what the system did. Do not name other people."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    group_affected = forms.CharField(
        label=_("Who was affected (optional)"),
        help_text=_("For a different effect on a group: which group, for example night workers."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        required=False,
    )
    decision_category: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Kind of decision (optional)"),
        queryset=None,
        required=False,
        empty_label="",
    )
    anonymous = forms.BooleanField(
        label=_("Report anonymously: staff will not see my name"), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = (  # type: ignore[attr-defined]
            permissions.systems_reportable_by(user).select_related("organisation").order_by("name")
        )
        self.fields["decision_category"].queryset = selectors.decision_categories()  # type: ignore[attr-defined]


class IncidentAnswerForm(GovUKFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (IncidentStatus.TRIAGED, IncidentStatus.TRIAGED.label),
            (IncidentStatus.ANSWERED, IncidentStatus.ANSWERED.label),
        ],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Answer to the person who reported it"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
    )


class SearchForm(QueryForm):
    """The search page's query: the words, and which kind of record (all the person may search,
    unless they choose one)."""

    q = FilterField(
        label=_("Search"),
        error_messages={
            "max_length": _("Enter a search of %(limit_value)s characters or fewer."),
            "null": _("Remove the null character from the search."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        error_messages={"invalid_choice": _("Choose what to show from the list.")},
    )

    def __init__(
        self, query: Mapping[str, Any], *, kinds: list[tuple[str, Any]], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", "search-%s")
        super().__init__(query, **kwargs)
        self.fields["kind"].choices = [("", _("Everything")), *kinds]  # type: ignore[attr-defined]


# --- Outcome signals ----------------------------------------------------------------------------


def _whole_number(label: Any, help_text: Any, low: int, high: int) -> forms.IntegerField:
    """A number box whose every error names the field and the range (GOV.UK)."""
    message = _("%(label)s must be a whole number from %(low)s to %(high)s")
    text = message % {"label": label, "low": low, "high": high}
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=low,
        max_value=high,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-5"}
        ),
        error_messages={
            "required": _("Enter %(label)s") % {"label": label},
            "invalid": text,
            "min_value": text,
            "max_value": text,
        },
    )


class SignalSettingsForm(GovUKFormMixin, forms.Form):
    window_days = _whole_number(
        _("Rolling window in days"),
        _("Each figure counts what happened in this many days up to today. For example 90."),
        7,
        730,
    )
    minimum_answered = _whole_number(
        _("Fewest answers before a share is judged"),
        _(
            "A share of answers (late, or decisions altered) is judged only over at least this "
            "many answers in the window."
        ),
        1,
        10000,
    )
    requests_made = _whole_number(
        _("Requests made"),
        _("Signal when this many explanation and reconsideration requests are made."),
        1,
        100000,
    )
    answered_late = _whole_number(
        _("Share of requests answered late, in per cent"),
        _("Signal when at least this share of the answers was late."),
        1,
        100,
    )
    decisions_altered = _whole_number(
        _("Share of reconsiderations that altered the decision, in per cent"),
        _(
            "Signal when at least this share of reconsiderations altered the decision: the "
            "system's decisions may need looking at again."
        ),
        1,
        100,
    )
    exemptions_used = _whole_number(
        _("Exemptions used"),
        _("Signal when an exemption refused this many requests."),
        1,
        100000,
    )
    incidents = _whole_number(
        _("Incidents reported"),
        _("Signal when workers, representatives and staff report this many incidents."),
        1,
        100000,
    )


# --- Lessons ------------------------------------------------------------------------------------


class _ApproachChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.text)


class _CaseChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.title)


class LessonForm(GovUKFormMixin, forms.Form):
    title = forms.CharField(label=_("The lesson in a sentence"), max_length=200)
    stage = forms.ChoiceField(
        label=_("Stage"), choices=TOOLKIT_STAGE_CHOICES, widget=forms.RadioSelect
    )
    approach = _ApproachChoice(
        label=_("Approach (optional)"),
        help_text=_("The toolkit's engagement approach the lesson is about."),
        queryset=None,
        required=False,
        empty_label="",
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level of the procurement"),
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
    )
    what_worked = forms.CharField(
        label=_("What worked"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    what_did_not = forms.CharField(
        label=_("What did not work"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    case = _CaseChoice(
        label=_("Case (optional)"),
        help_text=_("Never shown to other organisations."),
        queryset=None,
        required=False,
        empty_label="",
    )
    shareable = forms.BooleanField(
        label=_("Share this lesson with other organisations on Llais"),
        help_text=_(
            "They read the title, stage, approach, risk level and what worked and what did "
            "not, without your name, the case or the organisation. Write it without names "
            "or anything else that could identify a person."
        ),
        required=False,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approach"].queryset = selectors.engagement_approaches()  # type: ignore[attr-defined]
        self.fields["case"].queryset = selectors.cases_for_decision(organisation)  # type: ignore[attr-defined]


class LessonFilterForm(forms.Form):
    """The search box and filters of a lessons list (GET): anything it does not know is ignored."""

    q = forms.CharField(label=_("Search the lessons"), max_length=200, required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), choices=[("", _("All stages")), *TOOLKIT_STAGE_CHOICES], required=False
    )
    approach = _ApproachChoice(
        label=_("Approach"), queryset=None, required=False, empty_label=_("All approaches")
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level"),
        choices=[("", _("All risk levels")), *RiskLevel.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approach"].queryset = selectors.engagement_approaches()  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """What was asked, each part that is valid (an unknown stage filters nothing)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {
            key: cleaned.get(key) or None for key in ("q", "stage", "approach", "risk_level")
        } | {"q": (cleaned.get("q") or "").strip()}


# --- Oversight reviews --------------------------------------------------------------------------


class ReviewAnswersForm(GovUKFormMixin, forms.Form):
    """A review's answers: a field per stage-5 prompt (`prompt_<pk>`), prefilled with the answer
    carried forward from the previous review until this review has its own."""

    what_has_changed = forms.CharField(
        label=_("What has changed since the previous review?"),
        help_text=_(
            "How the system has been used, what workers and their representatives have raised, "
            "incidents, and anything the previous review agreed to do."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
    )
    closing = forms.BooleanField(
        label=_("This is the closing review: the use of every AI system of the case has ended"),
        required=False,
    )

    def __init__(self, *args: Any, prompts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in prompts:
            self.fields[f"prompt_{item.prompt.pk}"] = forms.CharField(
                label=item.prompt.text,
                help_text=_("Agreed at the previous review: %(answer)s")
                % {"answer": item.carried_forward}
                if item.carried_forward
                else "",
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=10000,
            )
            self.initial.setdefault(f"prompt_{item.prompt.pk}", item.answer or item.carried_forward)
        # The prompts first, then what has changed, then whether it is the closing review.
        self.order_fields([f"prompt_{item.prompt.pk}" for item in prompts])

    def answers(self) -> dict[int, str]:
        return {
            int(name.removeprefix("prompt_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("prompt_")
        }


class ReviewSubmitForm(GovUKFormMixin, forms.Form):
    """Nothing to type: submitting sends the review to the union representatives."""


class ReviewDecisionForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            ("sign_off", _("Sign off: the review is a fair account of oversight")),
            ("dissent", _("Record dissent")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to sign off or to record dissent.")},
    )
    reason = forms.CharField(
        label=_("Comments or reasons"),
        help_text=_("Required when you dissent. It stays on the record."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
    )

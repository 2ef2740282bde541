"""Forms parse input; services decide. No FSM field appears in any form."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKDateField, GovUKFormMixin
from core.models import Organisation, User
from core.uploads import check_upload
from procurement.models import EngagementApproach, GateDecision
from procurement.stages import RiskLevel
from registers.models import AISystem


class CaseForm(GovUKFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("What the procurement is for"),
        help_text=_("The problem it should solve, for workers and for the service."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    engagement_plan = forms.CharField(
        label=_("Engagement plan"),
        help_text=_(
            "How workers will be involved, in proportion to the risk. Name the workers most "
            "affected, including workers with protected characteristics."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    risk_level = forms.ChoiceField(
        label=_("Risk level"),
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "A high-risk case needs a workshop with workers with protected "
            "characteristics before it leaves planning."
        ),
    )
    risk_reasoning = forms.CharField(
        label=_("Why this level of risk is proportionate"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation] | None = None,
        editing: bool = False,
        risk_editable: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
            if organisations is not None and organisations.count() == 1:
                self.fields["organisation"].widget = forms.HiddenInput()
                self.fields["organisation"].initial = organisations.first()
        if not risk_editable:
            del self.fields["risk_level"]
            del self.fields["risk_reasoning"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("risk_level") and not (data.get("risk_reasoning") or "").strip():
            self.add_error("risk_reasoning", _("Explain why this level of risk is proportionate."))
        return data


class EngagementActivityForm(GovUKFormMixin, forms.Form):
    approach = forms.ModelChoiceField(
        label=_("Engagement approach"),
        queryset=EngagementApproach.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    held_on = GovUKDateField(label=_("When it took place"), help_text=_("For example, 27 3 2025"))
    worker_groups = forms.CharField(
        label=_("Which workers took part"),
        help_text=_("Teams, job roles or groups, and how they were invited."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    worker_count = forms.IntegerField(
        label=_("Number of workers who took part"), min_value=0, max_value=1_000_000
    )
    union_involved = forms.BooleanField(label=_("The union took part"), required=False)
    union_involvement = forms.CharField(
        label=_("How the union was involved"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    protected_characteristics_involved = forms.BooleanField(
        label=_("Workers with protected characteristics took part"), required=False
    )
    protected_characteristics_detail = forms.CharField(
        label=_("Which protected characteristics were represented"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    issues_raised = forms.CharField(
        label=_("What workers raised (you said)"), widget=forms.Textarea(attrs={"rows": 5})
    )
    employer_response = forms.CharField(
        label=_("What we did in response (we did)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    attachment = forms.FileField(
        label=_("Attach a file (optional)"),
        help_text=_(
            "For example the survey results or workshop notes: a PDF, Word, Excel, PowerPoint, "
            "OpenDocument, PNG, JPEG, CSV or plain text file, up to 5 MB."
        ),
        required=False,
    )
    attachment_description = forms.CharField(
        label=_("Describe the file"), max_length=200, required=False
    )

    def __init__(self, *args: Any, stage: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approach"].queryset = EngagementApproach.objects.filter(  # type: ignore[attr-defined]
            stage=stage
        )

    def clean_attachment(self) -> UploadedFile[bytes] | None:
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_upload(upload)  # its real type, by content, and its size
        return upload


class PromptResponseForm(GovUKFormMixin, forms.Form):
    agreed_position = forms.CharField(
        label=_("What was agreed"),
        help_text=_("The position agreed with workers and their union representatives."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    not_applicable = forms.BooleanField(
        label=_("This prompt does not apply to this case"), required=False
    )
    not_applicable_reason = forms.CharField(
        label=_("Why it does not apply"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class EngagementCompleteForm(GovUKFormMixin, forms.Form):
    employer_response = forms.CharField(
        label=_("What did you do in response? (we did)"),
        help_text=_("What changed because of what workers raised, or why nothing did."),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Enter what you did in response to what workers raised.")},
    )


class PromptCommentForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your comment on this answer"),
        help_text=_("Everyone who can see the case sees it, beside the answer."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Enter your comment on this answer.")},
    )


class CarryForwardForm(GovUKFormMixin, forms.Form):
    agreed_at_previous_stage = forms.CharField(
        label=_("What have we agreed at the previous stage?"),
        help_text=_("Filled in from the previous stage's answers; edit it to what was agreed."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    what_has_changed = forms.CharField(
        label=_("What has changed?"), widget=forms.Textarea(attrs={"rows": 5})
    )
    participants = forms.CharField(
        label=_("Workers and union representatives who took part"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GateDecisionForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            (GateDecision.Kind.SIGN_OFF, _("Sign off: the worker-voice evidence is there")),
            (GateDecision.Kind.DISSENT, _("Record dissent")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Comments or reasons"),
        help_text=_("Required when you dissent. It stays on the record."),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )


class AdvanceForm(GovUKFormMixin, forms.Form):
    override_reason = forms.CharField(
        label=_("Reason for overriding the gate"),
        help_text=_(
            "Only if the gate is not met. The reason stays on the record and the timeline."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class CancelForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the case being cancelled?"), widget=forms.Textarea(attrs={"rows": 4})
    )


class UnionRepresentativeForm(GovUKFormMixin, forms.Form):
    representative = forms.ModelChoiceField(
        label=_("Union representative"), queryset=User.objects.none()
    )

    def __init__(self, *args: Any, representatives: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = representatives  # type: ignore[attr-defined]


class LinkSystemForm(GovUKFormMixin, forms.Form):
    system = forms.ModelChoiceField(label=_("AI system"), queryset=AISystem.objects.none())

    def __init__(self, *args: Any, systems: QuerySet[AISystem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = systems  # type: ignore[attr-defined]

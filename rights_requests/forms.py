"""Forms parse input; services decide. No FSM field appears in any form."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from core.forms import GovUKDateField, GovUKFormMixin
from core.i18n import Language
from core.inputs import FilterField, IdField, QueryForm
from core.models import Organisation, User
from core.uploads import check_upload
from registers.models import AISystem, RegisterEntry
from rights_requests.models import (
    ContactKind,
    DueBasis,
    ExemptionDecision,
    ReceivedBy,
    ReconsiderationOutcome,
    RequesterStatus,
    RequestKind,
    RequestState,
    RightsContact,
    RightsRequest,
    WindowDecision,
)

TEXTAREA = {"rows": 5}
LOGGED_CHANNELS = (ReceivedBy.LETTER, ReceivedBy.EMAIL, ReceivedBy.IN_PERSON)


class PublishedSystemField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """An AI system named as the public register names it: each choice is a published entry,
    by the register's identifier and its published name, so a form never shows a draft, an
    unpublished rename or an internal record's id. Cleans to the entry's AI system."""

    def label_from_instance(self, obj: Any) -> str:
        version = obj.published_version
        return version.name if version is not None else ""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, AISystem):  # an initial value (a follow-up names its system)
            value = self.queryset.filter(system=value).first()  # type: ignore[union-attr]
        return super().prepare_value(value)

    def clean(self, value: Any) -> AISystem | None:
        entry = super().clean(value)
        return entry.system if isinstance(entry, RegisterEntry) else None


class RequestForm(GovUKFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Your employer"), queryset=Organisation.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("Which right are you using?"),
        error_messages={"required": _("Choose an explanation or a reconsideration")},
        choices=[
            (RequestKind.EXPLANATION, _("An explanation of a decision made with AI")),
            (RequestKind.RECONSIDERATION, _("A person to reconsider a decision made with AI")),
        ],
        widget=forms.RadioSelect,
    )
    requester_status = forms.ChoiceField(
        label=_("You are"),
        choices=RequesterStatus.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you are a worker, an employee or a jobseeker")
        },
    )
    decision = forms.CharField(
        label=_("Which decision?"),
        help_text=_("Say what was decided about you, for example a change to your shifts."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": _("Enter the decision you are asking about")},
    )
    decision_date = GovUKDateField(
        label=_("When was the decision made? (optional)"),
        help_text=_("For example, 27 3 2025"),
        required=False,
    )
    ai_system = PublishedSystemField(
        label=_("Which AI system made or helped make it? (optional)"),
        queryset=RegisterEntry.objects.none(),
        required=False,
        empty_label=_("I do not know"),
    )
    aware_on = GovUKDateField(
        label=_("When did you become aware of the decision?"),
        help_text=_("For example, 27 3 2025. Your time to ask runs from this date."),
        error_messages={"required": _("Enter the date you became aware of the decision")},
    )
    request_text = forms.CharField(
        label=_("What do you want to know, or want reconsidered?"),
        help_text=_("In your own words. Say anything the employer should know."),
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=10000,
        error_messages={"required": _("Enter what you want to know, or want reconsidered")},
    )
    language = forms.ChoiceField(
        label=_("Which language should the employer write to you in?"),
        choices=Language.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose English or Welsh for the employer's letters")},
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        entries: QuerySet[RegisterEntry],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations.first()
        self.fields["ai_system"].queryset = entries  # type: ignore[attr-defined]


class PublicRequestForm(RequestForm):
    """For someone without an account: name and email instead of an account."""

    requester_name = forms.CharField(
        label=_("Your full name"),
        max_length=200,
        error_messages={"required": _("Enter your full name")},
    )
    email = forms.EmailField(
        label=_("Your email address"),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
        help_text=_("We will send a link to it. Your request is sent when you open the link."),
    )

    field_order = ["requester_name", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["organisation"]


class WindowDecisionForm(GovUKFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("What was decided?"), choices=WindowDecision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        help_text=_("The worker sees these."),
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class DueDateForm(GovUKFormMixin, forms.Form):
    basis = forms.ChoiceField(
        label=_("How is the due date set?"), choices=DueBasis.choices, widget=forms.RadioSelect
    )
    due_date = GovUKDateField(
        label=_("Agreed due date"),
        help_text=_("Only for an agreed or just and equitable period."),
        required=False,
    )
    evidence = forms.CharField(
        label=_("Evidence of the agreement, or the reasons"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    agreement = forms.FileField(
        label=_("The worker's written agreement (optional)"),
        help_text=_(
            "An agreed date counts once the worker confirms it in Llais, or at once if you "
            "attach their signed letter or email: a PDF, Word, Excel, PowerPoint, OpenDocument, "
            "PNG, JPEG, CSV or plain text file, up to 5 MB."
        ),
        required=False,
    )

    def clean_agreement(self) -> UploadedFile[bytes] | None:
        upload = self.cleaned_data.get("agreement")
        if upload:
            check_upload(upload)  # its real type, by content, and its size
        return upload


class ExtensionAnswerForm(GovUKFormMixin, forms.Form):
    agree = forms.TypedChoiceField(
        label=_("Did you agree to this later date?"),
        choices=[
            ("yes", _("Yes, I agreed to it")),
            ("no", _("No, I did not agree to it")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class AssignAgentForm(GovUKFormMixin, forms.Form):
    agent = forms.ModelChoiceField(
        label=_("Competent agent"),
        queryset=RightsContact.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    original_decision_maker = forms.ModelChoiceField(
        label=_("Who made the original decision? (optional)"),
        help_text=_("They cannot reconsider their own decision."),
        queryset=User.objects.none(),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        agents: QuerySet[RightsContact],
        people: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agent"].queryset = agents  # type: ignore[attr-defined]
        self.fields["original_decision_maker"].queryset = people  # type: ignore[attr-defined]


class ExplanationForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(
        label=_("The explanation"),
        help_text=_(
            "Plain words, about this person: what the system did, with what information, "
            "and how it affected them."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    text_language = forms.ChoiceField(
        label=_("Which language is it written in?"),
        choices=Language.choices,
        widget=forms.RadioSelect,
    )
    readily_understandable = forms.BooleanField(
        label=_("It is readily understandable (s.17(2)(a))"), required=False
    )
    personal = forms.BooleanField(
        label=_("It says how the decision affects this person personally (s.17(2)(b))"),
        required=False,
    )
    in_writing = forms.BooleanField(label=_("It is in writing (s.17(2)(c))"), required=False)
    accessible_format = forms.BooleanField(
        label=_("It is in a readily accessible format (s.17(2)(c))"), required=False
    )
    free_of_charge = forms.BooleanField(
        label=_("It is free of charge (s.17(2)(d))"), required=False
    )


class ReconsiderationForm(GovUKFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=ReconsiderationOutcome.choices, widget=forms.RadioSelect
    )
    what_changed = forms.CharField(
        label=_("What changed"),
        help_text=_("Only if the decision is altered."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    text = forms.CharField(
        label=_("Your reasons, written to the person"),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    text_language = forms.ChoiceField(
        label=_("Which language is it written in?"),
        choices=Language.choices,
        widget=forms.RadioSelect,
    )


class ExemptionClaimForm(GovUKFormMixin, forms.Form):
    ground = forms.ChoiceField(label=_("Ground"), choices=[], widget=forms.RadioSelect)
    relies_on = forms.ModelChoiceField(
        label=_("The earlier reconsidered request relied on"),
        help_text=_("Only for the grounds about an earlier reconsideration."),
        queryset=RightsRequest.objects.none(),
        required=False,
    )
    reasons = forms.CharField(
        label=_("The employer's reasons"), widget=forms.Textarea(attrs=TEXTAREA)
    )

    def __init__(
        self,
        *args: Any,
        grounds: Sequence[tuple[str, StrOrPromise]],
        earlier: QuerySet[RightsRequest],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ground"].choices = grounds  # type: ignore[attr-defined]
        self.fields["relies_on"].queryset = earlier  # type: ignore[attr-defined]


class ExemptionDecisionForm(GovUKFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=ExemptionDecision.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        help_text=_("If the exemption applies, the worker is told these reasons."),
        widget=forms.Textarea(attrs=TEXTAREA),
    )


class WithdrawForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing it? (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class EarlyConciliationForm(GovUKFormMixin, forms.Form):
    day_a = GovUKDateField(
        label=_("Day A: the day you contacted ACAS"), help_text=_("For example, 27 3 2025")
    )
    day_b = GovUKDateField(
        label=_("Day B: the day you received the early conciliation certificate"),
        help_text=_("For example, 27 3 2025"),
    )


class ShareForm(GovUKFormMixin, forms.Form):
    representative = forms.ModelChoiceField(
        label=_("Union representative"), queryset=User.objects.none()
    )

    def __init__(self, *args: Any, representatives: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = representatives  # type: ignore[attr-defined]


class ContactForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Role"), choices=ContactKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label=_("Name"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=200)
    address = forms.CharField(label=_("Postal address"), widget=forms.Textarea(attrs={"rows": 3}))
    email = forms.EmailField(label=_("Email address"))
    phone = forms.CharField(label=_("Phone number (optional)"), max_length=40, required=False)
    user = forms.ModelChoiceField(
        label=_("Their Llais account (optional)"),
        help_text=_("Needed to answer requests in Llais."),
        queryset=User.objects.none(),
        required=False,
    )
    delegated_by = forms.ModelChoiceField(
        label=_("Delegate of (optional)"),
        help_text=_("Only for a person a competent agent delegates to (s.18(7))."),
        queryset=RightsContact.objects.none(),
        required=False,
    )
    competent_to_explain = forms.BooleanField(
        label=_("Competent to explain decisions made with AI (s.17(8))"),
        help_text=_("For a nominated contact."),
        required=False,
    )
    competence_evidence = forms.CharField(
        label=_("Evidence of competence to explain"),
        help_text=_("For example the training they did or their knowledge of the AI systems."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    trained_on = GovUKDateField(label=_("Date suitably trained"), required=False)
    training_evidence = forms.CharField(
        label=_("Training evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    designated_on = GovUKDateField(label=_("Date designated"), required=False)
    designation_evidence = forms.CharField(
        label=_("Designation evidence"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    can_discuss_facts_and_reasons = forms.BooleanField(
        label=_("Able to discuss and clarify the facts, circumstances and reasons"),
        required=False,
    )
    discussion_evidence = forms.CharField(
        label=_("Evidence of ability to discuss"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    can_alter_decision = forms.BooleanField(label=_("Able to alter the decision"), required=False)
    authority_evidence = forms.CharField(
        label=_("Evidence of authority to alter"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    ended_on = GovUKDateField(label=_("No longer in this role from (optional)"), required=False)

    def __init__(
        self,
        *args: Any,
        people: QuerySet[User],
        agents: QuerySet[RightsContact],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people  # type: ignore[attr-defined]
        self.fields["delegated_by"].queryset = agents  # type: ignore[attr-defined]


class LoggedRequestForm(GovUKFormMixin, forms.Form):
    """Staff log a request received by letter, email or in person, with its date and a copy."""

    organisation = forms.ModelChoiceField(
        label=_("Employer"), queryset=Organisation.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(
        label=_("What did they ask for?"),
        choices=[
            (RequestKind.EXPLANATION, _("An explanation of a decision made with AI")),
            (RequestKind.RECONSIDERATION, _("A person to reconsider a decision made with AI")),
        ],
        widget=forms.RadioSelect,
    )
    received_by = forms.ChoiceField(
        label=_("How was the request received?"),
        choices=[(c.value, c.label) for c in LOGGED_CHANNELS],
        widget=forms.RadioSelect,
    )
    received_on = GovUKDateField(
        label=_("Date the request was received"),
        help_text=_("For example, 27 3 2025. The time to answer runs from this date."),
    )
    received_copy = forms.FileField(
        label=_("A copy of the request as received"),
        help_text=_(
            "The letter or email, or a note of what was said in person: a PDF, Word, Excel, "
            "PowerPoint, OpenDocument, PNG, JPEG, CSV or plain text file, up to 5 MB."
        ),
    )
    requester_name = forms.CharField(label=_("Their full name"), max_length=200)
    requester_email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("We send them a private link to follow the request, and every answer."),
    )
    requester_status = forms.ChoiceField(
        label=_("They are"), choices=RequesterStatus.choices, widget=forms.RadioSelect
    )
    decision = forms.CharField(
        label=_("Which decision?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    decision_date = GovUKDateField(
        label=_("When was the decision made? (optional)"),
        help_text=_("For example, 27 3 2025"),
        required=False,
    )
    ai_system = PublishedSystemField(
        label=_("Which AI system made or helped make it? (optional)"),
        queryset=RegisterEntry.objects.none(),
        required=False,
        empty_label=_("Not known"),
    )
    aware_on = GovUKDateField(
        label=_("When did they become aware of the decision?"),
        help_text=_("For example, 27 3 2025. Their time to ask runs from this date."),
    )
    request_text = forms.CharField(
        label=_("What they asked for"), widget=forms.Textarea(attrs=TEXTAREA), max_length=10000
    )
    language = forms.ChoiceField(
        label=_("Which language should letters to them be in?"),
        choices=Language.choices,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        entries: QuerySet[RegisterEntry],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations.first()
        self.fields["ai_system"].queryset = entries  # type: ignore[attr-defined]

    def clean_received_copy(self) -> UploadedFile[bytes] | None:
        upload = self.cleaned_data.get("received_copy")
        if upload:
            check_upload(upload)  # its real type, by content, and its size
        return upload


class WorkbenchFilterForm(QueryForm):
    """The handler's workbench filters (GET). An invalid value reads as no filter and its
    reason is shown in the error summary."""

    q = FilterField(label=_("Search"))
    state = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("Any status")),
            ("open", _("Open")),
            ("closed", _("Answered, refused or withdrawn")),
            *RequestState.choices,
        ],
        required=False,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Both kinds")), *RequestKind.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of request from the list.")},
    )
    system = IdField(label=_("AI system"))
    due = forms.ChoiceField(
        label=_("Answer due"),
        choices=[
            ("", _("Any time")),
            ("overdue", _("Overdue")),
            ("week", _("Within 7 days")),
        ],
        required=False,
        error_messages={"invalid_choice": _("Choose when the answer is due from the list.")},
    )
    holder = forms.ChoiceField(
        label=_("Held by"),
        choices=[("", _("Anyone or nobody")), ("me", _("Me")), ("nobody", _("Nobody yet"))],
        required=False,
        error_messages={"invalid_choice": _("Choose who holds the request from the list.")},
    )

    def __init__(self, query: Mapping[str, Any], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "workbench-%s")
        super().__init__(query, **kwargs)

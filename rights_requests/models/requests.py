"""The requests themselves (s.17, s.18): their kinds, states and the one state machine."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from core.i18n import Language
from core.models import Organisation
from registers.models import AISystem
from rights_requests.models.contacts import RightsContact


class RequestKind(models.TextChoices):
    EXPLANATION = "explanation", _("Explanation (s.17)")
    RECONSIDERATION = "reconsideration", _("Reconsideration (s.18)")


class RequesterStatus(models.TextChoices):
    WORKER = "worker", _("Worker")
    EMPLOYEE = "employee", _("Employee")
    JOBSEEKER = "jobseeker", _("Jobseeker")


class ReceivedBy(models.TextChoices):
    """How the request reached the employer: in Llais, or logged by staff from another channel
    with the date it was received (A22: a request is valid by any channel)."""

    LLAIS = "llais", _("In Llais")
    LETTER = "letter", _("By letter")
    EMAIL = "email", _("By email")
    IN_PERSON = "in_person", _("In person")


def received_copy_path(instance: RightsRequest, filename: str) -> str:
    return f"rights_requests/{instance.organisation_id}/received/{filename}"


class RequestState(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_PROGRESS = "in_progress", _("In progress")
    EXEMPTION_CLAIMED = "exemption_claimed", _("Exemption claimed")
    ANSWERED = "answered", _("Answered")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (RequestState.RECEIVED, RequestState.IN_PROGRESS, RequestState.EXEMPTION_CLAIMED)


class WindowDecision(models.TextChoices):
    """What a person decided about a request made after its window (s.17(3), s.18(2))."""

    AGREED_LONGER = "agreed_longer", _("A longer period was agreed")
    JUST_AND_EQUITABLE = "just_and_equitable", _("Just and equitable to accept it")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class DueBasis(models.TextChoices):
    STATUTORY = "statutory", _("28 days from the request")
    AGREED = "agreed", _("Another period agreed between the parties")
    JUST_AND_EQUITABLE = "just_and_equitable", _("Another period that is just and equitable")


class ExtensionState(models.TextChoices):
    """An agreed period (s.17(4), s.18(6)) counts only with the worker's own agreement: they
    confirm it in Llais, or staff attach their written agreement."""

    AWAITING_WORKER = "awaiting_worker", _("Waiting for the worker to confirm")
    CONFIRMED = "confirmed", _("Confirmed by the worker in Llais")
    WRITTEN_AGREEMENT = "written_agreement", _("The worker's written agreement is attached")
    DECLINED = "declined", _("Declined by the worker")


def extension_agreement_path(instance: RightsRequest, filename: str) -> str:
    return f"rights_requests/{instance.organisation_id}/agreements/{filename}"


def window_settled(request: models.Model) -> bool:
    """Condition: the request was made in time, or a person has decided on its lateness."""
    assert isinstance(request, RightsRequest)
    return request.in_primary_window or request.window_decision != ""


def window_not_accepted(request: models.Model) -> bool:
    assert isinstance(request, RightsRequest)
    return request.window_decision == WindowDecision.NOT_ACCEPTED


def has_answer(request: models.Model) -> bool:
    assert isinstance(request, RightsRequest)
    return hasattr(request, "answer")


def has_open_exemption_claim(request: models.Model) -> bool:
    assert isinstance(request, RightsRequest)
    return request.exemption_claims.filter(decision="").exists()


def has_agent(request: models.Model) -> bool:
    """A reconsideration is in progress only once a competent agent holds it."""
    assert isinstance(request, RightsRequest)
    return request.kind == RequestKind.EXPLANATION or request.assigned_agent_id is not None


def answer_label(request: RightsRequest) -> str | Promise:
    """An explanation is written; a reconsideration is recorded and the worker told."""
    if request.kind == RequestKind.EXPLANATION:
        return _("Write the explanation")
    return _("Record the reconsideration and notify the worker")


SUMMARY_DECISION_CHARACTERS = 60


class RightsRequest(FSMModelMixin, models.Model):
    """A written request for an explanation (s.17) or a reconsideration (s.18).

    Every date on it comes from core.legal_time through the services: `request_date` is the UK
    date of `made_at` (TS-02), the window's last day and the due date are stored, and they change
    only when the service that changes their inputs runs.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="rights_requests"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices)
    # A short reference people can say on the phone and search for: EXP-2026-0042 (the kind,
    # the year of the request date, its number among that organisation's requests of the kind
    # that year). Set once by the service that makes the request; unique per organisation.
    reference = models.CharField(_("reference"), max_length=20, editable=False, default="")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rights_requests",
        verbose_name=_("requester's account"),
    )
    requester_name = models.CharField(_("name"), max_length=200)
    requester_email = models.EmailField(_("email address"))
    requester_status = models.CharField(
        _("you are"), max_length=20, choices=RequesterStatus.choices
    )
    # A jobseeker without an account follows their request by a private link: only its hash is
    # kept, so a database reader cannot follow it.
    access_token_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    decision = models.TextField(_("the decision"))
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    ai_system = models.ForeignKey(
        AISystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rights_requests",
        verbose_name=_("AI system"),
    )
    aware_on = models.DateField(_("date you became aware of the decision"))
    request_text = models.TextField(_("what you are asking for"))
    language = models.CharField(
        _("language for letters"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    follows = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_by",
        verbose_name=_("follows the request"),
    )
    made_at = models.DateTimeField(_("made at"))
    received_by = models.CharField(
        _("received"), max_length=20, choices=ReceivedBy.choices, default=ReceivedBy.LLAIS
    )
    # A request logged by staff keeps a copy of what was received (a letter, an email, a note
    # of what was said in person), checked by core.uploads.check_upload before it is stored.
    received_copy = models.FileField(
        _("copy of the request as received"), upload_to=received_copy_path, blank=True
    )
    request_date = models.DateField(_("request date"))
    window_last_day = models.DateField(_("last day to make the request"))
    in_primary_window = models.BooleanField(_("made within the period in the Bill"))
    window_decision = models.CharField(
        _("decision on a late request"), max_length=20, choices=WindowDecision.choices, blank=True
    )
    window_decision_reasons = models.TextField(_("reasons"), blank=True)
    window_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    window_decided_at = models.DateTimeField(null=True, blank=True)
    due_date = models.DateField(_("answer due by"))
    due_basis = models.CharField(
        _("how the due date was set"),
        max_length=20,
        choices=DueBasis.choices,
        default=DueBasis.STATUTORY,
    )
    due_basis_evidence = models.TextField(_("evidence of the agreement or reasons"), blank=True)
    # A longer period proposed as agreed: it replaces the due date only once the worker confirms
    # it, or their written agreement is attached; until then the statutory date stands.
    extension_proposed_due = models.DateField(_("agreed due date proposed"), null=True, blank=True)
    extension_state = models.CharField(
        _("the worker's agreement"), max_length=20, choices=ExtensionState.choices, blank=True
    )
    extension_agreement = models.FileField(
        _("the worker's written agreement"), upload_to=extension_agreement_path, blank=True
    )
    state = FSMField(
        _("state"), default=RequestState.RECEIVED, choices=RequestState.choices, protected=True
    )
    assigned_agent = models.ForeignKey(
        RightsContact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reconsiderations",
        verbose_name=_("competent agent"),
    )
    original_decision_maker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who made the original decision"),
    )
    # Who took the request on: the handler who started work on an explanation, or the person who
    # assigned a reconsideration's agent (the agent holds it: see `holder_name`).
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("claimed by"),
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="rights_requests_shared_with_me",
        verbose_name=_("shared with union representatives"),
    )
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)
    # Set by the retention sweep (docs/retention.md) the day it removed the personal data.
    personal_data_removed_on = models.DateField(
        _("personal data removed on"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[shared_with])

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("rights request")
        verbose_name_plural = _("rights requests")
        indexes = [
            models.Index(fields=["organisation", "kind", "state", "due_date"]),
            models.Index(fields=["state", "due_date"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "reference"], name="rights_request_reference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    @property
    def summary(self) -> str:
        """One line that tells a request from its neighbours: the system, the decision's date
        and the start of the decision in the worker's words."""
        words = " ".join(self.decision.split())
        if len(words) > SUMMARY_DECISION_CHARACTERS:
            words = words[: SUMMARY_DECISION_CHARACTERS - 1].rstrip() + "…"
        return words

    @property
    def holder_name(self) -> str:
        """Who holds the request now: a reconsideration's competent agent, else who claimed it."""
        if self.assigned_agent_id is not None and self.assigned_agent is not None:
            return self.assigned_agent.name
        if self.claimed_by_id is not None and self.claimed_by is not None:
            return self.claimed_by.get_full_name() or self.claimed_by.username
        return ""

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    # The moves. Services drive them; nothing else calls these.
    @transition(
        field=state,
        source=RequestState.RECEIVED,
        target=RequestState.IN_PROGRESS,
        conditions=[has_agent],
        custom={"label": _("Start work")},
    )
    def start(self) -> None:
        pass

    @transition(
        field=state,
        source=[RequestState.RECEIVED, RequestState.IN_PROGRESS],
        target=RequestState.ANSWERED,
        conditions=[has_agent, has_answer],
        custom={"label": answer_label},
    )
    def answer_issued(self) -> None:
        pass

    @transition(
        field=state,
        source=[RequestState.RECEIVED, RequestState.IN_PROGRESS],
        target=RequestState.EXEMPTION_CLAIMED,
        conditions=[has_open_exemption_claim],
        custom={"label": _("Claim an exemption")},
    )
    def claim_exemption(self) -> None:
        pass

    # The next three follow a decision taken on a form (ExemptionDecisionForm,
    # WindowDecisionForm) whose choices say what each outcome means; no page offers them as
    # buttons, so they carry no label.
    @transition(
        field=state,
        source=RequestState.EXEMPTION_CLAIMED,
        target=RequestState.REFUSED,
    )
    def exemption_applies(self) -> None:
        pass

    @transition(
        field=state,
        source=RequestState.EXEMPTION_CLAIMED,
        target=RequestState.IN_PROGRESS,
    )
    def exemption_rejected(self) -> None:
        pass

    @transition(
        field=state,
        source=[RequestState.RECEIVED, RequestState.IN_PROGRESS],
        target=RequestState.REFUSED,
        conditions=[window_not_accepted],
    )
    def refuse_late(self) -> None:
        pass

    @transition(
        field=state,
        source=list(OPEN_STATES),
        target=RequestState.WITHDRAWN,
        custom={"label": _("Withdraw this request")},
    )
    def withdraw(self) -> None:
        pass

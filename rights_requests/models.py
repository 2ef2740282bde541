"""Who answers workers' rights requests, the requests themselves, and what became of them.

Contacts (s.17(8)-(9), s.18(3)-(5), (7)) are in this module's first half; requests (s.17, s.18),
their answers, exemption claims and compliance failures (s.19) follow.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition
from simple_history.models import HistoricalRecords

from core.models import Language, Organisation
from registers.models import AISystem


class ContactKind(models.TextChoices):
    NOMINATED_CONTACT = "nominated_contact", _("Nominated contact (s.17(8))")
    COMPETENT_AGENT = "competent_agent", _("Competent agent (s.18(3))")
    MOST_SENIOR_PERSON = "most_senior_person", _("Most senior person")


class RightsContact(models.Model):
    """A person who answers requests, with the details the organisation publishes.

    The most senior person is recorded too: with nobody nominated they are the default contact
    (s.17(9)) and the default competent agent (s.18(3)). The s.18(5) limbs are kept for every
    kind, because the default agent is checked as well (A13, AGENT-03); limbs (c) and (d) of
    s.18(5) are the same words, so they are one field here (A9).
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="rights_contacts"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=ContactKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rights_contacts",
        verbose_name=_("Llais account"),
        help_text=_("The account they use to answer requests in Llais."),
    )
    # What is published (s.17(8)(b), s.18(4)): readily available to workers and jobseekers.
    name = models.CharField(_("name"), max_length=200)
    job_title = models.CharField(_("job title"), max_length=200)
    address = models.TextField(_("postal address"))
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    # s.18(5)(a)-(e), each with its evidence.
    trained_on = models.DateField(_("date suitably trained"), null=True, blank=True)
    training_evidence = models.TextField(_("training evidence"), blank=True)
    designated_on = models.DateField(_("date designated"), null=True, blank=True)
    designation_evidence = models.TextField(_("designation evidence"), blank=True)
    can_discuss_facts_and_reasons = models.BooleanField(
        _("able to discuss and clarify the facts, circumstances and reasons"), default=False
    )
    discussion_evidence = models.TextField(_("evidence of ability to discuss"), blank=True)
    can_alter_decision = models.BooleanField(_("able to alter the decision"), default=False)
    authority_evidence = models.TextField(_("evidence of authority to alter"), blank=True)
    # s.18(7): a competent agent may delegate; the delegate must meet s.18(5) too.
    delegated_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegates",
        verbose_name=_("delegated by"),
    )
    ended_on = models.DateField(_("no longer in this role from"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "kind", "name", "id"]
        verbose_name = _("rights contact")
        verbose_name_plural = _("rights contacts")
        indexes = [models.Index(fields=["organisation", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(delegated_by__isnull=True) | models.Q(kind="competent_agent"),
                name="rights_contact_only_agents_are_delegates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    @property
    def is_delegate(self) -> bool:
        return self.delegated_by_id is not None


# --- Requests (s.17, s.18) --------------------------------------------------------------------


class RequestKind(models.TextChoices):
    EXPLANATION = "explanation", _("Explanation (s.17)")
    RECONSIDERATION = "reconsideration", _("Reconsideration (s.18)")


class RequesterStatus(models.TextChoices):
    WORKER = "worker", _("Worker")
    EMPLOYEE = "employee", _("Employee")
    JOBSEEKER = "jobseeker", _("Jobseeker")


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
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="rights_requests_shared_with_me",
        verbose_name=_("shared with union representatives"),
    )
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)
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

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

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
        custom={"label": _("Answer")},
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

    @transition(
        field=state,
        source=RequestState.EXEMPTION_CLAIMED,
        target=RequestState.REFUSED,
        custom={"label": _("Exemption applies")},
    )
    def exemption_applies(self) -> None:
        pass

    @transition(
        field=state,
        source=RequestState.EXEMPTION_CLAIMED,
        target=RequestState.IN_PROGRESS,
        custom={"label": _("Exemption does not apply")},
    )
    def exemption_rejected(self) -> None:
        pass

    @transition(
        field=state,
        source=[RequestState.RECEIVED, RequestState.IN_PROGRESS],
        target=RequestState.REFUSED,
        conditions=[window_not_accepted],
        custom={"label": _("Refuse a late request")},
    )
    def refuse_late(self) -> None:
        pass

    @transition(
        field=state,
        source=list(OPEN_STATES),
        target=RequestState.WITHDRAWN,
        custom={"label": _("Withdraw")},
    )
    def withdraw(self) -> None:
        pass


class RequestDraft(models.Model):
    """A request typed by someone without an account, waiting for them to confirm their email.

    Nothing is sent to the employer until they confirm: the request is made, and its clocks
    start, at confirmation (docs/adr/0005-...-requests-without-an-account.md).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    email = models.EmailField()
    fields = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    request = models.OneToOneField(
        RightsRequest, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("unconfirmed request")
        verbose_name_plural = _("unconfirmed requests")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} draft #{self.pk}"


class ReconsiderationOutcome(models.TextChoices):
    UPHELD = "upheld", _("Decision upheld")
    ALTERED = "altered", _("Decision altered")


class RequestAnswer(models.Model):
    """The written answer: an explanation (s.17(2)) or a reconsideration's outcome and its
    notification (s.18(6)). Written once; the letter prints it."""

    request = models.OneToOneField(RightsRequest, on_delete=models.PROTECT, related_name="answer")
    text = models.TextField(_("the explanation or the reasons"))
    text_language = models.CharField(
        _("language the answer is written in"), max_length=2, choices=Language.choices
    )
    # s.17(2)(a)-(d), confirmed by the person who issues an explanation.
    readily_understandable = models.BooleanField(_("readily understandable"), default=False)
    personal = models.BooleanField(
        _("addresses how the decision affects the person personally"), default=False
    )
    in_writing = models.BooleanField(_("in writing"), default=False)
    accessible_format = models.BooleanField(_("in a readily accessible format"), default=False)
    free_of_charge = models.BooleanField(_("free of charge"), default=False)
    # s.18: what the competent agent decided.
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ReconsiderationOutcome.choices, blank=True
    )
    what_changed = models.TextField(_("what changed"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("issued at"), db_index=True)
    in_time = models.BooleanField(_("issued by the due date"))
    english_where_welsh_asked = models.BooleanField(
        _("written in English where Welsh was asked for"), default=False
    )
    content_sha256 = models.CharField(max_length=64)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.request} answer"


class ExemptionGround(models.TextChoices):
    EXPL_NOT_PRACTICABLE = "s17_5_a", _("Not reasonably practicable to explain (s.17(5)(a))")
    EXPL_ALREADY_RECONSIDERED = (
        "s17_5_b",
        _("The decision has already been personally reconsidered (s.17(5)(b))"),
    )
    EXPL_DUPLICATE = (
        "s17_5_c",
        _("Duplicates a request properly reconsidered within the last 3 months (s.17(5)(c))"),
    )
    EXPL_VEXATIOUS = "s17_5_d", _("Vexatious or excessive (s.17(5)(d))")
    RECON_NOT_PRACTICABLE = (
        "s18_8_a",
        _("Not reasonably practicable to reconsider (s.18(8)(a))"),
    )
    RECON_DUPLICATE = (
        "s18_8_b",
        _("Duplicates a request properly reconsidered within the last 3 months (s.18(8)(b))"),
    )
    RECON_VEXATIOUS = "s18_8_c", _("Vexatious or excessive (s.18(8)(c))")


GROUNDS_FOR_KIND = {
    RequestKind.EXPLANATION: [
        ExemptionGround.EXPL_NOT_PRACTICABLE,
        ExemptionGround.EXPL_ALREADY_RECONSIDERED,
        ExemptionGround.EXPL_DUPLICATE,
        ExemptionGround.EXPL_VEXATIOUS,
    ],
    RequestKind.RECONSIDERATION: [
        ExemptionGround.RECON_NOT_PRACTICABLE,
        ExemptionGround.RECON_DUPLICATE,
        ExemptionGround.RECON_VEXATIOUS,
    ],
}
GROUNDS_RELYING_ON_A_RECONSIDERATION = {
    ExemptionGround.EXPL_ALREADY_RECONSIDERED,
    ExemptionGround.EXPL_DUPLICATE,
    ExemptionGround.RECON_DUPLICATE,
}


class ExemptionDecision(models.TextChoices):
    APPLIES = "applies", _("The exemption applies: the request is refused")
    DOES_NOT_APPLY = "does_not_apply", _("The exemption does not apply: answer the request")


class ExemptionClaim(models.Model):
    """The employer's claim that s.17(5) or s.18(8) applies, and its decision, with reasons.

    Llais never applies an exemption itself (docs/legal-rules.md §2, s.17 and s.18 exemptions);
    it shows the candidates and factors.
    """

    request = models.ForeignKey(
        RightsRequest, on_delete=models.PROTECT, related_name="exemption_claims"
    )
    ground = models.CharField(_("ground"), max_length=10, choices=ExemptionGround.choices)
    reasons = models.TextField(_("the employer's reasons"))
    relies_on = models.ForeignKey(
        RightsRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the earlier reconsidered request relied on"),
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    claimed_at = models.DateTimeField()
    decision = models.CharField(
        _("decision"), max_length=20, choices=ExemptionDecision.choices, blank=True
    )
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["claimed_at", "id"]
        verbose_name = _("exemption claim")
        verbose_name_plural = _("exemption claims")

    def __str__(self) -> str:
        return f"{self.request}: {self.get_ground_display()}"


# --- Failures and the tribunal clock (s.19) ---------------------------------------------------


class ComplianceFailure(models.Model):
    """A due date passed without compliance: the s.19(5) failure date and the s.19(3) limits.

    The dates come from core.legal_time (failure_date, limitation, with_early_conciliation) and
    are stored; the ACAS early conciliation dates (s.19(4), ERA s.207B) give the extended dates,
    shown as conditional (A14): the safe date to file by always ignores them.
    """

    request = models.OneToOneField(RightsRequest, on_delete=models.PROTECT, related_name="failure")
    last_compliance_date = models.DateField(_("last day to comply"))
    failure_date = models.DateField(_("date of the failure"))
    file_by = models.DateField(_("file a claim by"))
    out_of_time_after = models.DateField(_("out of time after"))
    day_a = models.DateField(_("Day A: ACAS notified"), null=True, blank=True)
    day_b = models.DateField(_("Day B: certificate received"), null=True, blank=True)
    extended_file_by = models.DateField(null=True, blank=True)
    extended_out_of_time_after = models.DateField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The nightly sweep that found it; empty when a late answer recorded it.
    sweep_run = models.ForeignKey(
        "core.SweepRun", on_delete=models.SET_NULL, null=True, blank=True, editable=False
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["failure_date", "id"]
        verbose_name = _("compliance failure")
        verbose_name_plural = _("compliance failures")

    def __str__(self) -> str:
        return f"{self.request}: failure on {self.failure_date}"

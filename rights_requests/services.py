"""Every write to rights requests and the people who answer them. Each service: permission, then
state, then write, then the timeline event, then tasks on commit."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from core import legal_time
from core.models import Language, Notification, Organisation, User
from core.pdf import content_sha256
from core.permissions import has_role
from core.roles import Role
from core.services import notification_create, timeline_record
from registers.models import AISystem
from rights_requests import permissions, selectors, tasks
from rights_requests.competence import Limb, contact_limbs_failed
from rights_requests.models import (
    GROUNDS_FOR_KIND,
    GROUNDS_RELYING_ON_A_RECONSIDERATION,
    ComplianceFailure,
    ContactKind,
    DueBasis,
    ExemptionClaim,
    ExemptionDecision,
    ExemptionGround,
    ReconsiderationOutcome,
    RequestAnswer,
    RequestDraft,
    RequestKind,
    RequestState,
    RightsContact,
    RightsRequest,
    WindowDecision,
)
from rights_requests.selectors import current_contacts


def _today() -> date:
    return legal_time.uk_date(timezone.now())


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


# --- Who answers ------------------------------------------------------------------------------

CONTACT_FIELDS = (
    "kind",
    "user",
    "name",
    "job_title",
    "address",
    "email",
    "phone",
    "trained_on",
    "training_evidence",
    "designated_on",
    "designation_evidence",
    "can_discuss_facts_and_reasons",
    "discussion_evidence",
    "can_alter_decision",
    "authority_evidence",
    "delegated_by",
    "ended_on",
)


def _validate_contact(contact: RightsContact) -> None:
    errors: dict[str, str] = {}
    evidence = {
        "training_evidence": (contact.trained_on is not None, _("Say what shows the training.")),
        "designation_evidence": (
            contact.designated_on is not None,
            _("Say what shows the designation."),
        ),
        "discussion_evidence": (
            contact.can_discuss_facts_and_reasons,
            _("Say what shows they can discuss the facts, circumstances and reasons."),
        ),
        "authority_evidence": (
            contact.can_alter_decision,
            _("Say what gives them authority to alter decisions."),
        ),
    }
    for field, (claimed, message) in evidence.items():
        if claimed and not getattr(contact, field).strip():
            errors[field] = message
    today = _today()
    if contact.trained_on and contact.trained_on > today:
        errors["trained_on"] = _("The training date cannot be in the future.")
    if contact.designated_on and contact.designated_on > today:
        errors["designated_on"] = _("The designation date cannot be in the future.")
    if contact.delegated_by_id is not None:
        delegator = contact.delegated_by
        if contact.kind != ContactKind.COMPETENT_AGENT:
            errors["delegated_by"] = _("Only a competent agent's work can be delegated.")
        elif (
            delegator is None
            or delegator.organisation_id != contact.organisation_id
            or delegator.kind != ContactKind.COMPETENT_AGENT
            or delegator.is_delegate
            or delegator.pk == contact.pk
        ):
            errors["delegated_by"] = _("Choose a competent agent of this organisation.")
    if (
        contact.user_id is not None
        and not contact.user.memberships.filter(  # type: ignore[union-attr]
            organisation_id=contact.organisation_id
        ).exists()
    ):
        errors["user"] = _("Choose an account that belongs to this organisation.")
    if errors:
        raise ValidationError(errors)
    contact.full_clean()


@transaction.atomic
def rights_contact_create(*, actor: User, organisation: Organisation, **fields) -> RightsContact:
    """Record a nominated contact, a competent agent (or delegate) or the most senior person."""
    _require(permissions.can_manage_contacts(actor, organisation))
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    contact = RightsContact(organisation=organisation, **fields)
    _validate_contact(contact)
    contact._history_user = actor  # type: ignore[attr-defined]
    contact.save()
    timeline_record(
        organisation=organisation,
        subject=contact,
        actor=actor,
        kind="rights_contact_recorded",
        data={"kind": contact.kind, "name": contact.name},
    )
    return contact


@transaction.atomic
def rights_contact_update(*, actor: User, contact: RightsContact, **fields) -> RightsContact:
    _require(permissions.can_manage_contacts(actor, contact.organisation_id))
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    contact = RightsContact.objects.select_for_update().get(pk=contact.pk)
    changed = [name for name, value in fields.items() if getattr(contact, name) != value]
    if not changed:
        return contact
    for name, value in fields.items():
        setattr(contact, name, value)
    _validate_contact(contact)
    contact._history_user = actor  # type: ignore[attr-defined]
    contact.save()
    timeline_record(
        organisation=contact.organisation,
        subject=contact,
        actor=actor,
        kind="rights_contact_updated",
        data={"fields": changed},
    )
    return contact


# --- Making a request (s.17(3), s.18(2)) -------------------------------------------------------


def _window_last_day(kind: str, aware_on: date) -> date:
    if kind == RequestKind.EXPLANATION:
        return legal_time.explanation_request_deadline(aware_on)
    return legal_time.reconsideration_request_deadline(aware_on)


def _validate_request_facts(
    *,
    organisation: Organisation,
    kind: str,
    aware_on: date,
    decision_date: date | None,
    ai_system: AISystem | None,
    follows: RightsRequest | None,
    requester: User | None,
    requester_email: str,
    today: date,
) -> None:
    errors: dict[str, str] = {}
    if kind not in RequestKind.values:
        errors["kind"] = _("Choose an explanation or a reconsideration.")
    if aware_on > today:
        errors["aware_on"] = _("The date you became aware cannot be in the future.")
    if decision_date and decision_date > today:
        errors["decision_date"] = _("The date of the decision cannot be in the future.")
    elif decision_date and aware_on < decision_date:
        # A12: awareness is never before the decision itself.
        errors["aware_on"] = _("You cannot have become aware of the decision before it was made.")
    if ai_system is not None and ai_system.organisation_id != organisation.pk:
        errors["ai_system"] = _("Choose an AI system of this employer.")
    if follows is not None and (
        follows.organisation_id != organisation.pk
        or follows.kind != RequestKind.EXPLANATION
        or not _same_person(follows, requester, requester_email)
    ):
        errors["follows"] = _("Choose one of your own explanation requests to this employer.")
    if errors:
        raise ValidationError(errors)


def _same_person(request: RightsRequest, user: User | None, email: str) -> bool:
    if user is not None:
        return request.requester_id == user.pk
    return request.requester_id is None and request.requester_email.lower() == email.lower()


def _new_access_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_sha256(token)


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _make_request(
    *,
    actor: User | None,
    organisation: Organisation,
    kind: str,
    requester: User | None,
    requester_name: str,
    requester_email: str,
    requester_status: str,
    decision: str,
    decision_date: date | None,
    ai_system: AISystem | None,
    aware_on: date,
    request_text: str,
    language: str,
    follows: RightsRequest | None,
    access_token_sha256: str = "",
) -> RightsRequest:
    made_at = timezone.now()
    request_date = legal_time.uk_date(made_at)
    _validate_request_facts(
        organisation=organisation,
        kind=kind,
        aware_on=aware_on,
        decision_date=decision_date,
        ai_system=ai_system,
        follows=follows,
        requester=requester,
        requester_email=requester_email,
        today=request_date,
    )
    window_last_day = _window_last_day(kind, aware_on)
    request = RightsRequest(
        organisation=organisation,
        kind=kind,
        requester=requester,
        requester_name=requester_name,
        requester_email=requester_email,
        requester_status=requester_status,
        access_token_sha256=access_token_sha256,
        decision=decision,
        decision_date=decision_date,
        ai_system=ai_system,
        aware_on=aware_on,
        request_text=request_text,
        language=language,
        follows=follows,
        made_at=made_at,
        request_date=request_date,
        window_last_day=window_last_day,
        # R-EXPL-WINDOW, R-RECON-WINDOW: a late request is flagged and routed, never refused.
        in_primary_window=request_date <= window_last_day,
        due_date=legal_time.response_due(request_date),
    )
    request.full_clean(exclude=["state"])  # protected FSM field: cleaning would reassign it
    request._history_user = actor  # type: ignore[attr-defined]
    request.save()
    timeline_record(
        organisation=organisation,
        subject=request,
        actor=actor,
        kind="request_made",
        to_state=request.state,
        data={
            "request_date": request_date.isoformat(),
            "due_date": request.due_date.isoformat(),
            "in_primary_window": request.in_primary_window,
        },
    )
    transaction.on_commit(lambda: tasks.notify_requester.delay(request.pk, "received"))
    return request


@transaction.atomic
def rights_request_make(
    *,
    actor: User,
    organisation: Organisation,
    kind: str,
    requester_status: str,
    decision: str,
    aware_on: date,
    request_text: str,
    language: str,
    decision_date: date | None = None,
    ai_system: AISystem | None = None,
    follows: RightsRequest | None = None,
) -> RightsRequest:
    """A signed-in worker's written request (s.17(3), s.18(2)); its clocks start now."""
    _require(permissions.can_make_request(actor, organisation))
    return _make_request(
        actor=actor,
        organisation=organisation,
        kind=kind,
        requester=actor,
        requester_name=actor.get_full_name() or actor.username,
        requester_email=actor.email,
        requester_status=requester_status,
        decision=decision,
        decision_date=decision_date,
        ai_system=ai_system,
        aware_on=aware_on,
        request_text=request_text,
        language=language,
        follows=follows,
    )


DRAFT_FIELDS = (
    "requester_name",
    "requester_status",
    "decision",
    "decision_date",
    "ai_system",
    "aware_on",
    "request_text",
    "language",
)
DRAFT_SIGNER_SALT = "rights_requests.draft"
DRAFT_VALID_FOR_SECONDS = 7 * 24 * 60 * 60  # a link's life, not a legal period


@transaction.atomic
def rights_request_draft(
    *,
    organisation: Organisation,
    kind: str,
    email: str,
    requester_name: str,
    requester_status: str,
    decision: str,
    aware_on: date,
    request_text: str,
    language: str,
    decision_date: date | None = None,
    ai_system: AISystem | None = None,
) -> RequestDraft:
    """A request from someone without an account: kept until they confirm their email."""
    _validate_request_facts(
        organisation=organisation,
        kind=kind,
        aware_on=aware_on,
        decision_date=decision_date,
        ai_system=ai_system,
        follows=None,
        requester=None,
        requester_email=email,
        today=_today(),
    )
    draft = RequestDraft.objects.create(
        organisation=organisation,
        kind=kind,
        email=email,
        fields={
            "requester_name": requester_name,
            "requester_status": requester_status,
            "decision": decision,
            "decision_date": decision_date.isoformat() if decision_date else None,
            "ai_system": ai_system.pk if ai_system else None,
            "aware_on": aware_on.isoformat(),
            "request_text": request_text,
            "language": language,
        },
    )
    token = signing.TimestampSigner(salt=DRAFT_SIGNER_SALT).sign(str(draft.pk))
    transaction.on_commit(lambda: tasks.send_draft_confirmation.delay(draft.pk, token))
    return draft


class ConfirmationInvalid(Exception):
    """The confirmation link is broken or has expired."""


@transaction.atomic
def rights_request_confirm(*, token: str) -> tuple[RightsRequest, str]:
    """Confirming the email makes the request: returns it and the private link's token."""
    try:
        draft_pk = signing.TimestampSigner(salt=DRAFT_SIGNER_SALT).unsign(
            token, max_age=DRAFT_VALID_FOR_SECONDS
        )
    except signing.BadSignature as error:
        raise ConfirmationInvalid from error
    draft = (
        RequestDraft.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk=int(draft_pk))
        .first()
    )
    if draft is None or draft.request_id is not None:
        # Confirmed already: the private link was emailed then; never hand it out twice.
        raise ConfirmationInvalid
    fields = draft.fields
    access_token, access_hash = _new_access_token()
    request = _make_request(
        actor=None,
        organisation=draft.organisation,
        kind=draft.kind,
        requester=None,
        requester_name=fields["requester_name"],
        requester_email=draft.email,
        requester_status=fields["requester_status"],
        decision=fields["decision"],
        decision_date=date.fromisoformat(fields["decision_date"])
        if fields["decision_date"]
        else None,
        ai_system=AISystem.objects.filter(
            pk=fields["ai_system"], organisation=draft.organisation
        ).first()
        if fields["ai_system"]
        else None,
        aware_on=date.fromisoformat(fields["aware_on"]),
        request_text=fields["request_text"],
        language=fields["language"],
        follows=None,
        access_token_sha256=access_hash,
    )
    draft.request = request
    draft.save(update_fields=["request"])
    transaction.on_commit(lambda: tasks.send_access_link.delay(request.pk, access_token))
    return request, access_token


def _locked(request: RightsRequest) -> RightsRequest:
    return RightsRequest.objects.select_for_update().get(pk=request.pk)


def _save(request: RightsRequest, actor: User | None) -> None:
    request._history_user = actor  # type: ignore[attr-defined]
    request.save()


def _record(
    request: RightsRequest,
    actor: User | None,
    kind: str,
    *,
    from_state: str = "",
    reason: str = "",
    data: dict | None = None,
) -> None:
    timeline_record(
        organisation=request.organisation,
        subject=request,
        actor=actor,
        kind=kind,
        from_state=from_state,
        to_state=request.state if from_state else "",
        reason=reason,
        data=data,
    )


# --- Handling -----------------------------------------------------------------------------


@transaction.atomic
def rights_request_decide_window(
    *, actor: User, request: RightsRequest, decision: str, reasons: str
) -> RightsRequest:
    """A person decides on a request made after its window: a longer period agreed, just and
    equitable, or not accepted (R-EXPL-WINDOW, R-RECON-WINDOW). Reasons are required."""
    _require(permissions.can_handle_request(actor, request))
    request = _locked(request)
    if request.in_primary_window:
        raise ValidationError(_("This request was made in time: there is nothing to decide."))
    if request.window_decision:
        raise ValidationError(_("The decision on this late request has been recorded already."))
    if not request.is_open:
        raise ValidationError(_("This request is closed."))
    if decision not in WindowDecision.values:
        raise ValidationError({"decision": _("Choose what was decided.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    before = request.state
    request.window_decision = decision
    request.window_decision_reasons = reasons
    request.window_decided_by = actor
    request.window_decided_at = timezone.now()
    if decision == WindowDecision.NOT_ACCEPTED:
        request.refuse_late()
    _save(request, actor)
    _record(
        request,
        actor,
        "late_request_decided",
        from_state=before if request.state != before else "",
        reason=reasons,
        data={"decision": decision},
    )
    if request.state == RequestState.REFUSED:
        transaction.on_commit(lambda: tasks.notify_requester.delay(request.pk, "refused"))
    return request


@transaction.atomic
def rights_request_set_due_date(
    *, actor: User, request: RightsRequest, basis: str, due_date: date | None, evidence: str
) -> RightsRequest:
    """s.17(4), s.18(6): 28 days, or another period agreed or just and equitable, recorded
    with its evidence. Choosing the statutory basis puts back `response_due`."""
    _require(permissions.can_handle_request(actor, request))
    request = _locked(request)
    if not request.is_open:
        raise ValidationError(_("This request is closed."))
    if hasattr(request, "failure"):
        raise ValidationError(
            _("A failure has been recorded for this request: its due date cannot change now.")
        )
    if basis == DueBasis.STATUTORY:
        new_due, evidence = legal_time.response_due(request.request_date), ""
    elif basis in DueBasis.values:
        if due_date is None:
            raise ValidationError({"due_date": _("Enter the agreed date.")})
        if due_date < request.request_date:
            raise ValidationError({"due_date": _("The date cannot be before the request.")})
        if not evidence.strip():
            raise ValidationError(
                {"evidence": _("Record the evidence of the agreement, or the reasons.")}
            )
        new_due = due_date
    else:
        raise ValidationError({"basis": _("Choose how the due date is set.")})
    old_due = request.due_date
    request.due_date, request.due_basis, request.due_basis_evidence = new_due, basis, evidence
    _save(request, actor)
    _record(
        request,
        actor,
        "due_date_set",
        reason=evidence,
        data={"basis": basis, "from": old_due.isoformat(), "to": new_due.isoformat()},
    )
    return request


@transaction.atomic
def rights_request_start(*, actor: User, request: RightsRequest) -> RightsRequest:
    _require(permissions.can_handle_request(actor, request))
    request = _locked(request)
    if request.state != RequestState.RECEIVED:
        raise ValidationError(_("Work on this request has already started."))
    if not can_proceed(request.start):
        raise ValidationError(_("Assign a competent agent first."))
    before = request.state
    request.start()
    _save(request, actor)
    _record(request, actor, "request_started", from_state=before)
    return request


@dataclass(frozen=True)
class AgentChoice:
    """Who may be assigned a reconsideration, and what is wrong with them if anything."""

    contact: RightsContact
    limbs_failed: list[Limb]
    is_default_most_senior: bool

    @property
    def blocked(self) -> bool:
        # AGENT-01/02 block; AGENT-03 (the default most senior person) only warns.
        return bool(self.limbs_failed) and not self.is_default_most_senior


def agent_choices(organisation: Organisation | int) -> list[AgentChoice]:
    """The organisation's competent agents and their delegates; with no nominated agent, the
    most senior person (s.18(3)), with a warning where they fail a limb (AGENT-03)."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    contacts = list(
        current_contacts()
        .filter(
            organisation_id=org_id,
            kind__in=[ContactKind.COMPETENT_AGENT, ContactKind.MOST_SENIOR_PERSON],
        )
        .select_related("user", "delegated_by")
    )
    agents = [c for c in contacts if c.kind == ContactKind.COMPETENT_AGENT]
    nominated = [c for c in agents if not c.is_delegate]
    if nominated:
        return [AgentChoice(c, contact_limbs_failed(c), False) for c in agents]
    seniors = [c for c in contacts if c.kind == ContactKind.MOST_SENIOR_PERSON]
    return [AgentChoice(c, contact_limbs_failed(c), True) for c in seniors[:1]]


@transaction.atomic
def reconsideration_assign(
    *,
    actor: User,
    request: RightsRequest,
    agent: RightsContact,
    original_decision_maker: User | None = None,
) -> list[Limb]:
    """Give a reconsideration to a competent agent (s.18(3), (5), (7)). Refused where the agent
    fails a limb of s.18(5) (a delegate included) or made the original decision; the default
    most senior person is allowed with the failed limbs returned as a warning (AGENT-03)."""
    _require(permissions.can_assign_agent(actor, request))
    request = _locked(request)
    choice = next((c for c in agent_choices(request.organisation_id) if c.contact == agent), None)
    if choice is None:
        raise ValidationError(
            {"agent": _("Choose a competent agent of this employer who is in post.")}
        )
    if choice.blocked:
        missing = ", ".join(str(limb.label) for limb in choice.limbs_failed)
        raise ValidationError(
            {
                "agent": _("This person is not a competent agent (s.18(5)): not %(missing)s.")
                % {"missing": missing}
            }
        )
    if agent.user_id is None:
        raise ValidationError({"agent": _("This person has no Llais account to answer with.")})
    decision_maker = original_decision_maker or request.original_decision_maker
    if decision_maker is not None and decision_maker.pk == agent.user_id:
        raise ValidationError(
            {"agent": _("The person who made the original decision cannot reconsider it.")}
        )
    if (
        decision_maker is not None
        and not decision_maker.memberships.filter(organisation_id=request.organisation_id).exists()
    ):
        raise ValidationError(
            {"original_decision_maker": _("Choose a person of this organisation.")}
        )
    before = request.state
    request.assigned_agent = agent
    request.original_decision_maker = decision_maker
    if request.state == RequestState.RECEIVED:
        request.start()
    _save(request, actor)
    _record(
        request,
        actor,
        "agent_assigned",
        from_state=before if request.state != before else "",
        data={
            "agent": agent.name,
            "delegate": agent.is_delegate,
            "default_most_senior": choice.is_default_most_senior,
            "limbs_failed": [limb.citation for limb in choice.limbs_failed],
        },
    )
    return choice.limbs_failed


# --- The answer ---------------------------------------------------------------------------

CHECKLIST = (
    "readily_understandable",
    "personal",
    "in_writing",
    "accessible_format",
    "free_of_charge",
)


def _welsh_flag(request: RightsRequest, text_language: str) -> bool:
    """R-CY-CORR (CY-01): English output where a worker of a body under the Welsh language
    standards asked for Welsh. Flagged, never a reason for delay."""
    return (
        request.organisation.subject_to_welsh_language_standards
        and request.language == Language.WELSH
        and text_language != Language.WELSH
    )


def _answer(
    *,
    actor: User,
    request: RightsRequest,
    text: str,
    text_language: str,
    **fields: object,
) -> RequestAnswer:
    if not text.strip():
        raise ValidationError({"text": _("Write the answer.")})
    if text_language not in Language.values:
        raise ValidationError({"text_language": _("Say which language the answer is in.")})
    answered_at = timezone.now()
    answer = RequestAnswer(
        request=request,
        text=text,
        text_language=text_language,
        answered_by=actor,
        answered_at=answered_at,
        in_time=legal_time.is_in_time(answered_at, request.due_date),
        english_where_welsh_asked=_welsh_flag(request, text_language),
        **fields,
    )
    answer.content_sha256 = content_sha256(
        {
            "request": request.pk,
            "text": text,
            "text_language": text_language,
            "answered_at": answered_at.isoformat(),
            **{name: str(value) for name, value in fields.items()},
        }
    )
    answer.full_clean(exclude=["request"])
    answer._history_user = actor  # type: ignore[attr-defined]
    answer.save()
    before = request.state
    request.answer = answer
    request.answer_issued()
    _save(request, actor)
    _record(
        request,
        actor,
        "answer_issued",
        from_state=before,
        data={
            "in_time": answer.in_time,
            "sha256": answer.content_sha256,
            "english_where_welsh_asked": answer.english_where_welsh_asked,
            "outcome": answer.outcome,
        },
    )
    if not answer.in_time:
        # Answered after the due date: the failure happened the day after it (s.19(5)),
        # whether or not the daily sweep had already seen it.
        _record_failure(request)
    transaction.on_commit(lambda: tasks.notify_requester.delay(request.pk, "answered"))
    return answer


@transaction.atomic
def explanation_issue(
    *,
    actor: User,
    request: RightsRequest,
    text: str,
    text_language: str,
    readily_understandable: bool,
    personal: bool,
    in_writing: bool,
    accessible_format: bool,
    free_of_charge: bool,
) -> RequestAnswer:
    """Issue a written explanation (s.17(1), (2)), only once every s.17(2) item is confirmed."""
    _require(permissions.can_answer_request(actor, request))
    request = _locked(request)
    if request.kind != RequestKind.EXPLANATION:
        raise ValidationError(_("This is not an explanation request."))
    if not request.is_open or request.state == RequestState.EXEMPTION_CLAIMED:
        raise ValidationError(_("This request cannot be answered in its present state."))
    checks = {
        "readily_understandable": readily_understandable,
        "personal": personal,
        "in_writing": in_writing,
        "accessible_format": accessible_format,
        "free_of_charge": free_of_charge,
    }
    missing = [name for name, done in checks.items() if not done]
    if missing:
        raise ValidationError(
            {
                name: _("Confirm this before the explanation is issued (s.17(2)).")
                for name in missing
            }
        )
    return _answer(actor=actor, request=request, text=text, text_language=text_language, **checks)


@transaction.atomic
def reconsideration_conclude(
    *,
    actor: User,
    request: RightsRequest,
    outcome: str,
    text: str,
    text_language: str,
    what_changed: str = "",
) -> RequestAnswer:
    """The competent agent's personal reconsideration and its written notification (s.18(1),
    (6)): upheld or altered, with what changed. Done and notified at the same instant, which
    must be by the due date (RECON-DUE)."""
    _require(permissions.can_answer_request(actor, request))
    request = _locked(request)
    if request.kind != RequestKind.RECONSIDERATION:
        raise ValidationError(_("This is not a reconsideration request."))
    if not request.is_open or request.state == RequestState.EXEMPTION_CLAIMED:
        raise ValidationError(_("This request cannot be answered in its present state."))
    if outcome not in ReconsiderationOutcome.values:
        raise ValidationError({"outcome": _("Say whether the decision is upheld or altered.")})
    if outcome == ReconsiderationOutcome.ALTERED and not what_changed.strip():
        raise ValidationError({"what_changed": _("Say what changed in the decision.")})
    if outcome == ReconsiderationOutcome.UPHELD:
        what_changed = ""
    return _answer(
        actor=actor,
        request=request,
        text=text,
        text_language=text_language,
        outcome=outcome,
        what_changed=what_changed,
    )


@transaction.atomic
def rights_request_withdraw(
    *, actor: User, request: RightsRequest, reason: str = ""
) -> RightsRequest:
    _require(permissions.can_withdraw_request(actor, request))
    request = _locked(request)
    if not request.is_open:
        raise ValidationError(_("This request is closed."))
    before = request.state
    request.withdrawal_reason = reason
    request.withdraw()
    _save(request, actor)
    _record(request, actor, "request_withdrawn", from_state=before, reason=reason)
    return request


# --- Exemptions (s.17(5)-(7), s.18(8)-(10)): the employer decides, Llais never does ------------


@transaction.atomic
def exemption_claim(
    *,
    actor: User,
    request: RightsRequest,
    ground: str,
    reasons: str,
    relies_on: RightsRequest | None = None,
) -> ExemptionClaim:
    """The employer claims an exemption, with reasons. A claim that relies on an earlier request
    needs one the employer has already properly reconsidered for the same person (DUP-07,
    EXPL-EXEMPT-02); a duplicate must fall inside the look-back on at least one reading (A6)."""
    _require(permissions.can_handle_request(actor, request))
    request = _locked(request)
    if request.state not in (RequestState.RECEIVED, RequestState.IN_PROGRESS):
        raise ValidationError(_("An exemption can be claimed only while a request is open."))
    if ground not in GROUNDS_FOR_KIND[RequestKind(request.kind)]:
        raise ValidationError({"ground": _("Choose a ground that applies to this request.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the employer's reasons.")})
    if ground in GROUNDS_RELYING_ON_A_RECONSIDERATION:
        candidates = selectors.reconsidered_requests_of_requester(request)
        if relies_on is None or relies_on not in candidates:
            raise ValidationError(
                {
                    "relies_on": _(
                        "Choose the earlier request of this person that was properly reconsidered."
                    )
                }
            )
        if ground != ExemptionGround.EXPL_ALREADY_RECONSIDERED:
            lookback = selectors.lookback_for(relies_on, request)
            if not (lookback.inside_default or lookback.inside_employer_reading):
                raise ValidationError(
                    {"relies_on": _("That request is not within the last 3 months on any reading.")}
                )
    else:
        relies_on = None
    claim = ExemptionClaim(
        request=request,
        ground=ground,
        reasons=reasons,
        relies_on=relies_on,
        claimed_by=actor,
        claimed_at=timezone.now(),
    )
    claim._history_user = actor  # type: ignore[attr-defined]
    claim.save()
    before = request.state
    request.claim_exemption()
    _save(request, actor)
    _record(
        request,
        actor,
        "exemption_claimed",
        from_state=before,
        reason=reasons,
        data={"ground": ground, "relies_on": relies_on.pk if relies_on else None},
    )
    return claim


@transaction.atomic
def exemption_decide(
    *, actor: User, claim: ExemptionClaim, decision: str, reasons: str
) -> ExemptionClaim:
    """The employer's decision on its own claim, with reasons. If it applies, the request is
    refused and the worker is told why; if not, work on the request carries on."""
    request = claim.request
    _require(permissions.can_handle_request(actor, request))
    request = _locked(request)
    claim = ExemptionClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.decision or request.state != RequestState.EXEMPTION_CLAIMED:
        raise ValidationError(_("This claim has been decided already."))
    if decision not in ExemptionDecision.values:
        raise ValidationError({"decision": _("Choose whether the exemption applies.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    claim.decision, claim.decision_reasons = decision, reasons
    claim.decided_by, claim.decided_at = actor, timezone.now()
    claim._history_user = actor  # type: ignore[attr-defined]
    claim.save()
    before = request.state
    if decision == ExemptionDecision.APPLIES:
        request.exemption_applies()
    else:
        request.exemption_rejected()
    _save(request, actor)
    _record(
        request,
        actor,
        "exemption_decided",
        from_state=before,
        reason=reasons,
        data={"ground": claim.ground, "decision": decision},
    )
    if request.state == RequestState.REFUSED:
        transaction.on_commit(lambda: tasks.notify_requester.delay(request.pk, "refused"))
    return claim


# --- Failures and the tribunal clock (s.19) -----------------------------------------------


def _record_failure(request: RightsRequest) -> ComplianceFailure | None:
    """Record the s.19(5) failure for a request whose due date passed without compliance.
    Idempotent: a request has at most one failure."""
    failure_on = legal_time.failure_date(request.due_date)
    limit = legal_time.limitation(failure_on)
    failure, created = ComplianceFailure.objects.get_or_create(
        request=request,
        defaults={
            "last_compliance_date": request.due_date,
            "failure_date": failure_on,
            "file_by": limit.file_by,
            "out_of_time_after": limit.out_of_time_after,
        },
    )
    if not created:
        return None
    _record(
        request,
        None,
        "compliance_failure_recorded",
        data={
            "failure_date": failure_on.isoformat(),
            "file_by": limit.file_by.isoformat(),
            "out_of_time_after": limit.out_of_time_after.isoformat(),
        },
    )
    # The same notice the nightly sweep gives (rights_requests.sweeps), once whoever sends it.
    notification_create(
        subject=request,
        organisation_id=request.organisation_id,
        kind="answer_overdue",
        threshold=Notification.OVERDUE,
        due_date=request.due_date,
        recipient=request.requester,
        email=request.requester_email,
        language=request.language,
    )
    return failure


@transaction.atomic
def failure_record_early_conciliation(
    *,
    actor: User | None,
    failure: ComplianceFailure,
    day_a: date | None,
    day_b: date | None,
    access_token: str = "",
) -> ComplianceFailure:
    """The worker records ACAS early conciliation (s.19(4), ERA s.207B): Day A and Day B give
    the extended dates, kept beside the unextended ones (A14)."""
    request = failure.request
    _require(_is_requester(actor, request, access_token))
    failure = ComplianceFailure.objects.select_for_update().get(pk=failure.pk)
    if (day_a is None) != (day_b is None):
        raise ValidationError(_("Enter both Day A and Day B, or neither."))
    today = _today()
    if day_b is not None and day_b > today:
        raise ValidationError({"day_b": _("Day B cannot be in the future.")})
    if day_a is not None and day_b is not None and day_b < day_a:
        raise ValidationError({"day_b": _("Day B cannot be before Day A.")})
    extended = legal_time.limitation(failure.failure_date).with_early_conciliation(day_a, day_b)
    failure.day_a, failure.day_b = day_a, day_b
    failure.extended_file_by = extended.file_by if day_a else None
    failure.extended_out_of_time_after = extended.out_of_time_after if day_a else None
    failure._history_user = actor  # type: ignore[attr-defined]
    failure.save()
    _record(
        request,
        actor,
        "early_conciliation_recorded",
        data={
            "day_a": day_a.isoformat() if day_a else None,
            "day_b": day_b.isoformat() if day_b else None,
        },
    )
    return failure


def _is_requester(actor: User | None, request: RightsRequest, access_token: str) -> bool:
    if actor is not None and actor.is_authenticated:
        return permissions.is_requester(actor, request)
    return (
        bool(access_token)
        and bool(request.access_token_sha256)
        and (secrets.compare_digest(token_sha256(access_token), request.access_token_sha256))
    )


# --- Sharing with a union representative --------------------------------------------------


@transaction.atomic
def rights_request_share(
    *, actor: User, request: RightsRequest, representative: User, share: bool = True
) -> None:
    """The worker shares their request with a union representative of the employer (or stops)."""
    _require(permissions.can_share_request(actor, request))
    if share and not has_role(representative, request.organisation_id, Role.UNION_REPRESENTATIVE):
        raise ValidationError(
            {"representative": _("Choose a union representative of this employer.")}
        )
    already = request.shared_with.filter(pk=representative.pk).exists()
    if share == already:
        return
    if share:
        request.shared_with.add(representative)
    else:
        request.shared_with.remove(representative)
    _record(
        request,
        actor,
        "request_shared" if share else "request_unshared",
        data={"representative": representative.get_full_name() or representative.username},
    )

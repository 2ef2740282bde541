"""Handling a request: a late request decided, the due date set, work started, a request
withdrawn."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from core import legal_time
from core.history import save_with_actor
from core.models import User
from core.permissions import require
from core.services import notification_create
from core.uploads import check_upload
from rights_requests import events, permissions
from rights_requests.models import (
    DueBasis,
    ExtensionState,
    RequestState,
    RightsRequest,
    WindowDecision,
)
from rights_requests.services._common import _locked, _record


@transaction.atomic
def rights_request_decide_window(
    *, actor: User, request: RightsRequest, decision: str, reasons: str
) -> RightsRequest:
    """A person decides on a request made after its window: a longer period agreed, just and
    equitable, or not accepted (R-EXPL-WINDOW, R-RECON-WINDOW). Reasons are required."""
    request = _locked(request)
    require(permissions.can_handle_request(actor, request))
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
    save_with_actor(request, actor)
    event = _record(
        request,
        actor,
        "late_request_decided",
        from_state=before if request.state != before else "",
        reason=reasons,
        data={"decision": decision},
    )
    if request.state == RequestState.REFUSED:
        events.tell_requester(request, event, events.REQUEST_REFUSED)
    return request


EXTENSION_PROPOSED = "extension_proposed"
EXTENSION_RECORDED = "extension_recorded"


def _tell_worker(request: RightsRequest, kind: str, day: date) -> None:
    """The worker hears of an agreed period either way: asked to confirm it, or told it was
    recorded on their written agreement (once per request, kind and date)."""
    notification_create(
        subject=request,
        organisation_id=request.organisation_id,
        kind=kind,
        threshold=0,
        due_date=day,
        recipient=request.requester,
        email=request.requester_email,
        language=request.language,
    )


@transaction.atomic
def rights_request_set_due_date(
    *,
    actor: User,
    request: RightsRequest,
    basis: str,
    due_date: date | None,
    evidence: str,
    agreement: UploadedFile[bytes] | None = None,
) -> RightsRequest:
    """s.17(4), s.18(6): 28 days, or another period agreed or just and equitable, recorded
    with its evidence. Choosing the statutory basis puts back `response_due`.

    An agreed period is the worker's agreement, not the handler's word: it is proposed to the
    worker, who confirms or declines it in Llais (`rights_request_extension_answer`), and the
    due date moves only then; or staff attach the worker's written agreement, and it moves now.
    The worker is told either way."""
    request = _locked(request)
    require(permissions.can_handle_request(actor, request))
    if not request.is_open:
        raise ValidationError(_("This request is closed."))
    if hasattr(request, "failure"):
        raise ValidationError(
            _("A failure has been recorded for this request: its due date cannot change now.")
        )
    old_due, old_state = request.due_date, request.extension_state
    if basis == DueBasis.STATUTORY:
        new_due, evidence = legal_time.response_due(request.request_date), ""
        request.extension_proposed_due, request.extension_state = None, ""
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
        if basis == DueBasis.AGREED:
            if agreement is not None:
                try:
                    check_upload(agreement)  # by content, before anything is stored
                except ValidationError as error:
                    raise ValidationError({"agreement": " ".join(error.messages)}) from error
                request.extension_agreement = agreement  # stored on save
                request.extension_state = ExtensionState.WRITTEN_AGREEMENT
                request.extension_proposed_due = due_date
            elif request.requester_id is None:
                raise ValidationError(
                    {
                        "agreement": _(
                            "This person has no Llais account to confirm the date: attach their "
                            "written agreement."
                        )
                    }
                )
            else:
                # Proposed only: the statutory date stands until the worker confirms.
                request.extension_state = ExtensionState.AWAITING_WORKER
                request.extension_proposed_due = due_date
                request.due_basis_evidence = evidence
                save_with_actor(request, actor)
                _record(
                    request,
                    actor,
                    "extension_proposed",
                    reason=evidence,
                    data={"to": due_date.isoformat()},
                )
                _tell_worker(request, EXTENSION_PROPOSED, due_date)
                return request
        else:
            request.extension_proposed_due, request.extension_state = None, ""
    else:
        raise ValidationError({"basis": _("Choose how the due date is set.")})
    if (
        new_due != old_due
        and basis == request.due_basis
        and evidence == request.due_basis_evidence
        and request.extension_state == old_state
    ):
        # The database refuses a date moved without what it rests on (ADR 0010).
        raise ValidationError({"evidence": _("Record the evidence or reasons for the new date.")})
    request.due_date, request.due_basis, request.due_basis_evidence = new_due, basis, evidence
    save_with_actor(request, actor)
    _record(
        request,
        actor,
        "due_date_set",
        reason=evidence,
        data={"basis": basis, "from": old_due.isoformat(), "to": new_due.isoformat()},
    )
    if request.extension_state == ExtensionState.WRITTEN_AGREEMENT and basis == DueBasis.AGREED:
        _tell_worker(request, EXTENSION_RECORDED, new_due)
    return request


@transaction.atomic
def rights_request_extension_answer(
    *, actor: User, request: RightsRequest, agree: bool
) -> RightsRequest:
    """The worker confirms or declines the agreed date proposed to them. Confirmed, it becomes
    the due date; declined, the statutory date stands."""
    request = _locked(request)
    require(permissions.can_answer_extension(actor, request))
    if request.extension_state != ExtensionState.AWAITING_WORKER:
        raise ValidationError(_("There is no proposed date waiting for your answer."))
    if hasattr(request, "failure"):
        raise ValidationError(
            _("A failure has been recorded for this request: its due date cannot change now.")
        )
    proposed = request.extension_proposed_due
    assert proposed is not None
    old_due = request.due_date
    if agree:
        request.due_date, request.due_basis = proposed, DueBasis.AGREED
        request.extension_state = ExtensionState.CONFIRMED
    else:
        request.extension_state = ExtensionState.DECLINED
    save_with_actor(request, actor)
    _record(
        request,
        actor,
        "extension_confirmed" if agree else "extension_declined",
        data={"from": old_due.isoformat(), "to": request.due_date.isoformat()},
    )
    return request


@transaction.atomic
def rights_request_start(*, actor: User, request: RightsRequest) -> RightsRequest:
    request = _locked(request)
    require(permissions.can_handle_request(actor, request))
    if request.state != RequestState.RECEIVED:
        raise ValidationError(_("Work on this request has already started."))
    if not can_proceed(request.start):
        raise ValidationError(_("Assign a competent agent first."))
    before = request.state
    request.start()
    request.claimed_by = actor
    save_with_actor(request, actor)
    _record(request, actor, "request_started", from_state=before)
    return request


@transaction.atomic
def rights_request_withdraw(
    *, actor: User, request: RightsRequest, reason: str = ""
) -> RightsRequest:
    request = _locked(request)
    require(permissions.can_withdraw_request(actor, request))
    if not request.is_open:
        raise ValidationError(_("This request is closed."))
    before = request.state
    request.withdrawal_reason = reason
    request.withdraw()
    save_with_actor(request, actor)
    _record(request, actor, "request_withdrawn", from_state=before, reason=reason)
    return request

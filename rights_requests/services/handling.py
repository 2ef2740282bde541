"""Handling a request: a late request decided, the due date set, work started, a request
withdrawn."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from core import legal_time
from core.history import save_with_actor
from core.models import User
from core.permissions import require
from rights_requests import permissions, tasks
from rights_requests.models import DueBasis, RequestState, RightsRequest, WindowDecision
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
    request = _locked(request)
    require(permissions.can_handle_request(actor, request))
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
    save_with_actor(request, actor)
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

"""Making a request (s.17(3), s.18(2)): its window, its facts checked, its clocks started."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import legal_time
from core.history import save_with_actor
from core.models import Organisation, User
from core.permissions import require
from core.services import timeline_record
from registers.models import AISystem
from rights_requests import permissions, tasks
from rights_requests.models import RequestKind, RightsRequest
from rights_requests.references import next_reference


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


def _next_reference(organisation: Organisation, kind: str, request_date: date) -> str:
    """The next free reference of this kind this year, e.g. EXP-2026-0042. The organisation's row
    is locked so two requests made at once take turns and never share a number."""
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    return next_reference(
        kind,
        request_date.year,
        RightsRequest.objects.filter(organisation=organisation).values_list("reference", flat=True),
    )


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
        reference=_next_reference(organisation, kind, request_date),
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
    save_with_actor(request, actor)
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
    require(permissions.can_make_request(actor, organisation))
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

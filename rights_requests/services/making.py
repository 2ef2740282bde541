"""Making a request (s.17(3), s.18(2)): its window, its facts checked, its clocks started."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import legal_time
from core.clock import uk_today
from core.extensions import rights_request_made
from core.history import save_with_actor
from core.models import Organisation, User
from core.permissions import require
from core.services import timeline_record
from core.uploads import check_upload
from registers.models import AISystem
from rights_requests import events, permissions, tasks
from rights_requests.models import ReceivedBy, RequestKind, RightsRequest
from rights_requests.references import next_reference


def start_of_uk_day(day: date) -> datetime:
    """The first instant of a UK calendar day: the moment a request received that day is taken
    to be made when only its date is known (so any answer that day counts as after it)."""
    return datetime.combine(day, time.min, tzinfo=legal_time.UK)


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
    made_at: datetime | None = None,
    received_by: str = ReceivedBy.LLAIS,
    received_copy: UploadedFile[bytes] | None = None,
) -> RightsRequest:
    """`made_at` is when the request was made: now, or earlier for a request submitted before
    its email was confirmed or received by another channel before staff logged it."""
    made_at = made_at or timezone.now()
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
        received_by=received_by,
        request_date=request_date,
        window_last_day=window_last_day,
        # R-EXPL-WINDOW, R-RECON-WINDOW: a late request is flagged and routed, never refused.
        in_primary_window=request_date <= window_last_day,
        due_date=legal_time.response_due(request_date),
    )
    if received_copy is not None:
        request.received_copy = received_copy  # stored on save
    # The protected FSM field: cleaning would reassign it.
    request.full_clean(exclude=["state", "received_copy"])
    save_with_actor(request, actor)
    event = timeline_record(
        organisation=organisation,
        subject=request,
        actor=actor,
        kind="request_made",
        to_state=request.state,
        data={
            "request_date": request_date.isoformat(),
            "due_date": request.due_date.isoformat(),
            "in_primary_window": request.in_primary_window,
            "received_by": received_by,
        },
    )
    events.tell_handlers(request, event)
    rights_request_made(request)
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


LOGGED_CHANNELS = (ReceivedBy.LETTER, ReceivedBy.EMAIL, ReceivedBy.IN_PERSON)


@transaction.atomic
def rights_request_log_received(
    *,
    actor: User,
    organisation: Organisation,
    kind: str,
    received_by: str,
    received_on: date,
    received_copy: UploadedFile[bytes],
    requester_name: str,
    requester_email: str,
    requester_status: str,
    decision: str,
    aware_on: date,
    request_text: str,
    language: str,
    decision_date: date | None = None,
    ai_system: AISystem | None = None,
) -> tuple[RightsRequest, str]:
    """Staff log a request that reached the employer by letter, email or in person (A22), with
    the date it was received and a copy of it: its clocks run from that date. The person is
    emailed a private link to follow it; returns the request and that link's token."""
    require(permissions.can_log_request(actor, organisation, kind))
    today = uk_today()
    errors: dict[str, str] = {}
    if received_by not in LOGGED_CHANNELS:
        errors["received_by"] = _("Choose how the request was received.")
    if received_on > today:
        errors["received_on"] = _("The date received cannot be in the future.")
    elif decision_date is not None and received_on < decision_date:
        errors["received_on"] = _("The date received cannot be before the date of the decision.")
    elif aware_on > received_on:
        errors["aware_on"] = _(
            "The date they became aware cannot be after the date the request was received."
        )
    try:
        check_upload(received_copy)  # by content, before anything is stored
    except ValidationError as error:
        errors["received_copy"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    access_token, access_hash = _new_access_token()
    request = _make_request(
        actor=actor,
        organisation=organisation,
        kind=kind,
        requester=None,
        requester_name=requester_name,
        requester_email=requester_email,
        requester_status=requester_status,
        decision=decision,
        decision_date=decision_date,
        ai_system=ai_system,
        aware_on=aware_on,
        request_text=request_text,
        language=language,
        follows=None,
        access_token_sha256=access_hash,
        # Only the day is known: taken as made at its first instant, so an answer given that
        # day is never "before" it (read in the worker's favour).
        made_at=start_of_uk_day(received_on) if received_on < today else None,
        received_by=received_by,
        received_copy=received_copy,
    )
    transaction.on_commit(lambda: tasks.send_access_link.delay(request.pk, access_token))
    return request, access_token

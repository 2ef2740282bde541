"""A request from someone without an account: a draft kept until they confirm their email,
then a private link to follow it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.core import signing
from django.db import transaction

from core.clock import uk_today
from core.models import Organisation
from registers.models import AISystem
from rights_requests import tasks
from rights_requests.models import RequestDraft, RightsRequest
from rights_requests.services.making import (
    _make_request,
    _new_access_token,
    _validate_request_facts,
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


class ConfirmationsLimited(Exception):
    """Too many confirmation emails to one address: nothing is written and no email is sent."""

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(retry_after_seconds)
        self.retry_after_seconds = retry_after_seconds


# Called once the request's facts are valid and before anything is written: counts this
# confirmation email to the address and returns None, or the seconds until another may be sent.
ConfirmationCounter = Callable[[str], int | None]


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
    count_confirmation: ConfirmationCounter | None = None,
) -> RequestDraft:
    """A request from someone without an account: kept until they confirm their email.

    `count_confirmation(email)` is the limit on confirmation emails to one address (the public
    form passes one): past it, ConfirmationsLimited and no draft, no email."""
    _validate_request_facts(
        organisation=organisation,
        kind=kind,
        aware_on=aware_on,
        decision_date=decision_date,
        ai_system=ai_system,
        follows=None,
        requester=None,
        requester_email=email,
        today=uk_today(),
    )
    if count_confirmation is not None:
        retry_after = count_confirmation(email)
        if retry_after is not None:
            raise ConfirmationsLimited(retry_after)
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
        # Made when it was submitted, not when the email was confirmed: the worker's clocks and
        # window are not shortened by the time the link took to open (ADR 0005, as revised).
        made_at=draft.created_at,
    )
    draft.request = request
    draft.save(update_fields=["request"])
    transaction.on_commit(lambda: tasks.send_access_link.delay(request.pk, access_token))
    return request, access_token

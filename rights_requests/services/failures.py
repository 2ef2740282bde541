"""Failures and the tribunal clock (s.19): the failure recorded once, and the worker's ACAS early
conciliation dates."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import legal_time
from core.clock import uk_today
from core.history import save_with_actor
from core.models import Notification, User
from core.permissions import require
from core.services import notification_create
from rights_requests import permissions
from rights_requests.models import ComplianceFailure, RightsRequest
from rights_requests.services._common import _record
from rights_requests.services.making import token_sha256


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
    failure = ComplianceFailure.objects.select_for_update().get(pk=failure.pk)
    require(_is_requester(actor, request, access_token))
    if (day_a is None) != (day_b is None):
        raise ValidationError(_("Enter both Day A and Day B, or neither."))
    today = uk_today()
    if day_b is not None and day_b > today:
        raise ValidationError({"day_b": _("Day B cannot be in the future.")})
    if day_a is not None and day_b is not None and day_b < day_a:
        raise ValidationError({"day_b": _("Day B cannot be before Day A.")})
    extended = legal_time.limitation(failure.failure_date).with_early_conciliation(day_a, day_b)
    failure.day_a, failure.day_b = day_a, day_b
    failure.extended_file_by = extended.file_by if day_a else None
    failure.extended_out_of_time_after = extended.out_of_time_after if day_a else None
    save_with_actor(failure, actor)
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

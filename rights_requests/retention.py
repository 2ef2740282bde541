"""The retention sweep for rights requests (docs/retention.md).

A closed request is evidence for a s.19 claim until the last day such a claim could be in time,
plus a margin (core.services.retention). From the next day the personal data in it goes: the
requester's name, email address and account link, the private link's hash, everything written
in words about the person (the decision they described, their request, the answer, the
employer's reasons), and the notifications that told them. The facts stay (kinds, dates,
states, outcomes, the answer's checklist and content hash, the failure and its tribunal dates),
so the counts, the WAIRA's s.14(5)(b) figure and the registers still add up. The timeline says
that it happened and on which date, and names nobody.
"""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery

from core import legal_time
from core.extensions import SweepResult, register_sweep_step
from core.models import Notification, SweepRun, TimelineEvent
from core.services.retention import personal_data_removal_date, scrub
from core.tasks import seal_timeline
from rights_requests.models import (
    OPEN_STATES,
    ExemptionClaim,
    RequestAnswer,
    RequestDraft,
    RightsRequest,
)

SWEEP = "retention"
EVENT = "personal_data_removed"
# No request whose due date is later than this many months ago can be due for removal: the
# earliest removal date is about 13 months and 6 weeks after the day after the due date.
# The bound only keeps the candidates few; the date itself comes from the rule.
CANDIDATE_MONTHS = 13

REQUEST_FIELDS = {
    "requester": None,
    "requester_name": "",
    "requester_email": "",
    "access_token_sha256": "",
    "decision": "",
    "request_text": "",
    "withdrawal_reason": "",
    "window_decision_reasons": "",
    "due_basis_evidence": "",
    # The copy of a letter or note as received, and the worker's written agreement: their files
    # are deleted first (below), then the names.
    "received_copy": "",
    "extension_agreement": "",
}
ANSWER_FIELDS = {"text": "", "what_changed": ""}
EXEMPTION_FIELDS = {"reasons": "", "decision_reasons": ""}


def failure_dates(request: RightsRequest) -> list[date]:
    """Every failure date the request's evidence could bear on: the day after its due date (a
    miss), the failure recorded, and the day the answer was issued (a claim that the answer
    itself fell short of s.17(2) or s.18(6) cannot count from earlier)."""
    dates = [legal_time.failure_date(request.due_date)]
    failure = getattr(request, "failure", None)
    if failure is not None:
        dates.append(failure.failure_date)
    answer = getattr(request, "answer", None)
    if answer is not None:
        dates.append(legal_time.uk_date(answer.answered_at))
    return dates


def removal_date(request: RightsRequest) -> date:
    failure = getattr(request, "failure", None)
    return personal_data_removal_date(
        failure_dates(request),
        day_a=failure.day_a if failure else None,
        day_b=failure.day_b if failure else None,
    )


def _candidates(today: date) -> QuerySet[RightsRequest]:
    return (
        RightsRequest.objects.filter(
            personal_data_removed_on__isnull=True,
            due_date__lte=legal_time.add_months(today, -CANDIDATE_MONTHS),
        )
        .exclude(state__in=OPEN_STATES)
        .select_related("failure", "answer")
        .order_by("id")
    )


@register_sweep_step(SWEEP, order=10)
def rights_requests_personal_data(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """Remove the personal data of every closed request whose removal date has come."""
    due: dict[int, tuple[int, date]] = {}
    for request in _candidates(today):
        on = removal_date(request)
        if on <= today:
            due[request.pk] = (request.organisation_id, on)
    if not due:
        return SweepResult()
    ids = list(due)
    content_type = ContentType.objects.get_for_model(RightsRequest)
    # Before the requester link goes: the rows that name the worker through it.
    requester = Subquery(
        RightsRequest.objects.filter(pk=OuterRef("object_id")).values("requester_id")[:1]
    )
    events = TimelineEvent.objects.filter(content_type=content_type, object_id__in=ids)
    events.filter(actor_id=requester).update(actor=None)
    events.exclude(reason="").update(reason="")
    Notification.objects.filter(content_type=content_type, object_id__in=ids).filter(
        Q(recipient__isnull=True) | Q(recipient_id=requester)
    ).delete()
    history = RightsRequest.history.model.objects
    history.filter(
        id__in=ids,
        history_user_id=Subquery(
            RightsRequest.objects.filter(pk=OuterRef("id")).values("requester_id")[:1]
        ),
    ).update(history_user=None)
    RequestDraft.objects.filter(request_id__in=ids).delete()
    for stored in RightsRequest.objects.filter(pk__in=ids).exclude(
        received_copy="", extension_agreement=""
    ):
        for upload in (stored.received_copy, stored.extension_agreement):
            if upload:
                upload.delete(save=False)
    scrub(RequestAnswer, ids, ANSWER_FIELDS, key="request_id")
    scrub(ExemptionClaim, ids, EXEMPTION_FIELDS, key="request_id")
    scrub(RightsRequest, ids, {**REQUEST_FIELDS, "personal_data_removed_on": today})
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            organisation_id=organisation,
            content_type=content_type,
            object_id=pk,
            actor=None,
            kind=EVENT,
            data={
                "removed_on": today.isoformat(),
                "kept_until": legal_time.add_days(on, -1).isoformat(),
            },
        )
        for pk, (organisation, on) in due.items()
    )
    sealed = sorted({organisation for organisation, _on in due.values()})
    transaction.on_commit(lambda: seal_timeline.delay(sealed))
    return SweepResult(items_found=len(ids))


def unconfirmed_draft_removal_date(created_on: date) -> date:
    """A request typed without an account whose email address was never confirmed never reached
    the employer, but the person may say they asked: it is kept as a request made that day would
    be, until no claim about its 28 days could be in time (plus the margin)."""
    return personal_data_removal_date(
        [legal_time.failure_date(legal_time.response_due(created_on))]
    )


@register_sweep_step(SWEEP, order=15)
def unconfirmed_drafts(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """Delete the unconfirmed drafts whose removal date has come (they name a person and say
    what they asked, and no request was ever made from them)."""
    stale = [
        draft.pk
        for draft in RequestDraft.objects.filter(
            request__isnull=True,
            created_at__lte=legal_time.end_of_uk_day(
                legal_time.add_months(today, -CANDIDATE_MONTHS)
            ),
        ).only("pk", "created_at")
        if unconfirmed_draft_removal_date(legal_time.uk_date(draft.created_at)) <= today
    ]
    if stale:
        RequestDraft.objects.filter(pk__in=stale).delete()
    return SweepResult(items_found=len(stale))


__all__ = ["removal_date", "rights_requests_personal_data", "unconfirmed_drafts"]

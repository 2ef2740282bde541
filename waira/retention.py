"""The retention sweep for the concerns raised in a WAIRA's consultation (docs/retention.md).

A completed WAIRA's consultation record is evidence while the WAIRA governs the system's use and
for as long afterwards as a claim about that time could be in time: the latest failure it could
bear on is the later of the day after its next WAIRA and its next consultation fell due
(s.14(4), s.15(4)) and the day it stopped governing (a later WAIRA completed, or the system's use
ended). A WAIRA that still governs a system in use is never chosen. From the removal date
(core.services.retention) the personal data in each concern goes: who raised it, what they
wrote and the employer's answer (which answers them, and may quote them). The facts stay: that a
concern was raised, on which day, whether it was anonymous and when it was answered, so the
consultation's shape and its counts still show what was done. The database triggers that keep a
completed WAIRA unchanged let exactly this change through (migration 0004).
"""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Min, OuterRef, Q, Subquery

from core import legal_time
from core.extensions import SweepResult, register_sweep_step
from core.models import SweepRun, TimelineEvent
from core.services.retention import personal_data_removal_date, scrub
from core.tasks import seal_timeline
from waira.models import Concern, Waira, WairaState

SWEEP = "retention"
EVENT = "concern_personal_data_removed"
CONCERN_FIELDS = {"raised_by": None, "text": "", "response": ""}


def failure_dates(waira: Waira, *, stopped_governing: date) -> list[date]:
    """Every failure date the WAIRA's consultation could be evidence of."""
    assert waira.completed_on is not None
    dates = [
        legal_time.failure_date(legal_time.next_review_due(waira.completed_on)),
        stopped_governing,
    ]
    if waira.concluded_on is not None:
        dates.append(legal_time.failure_date(legal_time.next_review_due(waira.concluded_on)))
    return dates


def removal_date(waira: Waira, *, stopped_governing: date) -> date:
    return personal_data_removal_date(failure_dates(waira, stopped_governing=stopped_governing))


def _candidates() -> list[tuple[Waira, date]]:
    """Completed WAIRAs with personal data left in their concerns, each with the day it stopped
    governing the system's use; those that still govern it are left out."""
    superseded_on = Subquery(
        Waira.objects.filter(
            system_id=OuterRef("system_id"),
            state=WairaState.COMPLETED,
            version__gt=OuterRef("version"),
        )
        .order_by()
        .values("system_id")
        .annotate(first=Min("completed_on"))
        .values("first")[:1]
    )
    wairas = (
        Waira.objects.filter(
            state=WairaState.COMPLETED,
            concerns__personal_data_removed_on__isnull=True,
        )
        .annotate(superseded_on=superseded_on)
        .filter(Q(superseded_on__isnull=False) | Q(system__end_of_use__isnull=False))
        .select_related("system")
        .distinct()
        .order_by("id")
    )
    found: list[tuple[Waira, date]] = []
    for waira in wairas:
        superseded: date | None = waira.superseded_on
        ends = [d for d in (superseded, waira.system.end_of_use) if d is not None]
        found.append((waira, min(ends)))
    return found


@register_sweep_step(SWEEP, order=20)
def waira_concern_personal_data(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """Remove the personal data of the concerns on every WAIRA whose removal date has come."""
    due: dict[int, tuple[int, date]] = {}
    for waira, stopped_governing in _candidates():
        on = removal_date(waira, stopped_governing=stopped_governing)
        if on <= today:
            due[waira.pk] = (waira.organisation_id, on)
    if not due:
        return SweepResult()
    concerns = Concern.objects.filter(waira_id__in=due, personal_data_removed_on__isnull=True)
    raised_by = dict(concerns.values_list("pk", "raised_by_id"))
    # Before the link goes: the timeline rows that name the worker who raised a concern (an
    # anonymous concern's never did).
    waira_type = ContentType.objects.get_for_model(Waira)
    naming = [
        event.pk
        for event in TimelineEvent.objects.filter(
            content_type=waira_type, object_id__in=due, kind="concern_raised", actor__isnull=False
        )
        if event.actor_id == raised_by.get(int((event.data or {}).get("concern", 0)))
    ]
    TimelineEvent.objects.filter(pk__in=naming).update(actor=None)
    concern_ids = list(raised_by)
    scrub(Concern, concern_ids, {**CONCERN_FIELDS, "personal_data_removed_on": today})
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            organisation_id=organisation,
            content_type=waira_type,
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
    # Written in bulk, so sealed into each organisation's hash chain after the commit.
    sealed = sorted({organisation for organisation, _on in due.values()})
    transaction.on_commit(lambda: seal_timeline.delay(sealed))
    return SweepResult(items_found=len(concern_ids))


__all__ = ["removal_date", "waira_concern_personal_data"]

"""The failure sweep: every duty's missed clock becomes one Failure the day after (R-ET-FAILDATE),
and those who can claim or act hear 60, 30, 14 and 7 days before the safe date to file
(R-ET-LIMIT). Both steps are idempotent: `Failure.source_key` is unique and a notification is
unique per object, kind, threshold, due date and person (docs/adr/0009-one-failure-record.md).

The duty apps store their due dates; this sweep reads them through their selectors and never
computes a due date itself. Each step is a bounded number of queries whatever the number of
systems: candidates are read in a few queries, written in one INSERT ... ON CONFLICT DO NOTHING.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from accountability.models import Basis, Failure, Obligation
from core import legal_time
from core.extensions import (
    NotificationKind,
    SweepResult,
    register_notification_kind,
    register_sweep_step,
    system_representatives,
)
from core.models import Membership, Notification, SweepRun, TimelineEvent, User
from core.roles import Role
from core.services import history_record_created, notifications_add
from core.tasks import seal_timeline
from registers import cache as register_cache
from registers import selectors as register_selectors
from registers.models import AISystem, DueRule
from rights_requests import selectors as rights_selectors
from rights_requests.models import RequestKind
from waira import selectors as waira_selectors

SWEEP = "accountability"
# R-ET-LIMIT: reminders this many days before the safe date to file (`limitation_safe`).
TRIBUNAL_DAYS = (60, 30, 14, 7)

FAILURE_OPENED = "failure_opened"
FAILURE_TRIBUNAL_LIMIT = "failure_tribunal_limit"


def _failure_url(failure: Failure, notification: Notification) -> str:
    if notification.recipient_id is None:
        return ""  # someone without an account follows their request by its private link
    return reverse("accountability:failure_detail", args=[failure.pk])


for _kind in (FAILURE_OPENED, FAILURE_TRIBUNAL_LIMIT):
    register_notification_kind(
        NotificationKind(
            kind=_kind,
            templates=f"accountability/notifications/{_kind}",
            url=_failure_url,
            subjects=lambda: Failure.objects.select_related("organisation", "system", "request"),
        )
    )


def _failure(
    *,
    key: str,
    obligation: str,
    organisation_id: int,
    protective: date,
    safe: date,
    last_day: date | None,
    system_id: int | None = None,
    request_id: int | None = None,
    basis: str = Basis.MISSED,
    continuing: bool = False,
    limitation_safe: date | None = None,
    limitation_protective: date | None = None,
) -> Failure:
    """A Failure with its s.19(3) dates from core.legal_time: `file_by` at the safe failure date
    and `out_of_time_after` at the protective one (A1, A3)."""
    return Failure(
        source_key=key,
        obligation=obligation,
        basis=basis,
        organisation_id=organisation_id,
        system_id=system_id,
        request_id=request_id,
        last_compliance_date=last_day,
        failure_date_protective=protective,
        failure_date_safe=safe,
        limitation_safe=limitation_safe or legal_time.limitation(safe).file_by,
        limitation_protective=(
            limitation_protective or legal_time.limitation(protective).out_of_time_after
        ),
        may_be_continuing=continuing,
    )


def _missed(obligation: str, system: AISystem, due: date, *, continuing: bool = True) -> Failure:
    """A duty with a last day (R-WAIRA-PERIODIC, R-CONS-REPEAT, R-REG-*): F = due + 1."""
    failure_on = legal_time.failure_date(due)
    return _failure(
        key=f"{obligation}:system:{system.pk}:{due.isoformat()}",
        obligation=obligation,
        organisation_id=system.organisation_id,
        system_id=system.pk,
        protective=failure_on,
        safe=failure_on,
        last_day=due,
        continuing=continuing,
    )


def review_candidates(today: date) -> list[Failure]:
    """s.14(4), s.15(4): systems in high-risk use past a stored 12-month due date, still in
    use on it (the clock stops at the register's end-of-use date)."""
    candidates = []
    for obligation, field in (
        (Obligation.WAIRA_REVIEW, "waira_next_due"),
        (Obligation.CONSULT_REVIEW, "consultation_next_due"),
    ):
        for system in waira_selectors.systems_past_review(field, today):
            candidates.append(_missed(obligation, system, getattr(system, field)))
    return candidates


def register_candidates(today: date) -> list[Failure]:
    """s.16(4), s.16(5): register entries past their stored three-month due date."""
    candidates = []
    for entry in register_selectors.overdue_register_clocks(today).select_related("system"):
        assert entry.due_by is not None
        obligation = (
            Obligation.REGISTER_ENTRY
            if entry.due_rule == DueRule.INITIAL
            else Obligation.REGISTER_CHANGE
        )
        candidates.append(_missed(obligation, entry.system, entry.due_by))
    return candidates


def start_breach_candidates() -> list[Failure]:
    """s.14(2), s.15(1): each start of high-risk use recorded in breach (R-WAIRA-INIT,
    R-CONS-INIT; A3). Without a WAIRA or a concluded consultation F = S; with a consultation
    concluded too late, the two dates of core.legal_time.start_breach."""
    candidates = []
    for breach in waira_selectors.high_risk_start_breaches():
        system, start = breach.system, breach.started_on
        common = {
            "organisation_id": system.organisation_id,
            "system_id": system.pk,
            "basis": Basis.STARTED_IN_BREACH,
            "last_day": None,
        }
        if breach.waira_completed_on is None or breach.waira_completed_on >= start:
            candidates.append(
                _failure(
                    key=f"{Obligation.WAIRA_BEFORE_USE}:system:{system.pk}",
                    obligation=Obligation.WAIRA_BEFORE_USE,
                    protective=start,
                    safe=start,
                    continuing=True,
                    **common,  # type: ignore[arg-type]
                )
            )
        concluded = breach.consultation_concluded_on
        key = f"{Obligation.CONSULT_BEFORE_USE}:system:{system.pk}"
        if concluded is None:
            candidates.append(
                _failure(
                    key=key,
                    obligation=Obligation.CONSULT_BEFORE_USE,
                    protective=start,
                    safe=start,
                    continuing=True,
                    **common,  # type: ignore[arg-type]
                )
            )
        elif (dates := legal_time.start_breach(concluded, start)) is not None:
            candidates.append(
                _failure(
                    key=key,
                    obligation=Obligation.CONSULT_BEFORE_USE,
                    protective=dates.failure_date_protective,
                    safe=dates.failure_date_safe,
                    limitation_safe=dates.limitation_safe,
                    limitation_protective=dates.limitation_protective,
                    **common,  # type: ignore[arg-type]
                )
            )
    return candidates


def _request_obligation(kind: str) -> str:
    return Obligation.EXPLANATION if kind == RequestKind.EXPLANATION else Obligation.RECONSIDERATION


def request_candidates() -> list[Failure]:
    """s.17(4), s.18(6): the failures rights_requests recorded (their dates as stored there),
    and requests refused on an exemption or as late, which the worker may dispute: F protective
    = the day after the 28-day due date, F safe = the day of the refusal if earlier."""
    candidates = []
    for recorded in rights_selectors.compliance_failures():
        request = recorded.request
        candidates.append(
            _failure(
                key=f"{_request_obligation(request.kind)}:request:{request.pk}",
                obligation=_request_obligation(request.kind),
                organisation_id=request.organisation_id,
                request_id=request.pk,
                protective=recorded.failure_date,
                safe=recorded.failure_date,
                last_day=recorded.last_compliance_date,
                limitation_safe=recorded.file_by,
                limitation_protective=recorded.out_of_time_after,
            )
        )
    for refused in rights_selectors.refused_requests():
        request = refused.request
        protective = legal_time.failure_date(request.due_date)
        candidates.append(
            _failure(
                key=f"{_request_obligation(request.kind)}:request:{request.pk}",
                obligation=_request_obligation(request.kind),
                organisation_id=request.organisation_id,
                request_id=request.pk,
                protective=protective,
                safe=min(refused.refused_on, protective),
                last_day=request.due_date,
                basis=Basis.REFUSED_EXEMPTION if refused.on_exemption else Basis.REFUSED_LATE,
            )
        )
    return candidates


def _observe(candidates: list[Failure], today: date) -> None:
    """How observable each system's failure was (s.19(6)(b)): of the days from first use (or
    the failure) to today, on how many the system had a published register entry."""
    system_ids = [failure.system_id for failure in candidates if failure.system_id]
    if not system_ids:
        return
    first_use = dict(AISystem.objects.filter(pk__in=system_ids).values_list("pk", "first_use"))
    published = register_selectors.first_published_on(system_ids)
    for failure in candidates:
        if failure.system_id is None:
            continue
        start = min(first_use.get(failure.system_id) or today, failure.failure_date_safe, today)
        failure.observed_from, failure.observed_to = start, today
        first = published.get(failure.system_id)
        if first is None or first > today:
            failure.register_published_days = 0
        else:
            failure.register_published_days = legal_time.days_between(max(first, start), today) + 1


@dataclass(frozen=True)
class Told:
    failure: Failure
    user_id: int | None
    email: str = ""
    language: str = "en"


def recipients(failures: Iterable[Failure]) -> list[Told]:
    """Who can claim or act on each failure: the workers affected (consulted on the system, or
    the requester of a refused request), the union representatives assigned to the system's
    cases (or shared the request), and the organisation's oversight members. For a request's
    missed 28 days, rights_requests already tells the worker and their representatives (its own
    sweep), so only the oversight members hear from here."""
    failures = list(failures)
    system_ids = sorted({failure.system_id for failure in failures if failure.system_id})
    workers = waira_selectors.consulted_workers_of_systems(system_ids) if system_ids else {}
    representatives = system_representatives(system_ids) if system_ids else {}
    organisations = {failure.organisation_id for failure in failures}
    oversight: dict[int, set[int]] = {}
    for org_id, user_id in Membership.objects.filter(
        organisation_id__in=organisations, role=Role.OVERSIGHT_MEMBER, user__is_active=True
    ).values_list("organisation_id", "user_id"):
        oversight.setdefault(org_id, set()).add(user_id)
    told: list[Told] = []
    for failure in failures:
        people = set(oversight.get(failure.organisation_id, set()))
        if failure.system_id:
            people |= workers.get(failure.system_id, set())
            people |= representatives.get(failure.system_id, set())
        elif failure.basis != Basis.MISSED:
            request = failure.request
            assert request is not None
            people |= set(request.shared_with.filter(is_active=True).values_list("pk", flat=True))
            if request.requester_id is None:
                told.append(Told(failure, None, request.requester_email, request.language))
            else:
                people.add(request.requester_id)
        told.extend(Told(failure, user_id) for user_id in sorted(people))
    languages = dict(
        User.objects.filter(pk__in={t.user_id for t in told if t.user_id}).values_list(
            "pk", "preferred_language"
        )
    )
    return [
        Told(t.failure, t.user_id, t.email, languages.get(t.user_id, t.language))
        if t.user_id
        else t
        for t in told
    ]


def _failure_content_type_id() -> int:
    """Read every run (never from Django's per-process cache), so a run's query count is the
    same whether or not the process asked before (the deadline engine asserts it)."""
    content_type_id: int = (
        ContentType.objects.filter(app_label="accountability", model="failure")
        .values_list("pk", flat=True)
        .get()
    )
    return content_type_id


def _notify(
    told: list[Told], *, kind: str, threshold: int, due: str, now: datetime, run: SweepRun
) -> int:
    """One notification per person and failure, once: the unique constraints skip the rest."""
    content_type_id = _failure_content_type_id()
    rows = [
        Notification(
            organisation_id=t.failure.organisation_id,
            recipient_id=t.user_id,
            email=t.email,
            language=t.language or "en",
            content_type_id=content_type_id,
            object_id=t.failure.pk,
            kind=kind,
            threshold=threshold if threshold is not None else 0,
            due_date=getattr(t.failure, due),
            created_at=now,
        )
        for t in told
    ]
    return notifications_add(rows, sweep_run=run)


@register_sweep_step(SWEEP, order=10)
def open_failures(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """The day after a duty was missed, its Failure, once (R-ET-FAILDATE): with its dates, in
    its history and timeline, and those who can claim or act told."""
    candidates = [
        *review_candidates(today),
        *register_candidates(today),
        *start_breach_candidates(),
        *request_candidates(),
    ]
    existing = set(
        Failure.objects.filter(source_key__in=[c.source_key for c in candidates]).values_list(
            "source_key", flat=True
        )
    )
    seen: set[str] = set()
    new = []
    for candidate in candidates:
        if candidate.source_key in existing or candidate.source_key in seen:
            continue
        seen.add(candidate.source_key)
        candidate.sweep_run = run
        new.append(candidate)
    if not new:
        return SweepResult(items_found=len(candidates))
    _observe(new, today)
    Failure.objects.bulk_create(new, ignore_conflicts=True)
    opened = Failure.objects.filter(sweep_run=run).select_related("request")
    history_record_created(opened, when=now)
    content_type_id = _failure_content_type_id()
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(
                organisation_id=failure.organisation_id,
                content_type_id=content_type_id,
                object_id=failure.pk,
                kind="failure_opened",
                data={
                    "obligation": failure.obligation,
                    "failure_date_protective": failure.failure_date_protective.isoformat(),
                    "failure_date_safe": failure.failure_date_safe.isoformat(),
                    "limitation_safe": failure.limitation_safe.isoformat(),
                },
            )
            for failure in opened
        ]
    )
    # The public register entry shows a system's failed duties: its cached answers are stale.
    if any(failure.system_id for failure in opened):
        register_cache.invalidate()
    # Written in bulk, so sealed into each organisation's hash chain after the commit.
    sealed = sorted({failure.organisation_id for failure in opened})
    transaction.on_commit(lambda: seal_timeline.delay(sealed))
    opened_list = list(opened)
    told = _notify(
        recipients(opened_list),
        kind=FAILURE_OPENED,
        threshold=Notification.OVERDUE,
        due="failure_date_safe",
        now=now,
        run=run,
    )
    return SweepResult(
        items_found=len(candidates),
        notifications_created=told,
        failures_recorded=len(opened_list),
    )


@register_sweep_step(SWEEP, order=20)
def tribunal_reminders(today: date, now: datetime, run: SweepRun) -> SweepResult:
    """R-ET-LIMIT: 60, 30, 14 and 7 days before the safe date to file (`limitation_safe`,
    which ignores early conciliation, A14), to those who can claim or act. A reminder missed
    because no sweep ran that day is sent by the next run, and only the latest one reached."""
    widest = legal_time.add_days(today, TRIBUNAL_DAYS[0])
    failures = list(
        Failure.objects.filter(limitation_safe__gte=today, limitation_safe__lte=widest)
        .select_related("request")
        .order_by("pk")
    )
    added = 0
    for days in reversed(TRIBUNAL_DAYS):
        reached = [
            failure
            for failure in failures
            if failure.limitation_safe <= legal_time.add_days(today, days)
            and all(
                failure.limitation_safe > legal_time.add_days(today, fewer)
                for fewer in TRIBUNAL_DAYS
                if fewer < days
            )
        ]
        if reached:
            added += _notify(
                recipients(reached),
                kind=FAILURE_TRIBUNAL_LIMIT,
                threshold=days,
                due="limitation_safe",
                now=now,
                run=run,
            )
    return SweepResult(items_found=len(failures), notifications_created=added)


__all__ = ["open_failures", "recipients", "tribunal_reminders"]

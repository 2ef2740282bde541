"""The legal clock: every date Llais enforces, computed one way (../shared/rules.md §1-2).

Pure: standard library only, no Django, so each rule is testable on its own and the same answer
comes from a view, a task and a PDF. Rule IDs in the comments point at rules.md.

Conventions that hold throughout:
- PRIM-LOCAL-DATE: instants become Europe/London calendar dates before any arithmetic; a day ends
  at the last instant of the UK day, in GMT or BST.
- PRIM-ADD-DAYS: "within N days of E" excludes E and includes day N.
- PRIM-ADD-MONTHS: the same day-number N months on, or the last day of a shorter month; no
  end-of-month stickiness (28 Feb + 1 month = 28 Mar).
- PRIM-NO-ROLL: a statutory last day never rolls past a weekend or bank holiday.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

__all__ = [
    "UK",
    "Limitation",
    "add_days",
    "add_months",
    "days_left",
    "earliest_high_risk_start",
    "end_of_uk_day",
    "explanation_request_deadline",
    "failure_date",
    "is_in_time",
    "is_within_lookback",
    "is_within_lookback_employer_reading",
    "latest_consultation_conclusion_for",
    "legal_earliest_high_risk_start",
    "limitation",
    "next_review_due",
    "reconsideration_request_deadline",
    "register_update_due",
    "response_due",
    "uk_date",
    "with_early_conciliation",
]


def _require_aware(instant: datetime) -> None:
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("A naive datetime has no place in time: pass an aware datetime.")


def uk_date(instant: datetime) -> date:
    """The UK calendar date of an instant (TS-02: 23:30Z on 30 June is 1 July)."""
    _require_aware(instant)
    return instant.astimezone(UK).date()


def end_of_uk_day(d: date) -> datetime:
    """The last instant of a UK day, in UTC (TS-01, TS-03, TS-04; Miller v Community Links)."""
    return datetime.combine(d, time.max, tzinfo=UK).astimezone(UTC)


def is_in_time(instant: datetime, last_day: date) -> bool:
    """Whether something done at `instant` was done on or before `last_day` (TS-05)."""
    _require_aware(instant)
    return instant <= end_of_uk_day(last_day)


def add_days(d: date, n: int) -> date:
    return d + timedelta(days=n)


def add_months(d: date, n: int) -> date:
    """PRIM-ADD-MONTHS: the corresponding date, clamped to the end of a shorter month."""
    months = d.year * 12 + (d.month - 1) + n
    year, month_index = divmod(months, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"{d.isoformat()} plus {n} months is outside the calendar.")
    month = month_index + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def days_left(today: date, due: date) -> int:
    """Whole days from today to the due date: 0 on the day, negative once overdue."""
    return (due - today).days


# s.17(4), s.18(6): "within 28 days of the request" (R-EXPL-DUE, R-RECON-DUE; A10, A11).
def response_due(request_date: date) -> date:
    return add_days(request_date, 28)


# s.19(5): the failure is on the day after the last day on which the employer could comply.
def failure_date(last_day_to_comply: date) -> date:
    return add_days(last_day_to_comply, 1)


# s.17(3): a request for an explanation within three months of becoming aware (R-EXPL-WINDOW).
def explanation_request_deadline(aware: date) -> date:
    return add_months(aware, 3)


# s.18(2): a request for reconsideration within six months of becoming aware (R-RECON-WINDOW).
def reconsideration_request_deadline(aware: date) -> date:
    return add_months(aware, 6)


def legal_earliest_high_risk_start(consultation_concluded: date) -> date:
    """s.15(1) read as E J Riley reads "not less than": the corresponding date counts."""
    return add_months(consultation_concluded, 1)


def earliest_high_risk_start(consultation_concluded: date) -> date:
    """s.15(1), the default gate (A2): a clear month, so the day after the corresponding date
    (CONS-01: concluded 15 Mar, earliest start 16 Apr)."""
    return add_days(legal_earliest_high_risk_start(consultation_concluded), 1)


def latest_consultation_conclusion_for(planned_start: date, *, conservative: bool = True) -> date:
    """The last day consultation may conclude for a planned start (CONS-03).

    The largest C with add_months(C, 1) <= S (legal), or <= S - 1 day (clear month).
    """
    bound = add_days(planned_start, -1) if conservative else planned_start
    candidate = add_months(bound, -1)
    while add_months(add_days(candidate, 1), 1) <= bound:
        candidate = add_days(candidate, 1)
    return candidate


# s.14(4), s.15(4): at intervals of not more than 12 months, chained from the actual completion
# date of the last cycle (PRIM-INTERVAL; A4, A5). Completing on the due date complies.
def next_review_due(last_completed: date) -> date:
    return add_months(last_completed, 12)


# s.16(4), (5): the register entry, and each change to it, within three months (R-REG-*).
def register_update_due(event: date) -> date:
    return add_months(event, 3)


def is_within_lookback(earlier: date, later: date, months: int = 3) -> bool:
    """PRIM-LOOKBACK, worker-protective default (A6): anchored on the earlier request's date,
    counted forward, boundary excluded (DUP-01, DUP-03, DUP-05). A later date before the
    earlier one is not a repeat of it."""
    return earlier <= later < add_months(earlier, months)


def is_within_lookback_employer_reading(earlier: date, later: date, months: int = 3) -> bool:
    """The employer-favourable reading (boundary included), shown beside the default only so
    that a person deciding an exemption sees the ambiguity (DUP-03)."""
    return earlier <= later <= add_months(earlier, months)


@dataclass(frozen=True)
class Limitation:
    """The tribunal time limit for a failure (R-ET-LIMIT; A1).

    file_by: the date Llais tells people to act by (safe: the earliest published method).
    out_of_time_after: the date after which a claim is treated as out of time (protective).
    """

    failure: date
    file_by: date
    out_of_time_after: date


def _begin_with_protective(failure: date, months: int) -> date:
    """Method B: the day before the corresponding date N months on; where no such date
    exists, the last day of that month (ET-08: F = 31 Aug gives 28/29 Feb)."""
    corresponding = add_months(failure, months)
    if corresponding.day == failure.day:
        return add_days(corresponding, -1)
    return corresponding


def limitation(failure: date, months: int = 6) -> Limitation:
    """s.19(3)(a): "the period of 6 months beginning with the date of the failure".

    safe = min(A, C): A = add_months(F - 1, N) ("take the day before, count forward"),
    C = add_months(F, N) - 1 ("N months minus a day"). They differ from method B only when F is
    the 1st after a short month (ET-10) or F's day-number is missing in the end month (ET-08).
    """
    method_a = add_months(add_days(failure, -1), months)
    method_c = add_days(add_months(failure, months), -1)
    return Limitation(
        failure=failure,
        file_by=min(method_a, method_c),
        out_of_time_after=_begin_with_protective(failure, months),
    )


def with_early_conciliation(
    limit: date, failure: date, day_a: date | None, day_b: date | None
) -> date:
    """ERA 1996 s.207B applied to a limit, subsections (3) then (4) in sequence (R-ET-ACAS).

    - Early conciliation begun after the limit expired extends nothing (Pearce; ET-04).
    - (3): the days from Day A to Day B do not count; a clock that has not started cannot be
      paused, so the stop begins no earlier than the failure (Raison; Serra Garau).
    - (4): if the extended limit falls between Day A and one month after Day B, it becomes one
      month after Day B (Tanveer; ET-06).
    Whether s.207B reaches s.19 claims at all is open (A14): callers show this date as
    conditional and keep the unextended date as the overall safe date.
    """
    if day_a is None or day_b is None:
        return limit
    if day_a > limit:
        return limit
    stopped_days = max(0, (day_b - max(day_a, failure)).days)
    extended = add_days(limit, stopped_days)
    one_month_after_day_b = add_months(day_b, 1)
    if day_a <= extended <= one_month_after_day_b:
        return one_month_after_day_b
    return extended

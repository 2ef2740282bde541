"""The legal clock: every date Llais enforces, computed one way (docs/legal-rules.md §1, §2, §4).

Pure: standard library only, no Django, so each rule is testable on its own and a view, a task
and a PDF all get the same answer. Rule IDs point at docs/legal-rules.md; case IDs at
tests/data/legal_time_cases.json.

Why each choice:
- PRIM-LOCAL-DATE (TS-01..05; Miller v Community Links): an instant becomes a Europe/London
  calendar date before any arithmetic, and a day ends at its last UK instant, GMT or BST. Naive
  datetimes are refused (ValueError) because they name no instant. Date arithmetic refuses
  datetimes (TypeError) so nobody can add 28 x 24 hours to a timestamp.
- PRIM-ADD-DAYS: "within 28 days of E" excludes E and includes day 28 (Lester v Garland).
- PRIM-ADD-MONTHS: the corresponding date, or the last day of a shorter month, with no
  end-of-month stickiness (Dodds v Walker; Tanveer). Dates beyond the calendar raise ValueError.
- PRIM-NO-ROLL: nothing here knows weekends or bank holidays; a statutory last day never moves.
- PRIM-BEGIN-WITH, A1: "N months beginning with F" gives two dates. `out_of_time_after` is
  method B (the day before F's corresponding date, or the end of a month that lacks one): the
  product never treats a claim as out of time before it. `file_by` is min(A, C), the earliest
  published reading: what people are told to act by (ET-01, ET-08, ET-10, WAIRA-PER-02).
- PRIM-AT-LEAST-BEFORE, A2: "at least one month before" gates on a clear month by default
  (CONS-01); the corresponding-date reading (E J Riley) is kept as `legal_*`.
- PRIM-INTERVAL, A4, A5: reviews chain from the actual completion date the caller passes.
- PRIM-LOOKBACK, A6: anchored on the earlier request, counted forward, boundary excluded
  (DUP-01..05), the narrow worker-protective reading; the employer's reading sits beside it.
- PRIM-207B, R-ET-ACAS, A14: s.207B(3) then (4), in sequence (Haque). The days not counted run
  from the later of Day A and F to Day B: `Day B - max(Day A, F)` whole days, i.e. the day after
  Day A to Day B inclusive (ET-02: 23 Jul..22 Aug = 31 days; Haque: 31 days), and only the days
  after F when F falls inside early conciliation (Raison: EDT 17 Feb, Day B 28 Feb = 11 days).
  The formula in docs/legal-rules.md and every case agree; no reading had to be chosen.
  Whether s.207B reaches s.19 claims at all is open (A14): callers show the extended date as
  conditional and keep `file_by` as the overall safe filing date.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")

__all__ = [
    "UK",
    "Limitation",
    "StartBreach",
    "add_days",
    "add_months",
    "days_between",
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
    "oversight_review_due",
    "reconsideration_request_deadline",
    "register_update_due",
    "response_due",
    "start_breach",
    "uk_date",
    "with_early_conciliation",
]


def _require_instant(value: datetime) -> None:
    if not isinstance(value, datetime):
        raise TypeError(f"Expected an aware datetime, got {type(value).__name__}.")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("A naive datetime names no instant: pass an aware datetime.")


def _require_date(value: date) -> None:
    # A datetime is a date too; letting one through would do arithmetic on an instant's
    # UTC (or naive) calendar day, not its UK day (PRIM-LOCAL-DATE).
    if isinstance(value, datetime) or not isinstance(value, date):
        kind = type(value).__name__
        raise TypeError(f"Expected a calendar date, got {kind}: convert instants with uk_date().")


def _outside_calendar(d: date, amount: str) -> ValueError:
    return ValueError(f"{d.isoformat()} plus {amount} is outside the calendar.")


# --- Instants and UK days (PRIM-LOCAL-DATE) -------------------------------------------------


def uk_date(instant: datetime) -> date:
    """The UK calendar date of an instant (TS-02: 23:30Z on 30 June is 1 July)."""
    _require_instant(instant)
    return instant.astimezone(UK).date()


def end_of_uk_day(d: date) -> datetime:
    """The last instant of a UK day, in UTC: 23:59:59.999999 local (TS-01, TS-03, TS-04)."""
    _require_date(d)
    return datetime.combine(d, time.max, tzinfo=UK).astimezone(UTC)


def is_in_time(instant: datetime, last_day: date) -> bool:
    """Whether something done at `instant` was done on or before `last_day`, UK time (TS-05:
    23:59:59 BST is in time, 8 seconds after midnight is late)."""
    _require_date(last_day)
    return uk_date(instant) <= last_day


# --- Calendar arithmetic (PRIM-ADD-DAYS, PRIM-ADD-MONTHS) ------------------------------------


def add_days(d: date, n: int) -> date:
    _require_date(d)
    try:
        return d + timedelta(days=n)
    except OverflowError:
        raise _outside_calendar(d, f"{n} days") from None


def add_months(d: date, n: int) -> date:
    """The corresponding date n months on (n may be negative), clamped to a shorter month."""
    _require_date(d)
    if not isinstance(n, int):
        raise TypeError(f"Months must be a whole number, got {type(n).__name__}.")
    year, month_index = divmod(d.year * 12 + (d.month - 1) + n, 12)
    if not date.min.year <= year <= date.max.year:
        raise _outside_calendar(d, f"{n} months")
    month = month_index + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def days_between(earlier: date, later: date) -> int:
    """Whole calendar days from `earlier` to `later`; negative if `later` comes first."""
    _require_date(earlier)
    _require_date(later)
    return (later - earlier).days


def days_left(today: date, due: date) -> int:
    """Days until a due date: 0 on the day itself (still in time), negative once overdue."""
    return days_between(today, due)


# --- The duties' deadlines (docs/legal-rules.md §2) -------------------------------------------


def response_due(request_date: date) -> date:
    """s.17(4), s.18(6): "within 28 days" of the request (R-EXPL-DUE, R-RECON-DUE; A10, A11)."""
    return add_days(request_date, 28)


def failure_date(last_day_to_comply: date) -> date:
    """s.19(5): the failure happens on the day after the last day the employer could comply."""
    return add_days(last_day_to_comply, 1)


def explanation_request_deadline(aware: date) -> date:
    """s.17(3): the last day to ask for an explanation, three months on (R-EXPL-WINDOW)."""
    return add_months(aware, 3)


def reconsideration_request_deadline(aware: date) -> date:
    """s.18(2): the last day to ask for reconsideration, six months on (R-RECON-WINDOW)."""
    return add_months(aware, 6)


def legal_earliest_high_risk_start(consultation_concluded: date) -> date:
    """s.15(1) read as E J Riley reads "not less than": the corresponding date counts."""
    return add_months(consultation_concluded, 1)


def earliest_high_risk_start(consultation_concluded: date) -> date:
    """s.15(1), the default gate (A2): a clear month, so the day after the corresponding date
    (CONS-01: concluded 15 Mar, earliest start 16 Apr)."""
    return add_days(legal_earliest_high_risk_start(consultation_concluded), 1)


def latest_consultation_conclusion_for(planned_start: date, *, conservative: bool = True) -> date:
    """The last day consultation may conclude for a planned start (R-CONS-INIT, CONS-03).

    The largest C whose earliest start is on or before the planned start: add_months(C, 1)
    <= S (legal), or <= S - 1 day (clear month, the default).
    """
    bound = add_days(planned_start, -1) if conservative else planned_start
    # add_months(., 1) never decreases, and clamping maps up to four days onto the end of a
    # short month (28-31 Jan -> 28 Feb), so a month back can undershoot: step on while it fits.
    candidate = add_months(bound, -1)
    while add_months(add_days(candidate, 1), 1) <= bound:
        candidate = add_days(candidate, 1)
    return candidate


@dataclass(frozen=True)
class StartBreach:
    """High-risk decision-making begun before the conditional prohibitions allowed it (s.14(2),
    s.15(1); R-CONS-INIT, A3): two failure dates and the limitation date each one gives.

    failure_date_protective: S itself, the latest reading, so time runs from the latest day.
    failure_date_safe: the day after the latest legal C for S, the earliest reading.
    limitation_protective: `out_of_time_after` of `limitation()` at the protective date.
    limitation_safe: `file_by` of `limitation()` at the safe date (what people act by).
    """

    failure_date_protective: date
    failure_date_safe: date
    limitation_protective: date
    limitation_safe: date


def start_breach(last_step: date, start: date) -> StartBreach | None:
    """Whether a start S of high-risk decision-making breached s.15(1), given C (`last_step`),
    the day the last step of s.15(3) was completed. None when S is on or after the conservative
    earliest start (CONS-01); otherwise the failure and limitation dates of R-CONS-INIT (A3).
    Example: C = 31 Jan 2026, S = 27 Feb 2026 gives F 27 Feb / 28 Jan 2026 and L 26 Aug /
    27 Jul 2026."""
    _require_date(last_step)
    _require_date(start)
    if start >= earliest_high_risk_start(last_step):
        return None
    protective = start
    safe = add_days(latest_consultation_conclusion_for(start, conservative=False), 1)
    return StartBreach(
        failure_date_protective=protective,
        failure_date_safe=safe,
        limitation_protective=limitation(protective).out_of_time_after,
        limitation_safe=limitation(safe).file_by,
    )


def next_review_due(last_completed: date) -> date:
    """s.14(4), s.15(4): "not more than 12 months", chained from the actual completion date of
    the last cycle (PRIM-INTERVAL; A4, A5). Completing on the due date complies."""
    return add_months(last_completed, 12)


def oversight_review_due(previous: date, waira_reviews_due: Iterable[date] = ()) -> date:
    """Toolkit stage 5 (issue 15): when a case's next oversight review is due. `previous` is the
    day the last review was completed, or the day the case entered oversight.

    At least every 12 months (`next_review_due`), brought forward to the earliest next WAIRA
    of the case's systems that falls after `previous`, so the review can feed the WAIRA. A WAIRA
    due on or before `previous` (already due, or overdue) is not aligned with: the review would
    be due the day it opens."""
    latest = next_review_due(previous)
    aligned = [due for due in waira_reviews_due if previous < due < latest]
    return min(aligned, default=latest)


def initial_waira_stale_at_start(waira_completed: date, start: date) -> bool:
    """WAIRA-PER-03 (rules.md A4, R-WAIRA-PERIODIC): whether the initial WAIRA is more than 12
    months old on the day high-risk decision-making begins. Twelve months old exactly is the
    day its further WAIRA falls due (`next_review_due`), which still complies; the day after,
    the further WAIRA is already overdue at go-live, and that is flagged."""
    return start > next_review_due(waira_completed)


def listening_period_ends(shared_on: date, days: int) -> date:
    """The first day a consultation may be concluded without a recorded reason: `days` whole
    days after the WAIRA was last shared with workers (the day of sharing not counted), so
    workers have time to read it and raise concerns (issue 13 item 4; an organisation's
    `consultation_listening_days`). Concluding before it is a soft gate, not a legal limit."""
    if days < 1:
        raise ValueError("A listening period is at least one day.")
    return add_days(shared_on, days)


def register_update_due(event: date) -> date:
    """s.16(4), (5): the register entry, and each change to it, within three months (R-REG-*)."""
    return add_months(event, 3)


# --- Duplicate requests (PRIM-LOOKBACK, A6) --------------------------------------------------


def is_within_lookback(earlier: date, later: date, months: int = 3) -> bool:
    """Whether `earlier` falls "within the last `months` months" before `later` (s.17(5)(c),
    s.18(8)(b)), read narrowly (A6): anchored on the earlier request, counted forward, the
    corresponding date excluded (DUP-01, DUP-03, DUP-05). A "previous" request dated after the
    new one is not earlier, so it never makes the new one a repeat (False)."""
    return earlier <= later < add_months(earlier, months)


def is_within_lookback_employer_reading(earlier: date, later: date, months: int = 3) -> bool:
    """The employer-favourable reading (corresponding date included; docs/legal-rules.md anchors
    it on the earlier reconsideration, so pass that date when known), shown beside the default
    only so that whoever decides an exemption sees the ambiguity (DUP-01, DUP-03)."""
    return earlier <= later <= add_months(earlier, months)


# --- Tribunal time limits (R-ET-LIMIT, R-ET-ACAS) -------------------------------------------


@dataclass(frozen=True)
class Limitation:
    """The last day to present a tribunal claim for a failure (R-ET-LIMIT; A1).

    file_by: the date people are told to act by (safe: the earliest published method).
    out_of_time_after: the date after which a claim is treated as out of time (protective).
    """

    failure: date
    file_by: date
    out_of_time_after: date

    def with_early_conciliation(self, day_a: date | None, day_b: date | None) -> Limitation:
        """Both dates extended by s.207B; conditional on A14, so keep the original too."""
        return Limitation(
            failure=self.failure,
            file_by=with_early_conciliation(self.file_by, self.failure, day_a, day_b),
            out_of_time_after=with_early_conciliation(
                self.out_of_time_after, self.failure, day_a, day_b
            ),
        )


def _begin_with_protective(failure: date, months: int) -> date:
    """Method B: the day before F's corresponding date N months on; where that month has no
    such date, its last day (ET-08: F = 31 Aug gives 29 Feb, not 28 Feb)."""
    corresponding = add_months(failure, months)
    if corresponding.day == failure.day:
        return add_days(corresponding, -1)
    return corresponding


def limitation(failure: date, months: int = 6) -> Limitation:
    """s.19(3)(a): "the period of 6 months beginning with the date of the failure".

    safe = min(A, C): A = add_months(F - 1 day, N) ("take the day before, count forward"),
    C = add_months(F, N) - 1 day ("N months minus a day"). They differ from method B only when
    F is the 1st after a short month (ET-10) or F's day-number is missing in the end month (ET-08).
    """
    if not isinstance(months, int) or months < 1:
        raise ValueError(f"A limitation period needs a positive number of months, not {months!r}.")
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

    1. Early conciliation begun after the limit expired extends nothing (Pearce; ET-04).
    2. s.207B(3): Day B - max(Day A, F) days do not count, so the limit moves on by that many.
       A clock that has not started cannot be paused (Raison; Serra Garau): days before F are
       not added back.
    3. s.207B(4): if that limit falls between Day A and one month after Day B, it becomes one
       month after Day B (Tanveer; ET-06).
    Without both Day A and Day B there is no certificate to count from: the limit is unchanged.
    """
    _require_date(limit)
    _require_date(failure)
    if day_a is None or day_b is None:
        return limit
    _require_date(day_a)
    _require_date(day_b)
    if day_b < day_a:
        raise ValueError(f"Day B ({day_b}) cannot come before Day A ({day_a}).")
    if day_a > limit:
        return limit
    extended = add_days(limit, max(0, days_between(max(day_a, failure), day_b)))
    one_month_after_day_b = add_months(day_b, 1)
    if day_a <= extended <= one_month_after_day_b:
        return one_month_after_day_b
    return extended

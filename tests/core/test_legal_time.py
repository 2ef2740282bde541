"""The legal clock against every worked example in tests/data/legal_time_cases.json, plus the
properties that must hold for every date (hypothesis). Plain functions: no database.

Each rule family has one dispatcher that turns a case's `inputs` into calls on core.legal_time
and returns the answers under the same names as the case's `expected` fields. Every expected
field becomes its own test, so a new case or a new field in the file fails until it is answered
here or named below as work for a later feature.
"""

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from core import legal_time as lt
from tests.data import legal_time_cases

CASES: list[dict[str, Any]] = legal_time_cases()

# Whole cases about workflow, not dates: later features answer them.
NOT_ANSWERED_BY_THE_CLOCK = {
    "WAIRA-INIT-01": "go-live gate when no initial WAIRA exists is a workflow block",
    "DUP-07": "exemption needs an earlier request already reconsidered: a status, not a date",
    "AGENT-01": "competent-agent limbs (s.18(5)) are evidence checks",
    "AGENT-02": "a delegate's competence (s.18(7)) is an evidence check",
    "AGENT-03": "default-agent warning is an evidence check",
    "VEX-01": "vexatious factors are shown to a person, never decided",
    "TK-01": "carry-forward record is a toolkit soft gate",
    "EXPL-EXEMPT-01": "s.17(5)(b) has no time element (dates checked separately below)",
    "EXPL-EXEMPT-02": "s.17(5)(c) turns on 'reconsidered' (A7; dates checked separately below)",
}

# Fields of otherwise answered cases that are workflow wording or prose, not dates.
NOT_ANSWERED_FIELDS = {
    "action": "what the workflow does next; answered by the request and case features",
    "welsh_language_flag": "language of the output, not its date (R-CY-CORR feature)",
    "note_backward_reading": "prose; the divergence it describes is tested below (DUP-05)",
}


def d(text: str) -> date:
    return date.fromisoformat(text)


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def utc_seconds(moment: datetime) -> str:
    """The file records instants to the second, in UTC with a Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


Answers = dict[str, Any]


def add_months_answers(inputs: dict[str, Any]) -> Answers:
    return {"result": lt.add_months(d(inputs["date"]), inputs["months"]).isoformat()}


def request_window_answers(deadline: Callable[[date], date]) -> Callable[..., Answers]:
    def answers(inputs: dict[str, Any]) -> Answers:
        last_day = deadline(d(inputs["aware_date"]))
        out: Answers = {"last_day_to_request": last_day.isoformat()}
        if "request_date" in inputs:
            out["in_time"] = d(inputs["request_date"]) <= last_day
        return out

    return answers


def response_due_answers(inputs: dict[str, Any]) -> Answers:
    out: Answers = {}
    if "request_received_at" in inputs:
        request_date = lt.uk_date(instant(inputs["request_received_at"]))
        out["local_request_date"] = request_date.isoformat()
    else:
        request_date = d(inputs["request_date"])
    due = lt.response_due(request_date)
    out["due_date"] = due.isoformat()
    out["failure_date"] = lt.failure_date(due).isoformat()
    out["deadline_end_utc"] = utc_seconds(lt.end_of_uk_day(due))
    out["compliant_if_provided_on"] = {
        provided: d(provided) <= due for provided in inputs.get("explanation_provided_dates", [])
    }
    return out


# The last day to comply, by the duty a tribunal case is about.
LAST_DAY_FOR_OBLIGATION: dict[str, tuple[str, Callable[[date], date]]] = {
    "s17(4)": ("request_date", lt.response_due),
    "s16(4)": ("first_use_date", lt.register_update_due),
}


def tribunal_limit_answers(inputs: dict[str, Any]) -> Answers:
    if "submissions" in inputs:  # TS-05: the last day ends at midnight UK time
        last_day = d(inputs["limitation_last_day"])
        return {"in_time": {s: lt.is_in_time(instant(s), last_day) for s in inputs["submissions"]}}
    out: Answers = {}
    if "failure_date" in inputs:
        failure = d(inputs["failure_date"])
    else:
        if "obligation" in inputs:
            field, last_day_for = LAST_DAY_FOR_OBLIGATION[inputs["obligation"]]
            last_day = last_day_for(d(inputs[field]))
        else:
            last_day = d(inputs.get("last_compliance_date") or inputs["further_waira_due"])
        out["last_compliance_date"] = last_day.isoformat()
        failure = lt.failure_date(last_day)
    limit = lt.limitation(failure)
    out["failure_date"] = failure.isoformat()
    out["limitation_protective"] = limit.out_of_time_after.isoformat()
    out["limitation_safe"] = limit.file_by.isoformat()
    # A14: early conciliation may not reach s.19 claims, so the safe date ignores it.
    out["overall_safe_filing_date"] = limit.file_by.isoformat()
    if "day_a" in inputs:
        extended = limit.with_early_conciliation(d(inputs["day_a"]), d(inputs["day_b"]))
        out["with_acas_protective"] = extended.out_of_time_after.isoformat()
        out["with_acas_safe"] = extended.file_by.isoformat()
    return out


def calibration_answers(inputs: dict[str, Any]) -> Answers:
    edt = d(inputs["edt"])
    primary = lt.limitation(edt, months=inputs["months"]).out_of_time_after
    extended = lt.with_early_conciliation(primary, edt, d(inputs["day_a"]), d(inputs["day_b"]))
    out: Answers = {"primary": primary.isoformat(), "extended": extended.isoformat()}
    if "presented" in inputs:
        out["presented_in_time"] = d(inputs["presented"]) <= extended
    return out


def duplicate_answers(inputs: dict[str, Any]) -> Answers:
    earlier, later = d(inputs["prev_request_date"]), d(inputs["new_request_date"])
    # rules.md PRIM-LOOKBACK: the employer's reading anchors on the reconsideration, if known.
    employer_anchor = d(inputs.get("prev_reconsideration_notified") or inputs["prev_request_date"])
    return {
        "window_last_day_conservative": lt.add_days(lt.add_months(earlier, 3), -1).isoformat(),
        "inside_conservative": lt.is_within_lookback(earlier, later),
        "inside_employer_reading": lt.is_within_lookback_employer_reading(employer_anchor, later),
    }


def consultation_answers(inputs: dict[str, Any]) -> Answers:
    if "consultation_completed" in inputs:
        concluded = d(inputs["consultation_completed"])
        earliest = lt.earliest_high_risk_start(concluded)
        return {
            "earliest_start_legal": lt.legal_earliest_high_risk_start(concluded).isoformat(),
            "earliest_start_conservative": earliest.isoformat(),
            "gate_default": f"block_until_{earliest.isoformat()}",
        }
    start = d(inputs["planned_start"])
    legal = lt.latest_consultation_conclusion_for(start, conservative=False)
    return {
        "latest_completion_legal": legal.isoformat(),
        "latest_completion_conservative": lt.latest_consultation_conclusion_for(start).isoformat(),
    }


def go_live_answers(inputs: dict[str, Any]) -> Answers:
    concluded, planned = d(inputs["consultation_completed"]), d(inputs["planned_go_live"])
    earliest = lt.earliest_high_risk_start(concluded)
    only_the_clear_month_blocks = lt.legal_earliest_high_risk_start(concluded) <= planned
    return {
        "gate": f"block_until_{earliest.isoformat()}" if planned < earliest else "open",
        "reason": "R-CONS-INIT conservative clear month"
        if only_the_clear_month_blocks
        else "R-CONS-INIT",
    }


def consultation_repeat_answers(inputs: dict[str, Any]) -> Answers:
    return {
        "next_due": lt.next_review_due(d(inputs["last_consultation_completed"])).isoformat(),
        # A5: the start-anchored alternative, shown but not enforced.
        "alternative_start_anchored": lt.next_review_due(d(inputs["hrdm_start"])).isoformat(),
    }


def waira_periodic_answers(inputs: dict[str, Any]) -> Answers:
    return {
        "first_further_due": lt.next_review_due(d(inputs["initial_waira_completed"])).isoformat(),
        "second_further_due": lt.next_review_due(d(inputs["second_waira_completed"])).isoformat(),
    }


def register_answers(inputs: dict[str, Any]) -> Answers:
    event = d(inputs.get("first_use_date") or inputs["change_date"])
    return {"due_date": lt.register_update_due(event).isoformat()}


def welsh_correspondence_answers(inputs: dict[str, Any]) -> Answers:
    # Translation never extends the deadline: the Welsh letter is due on the Bill's date.
    return {"bill_due_date": lt.response_due(d(inputs["request_date"])).isoformat()}


DISPATCH: dict[str, Callable[[dict[str, Any]], Answers]] = {
    "PRIM-ADD-MONTHS": add_months_answers,
    "R-EXPL-WINDOW": request_window_answers(lt.explanation_request_deadline),
    "R-RECON-WINDOW": request_window_answers(lt.reconsideration_request_deadline),
    "R-EXPL-DUE": response_due_answers,
    "R-RECON-DUE": response_due_answers,
    "R-ET-LIMIT": tribunal_limit_answers,
    "R-ET-ACAS": tribunal_limit_answers,
    "R-WAIRA-PERIODIC + R-ET-LIMIT": tribunal_limit_answers,
    "R-ET-ACAS (calibration, 3 months)": calibration_answers,
    "R-RECON-EXEMPT-DUP": duplicate_answers,
    "R-CONS-INIT": consultation_answers,
    "G-TK-GO-LIVE": go_live_answers,
    "R-CONS-REPEAT": consultation_repeat_answers,
    "R-WAIRA-PERIODIC": waira_periodic_answers,
    "R-REG-INIT": register_answers,
    "R-REG-CHANGE": register_answers,
    "R-CY-CORR": welsh_correspondence_answers,
}

ANSWERED_CASES = [case for case in CASES if case["id"] not in NOT_ANSWERED_BY_THE_CLOCK]
CASE_FIELDS = [
    (case, field)
    for case in ANSWERED_CASES
    for field in case["expected"]
    if field not in NOT_ANSWERED_FIELDS
]
EXPECTED_FIELDS = [
    pytest.param(case, field, id=f"{case['id']}:{field}") for case, field in CASE_FIELDS
]


@pytest.mark.parametrize(("case", "field"), EXPECTED_FIELDS)
def test_worked_example(case, field):
    answers = DISPATCH[case["rule"]](case["inputs"])
    assert answers[field] == case["expected"][field]


def test_every_case_is_exercised_or_named_as_not_answered():
    exercised = {case["id"] for case, _ in CASE_FIELDS}
    ignored = {case["id"] for case in CASES} - exercised - set(NOT_ANSWERED_BY_THE_CLOCK)
    assert not ignored


def test_every_case_named_as_not_answered_exists():
    assert set(NOT_ANSWERED_BY_THE_CLOCK) <= {case["id"] for case in CASES}


def test_every_answered_case_has_a_dispatcher():
    assert {case["rule"] for case in ANSWERED_CASES} <= set(DISPATCH)


def cases_by_id() -> dict[str, dict[str, Any]]:
    return {case["id"]: case for case in CASES}


def test_dup_05_counting_back_would_have_caught_the_earlier_request():
    inputs = cases_by_id()["DUP-05"]["inputs"]
    earlier, later = d(inputs["prev_request_date"]), d(inputs["new_request_date"])
    assert lt.add_months(later, -3) <= earlier  # backward: 30 May - 3 months = 28 Feb, inside
    assert not lt.is_within_lookback(earlier, later)  # forward (A6): outside


def test_expl_exempt_02_is_inside_the_lookback_so_only_a7_refuses_the_exemption():
    inputs = cases_by_id()["EXPL-EXEMPT-02"]["inputs"]
    previous, new = inputs["prev_request"], inputs["new_request"]
    assert lt.is_within_lookback(d(previous["date"]), d(new["date"]))


def test_expl_exempt_01_is_outside_any_lookback_so_only_s17_5_b_can_apply():
    inputs = cases_by_id()["EXPL-EXEMPT-01"]["inputs"]
    reconsidered, asked = (
        d(inputs["reconsideration_notified"]),
        d(inputs["explanation_request_date"]),
    )
    assert not lt.is_within_lookback_employer_reading(reconsidered, asked)


# --- Single behaviours -------------------------------------------------------------------


def test_a_request_at_23_30_utc_on_30_june_is_made_on_1_july():  # rules.md TS-02
    assert lt.uk_date(datetime(2025, 6, 30, 23, 30, tzinfo=UTC)) == date(2025, 7, 1)


def test_uk_date_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="naive"):
        lt.uk_date(datetime(2025, 6, 30, 23, 30))


def test_is_in_time_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="naive"):
        lt.is_in_time(datetime(2025, 9, 29, 23, 0), date(2025, 9, 29))


def test_uk_date_refuses_a_plain_date():
    with pytest.raises(TypeError):
        lt.uk_date(date(2025, 6, 30))  # type: ignore[arg-type]


def test_date_arithmetic_refuses_an_instant():
    with pytest.raises(TypeError, match="uk_date"):
        lt.response_due(datetime(2025, 6, 30, 23, 30, tzinfo=UTC))


def test_add_months_past_the_end_of_the_calendar_is_a_value_error():
    with pytest.raises(ValueError, match="outside the calendar"):
        lt.add_months(date(9999, 12, 1), 1)


def test_add_months_by_a_huge_number_is_a_value_error():
    with pytest.raises(ValueError, match="outside the calendar"):
        lt.add_months(date(2025, 1, 31), -(10**30))


def test_add_months_refuses_fractional_months():
    with pytest.raises(TypeError):
        lt.add_months(date(2025, 1, 31), 1.5)  # type: ignore[arg-type]


def test_add_days_past_the_end_of_the_calendar_is_a_value_error():
    with pytest.raises(ValueError, match="outside the calendar"):
        lt.add_days(date(2025, 1, 1), 10**12)


def test_a_limitation_period_needs_at_least_one_month():
    with pytest.raises(ValueError):
        lt.limitation(date(2025, 4, 1), months=0)


def test_days_left_is_zero_on_the_due_date_and_negative_after():
    due = date(2025, 3, 31)
    assert (lt.days_left(due, due), lt.days_left(due + timedelta(days=2), due)) == (0, -2)


def test_early_conciliation_with_only_day_a_leaves_the_limit_alone():
    limit, failure = date(2025, 12, 19), date(2025, 6, 20)
    assert lt.with_early_conciliation(limit, failure, date(2025, 7, 22), None) == limit


def test_early_conciliation_with_only_day_b_leaves_the_limit_alone():
    limit, failure = date(2025, 12, 19), date(2025, 6, 20)
    assert lt.with_early_conciliation(limit, failure, None, date(2025, 8, 22)) == limit


def test_early_conciliation_refuses_day_b_before_day_a():
    with pytest.raises(ValueError, match="Day B"):
        lt.with_early_conciliation(
            date(2025, 12, 19), date(2025, 6, 20), date(2025, 8, 22), date(2025, 7, 22)
        )


def test_early_conciliation_begun_before_the_failure_stops_only_the_days_after_it():
    # Raison v DF Capital Bank [2025] EAT 86: EDT 17 Feb 2023, Day A 13 Feb, Day B 28 Feb;
    # only the 11 days after the EDT count, so the limit was 27 May and 30 May was 3 days late.
    edt = date(2023, 2, 17)
    primary = lt.limitation(edt, months=3).out_of_time_after
    assert primary == date(2023, 5, 16)
    extended = lt.with_early_conciliation(primary, edt, date(2023, 2, 13), date(2023, 2, 28))
    assert extended == date(2023, 5, 27)


# --- Properties ---------------------------------------------------------------------------

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2300, 12, 31))
month_counts = st.integers(min_value=-1200, max_value=1200)
period_months = st.integers(min_value=1, max_value=24)
# Fixed offsets cover every way an aware instant can arrive (UTC, BST, a foreign offset).
offsets = st.builds(
    timezone, st.timedeltas(min_value=timedelta(hours=-23), max_value=timedelta(hours=23))
)
aware_instants = st.datetimes(
    min_value=datetime(1900, 1, 2), max_value=datetime(2300, 12, 30), timezones=offsets
)


@given(dates, month_counts)
def test_add_months_lands_in_the_target_month(start, n):
    result = lt.add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n


@given(dates, month_counts)
def test_add_months_never_exceeds_the_source_day_and_clamps_only_to_a_month_end(start, n):
    result = lt.add_months(start, n)
    assert result.day <= start.day
    assert result.day == start.day or (result + timedelta(days=1)).day == 1


@given(dates, month_counts)
def test_add_months_round_trips_for_days_every_month_has(start, n):
    start = start.replace(day=min(start.day, 28))
    assert lt.add_months(lt.add_months(start, n), -n) == start


@given(dates)
def test_a_response_is_always_due_28_days_later(request_date):
    assert (lt.response_due(request_date) - request_date).days == 28


@given(dates, period_months)
def test_limitation_safe_date_is_never_after_the_protective_date(failure, months):
    limit = lt.limitation(failure, months)
    assert limit.file_by <= limit.out_of_time_after


@given(dates, period_months)
def test_limitation_methods_differ_by_at_most_three_days(failure, months):  # A1
    limit = lt.limitation(failure, months)
    assert (limit.out_of_time_after - limit.file_by).days <= 3


@given(dates, period_months)
def test_limitation_ends_within_the_last_month_of_the_period(failure, months):
    limit = lt.limitation(failure, months)
    assert lt.add_months(failure, months - 1) < limit.file_by
    assert limit.out_of_time_after <= lt.add_months(failure, months)


@given(dates, st.integers(min_value=0, max_value=400))
def test_the_lookback_is_open_exactly_until_the_corresponding_date(earlier, gap):
    later = earlier + timedelta(days=gap)
    assert lt.is_within_lookback(earlier, later) is (later < lt.add_months(earlier, 3))


@given(dates, st.integers(min_value=1, max_value=400))
def test_a_previous_request_dated_after_the_new_one_is_never_a_repeat(later, gap):
    assert not lt.is_within_lookback(later + timedelta(days=gap), later)


@given(st.dates(min_value=date(1971, 1, 1), max_value=date(2300, 12, 30)))
def test_end_of_uk_day_is_on_that_uk_date(day):
    assert lt.uk_date(lt.end_of_uk_day(day)) == day


@given(st.dates(min_value=date(1971, 1, 1), max_value=date(2300, 12, 30)))
def test_one_microsecond_after_end_of_uk_day_is_the_next_uk_date(day):
    after = lt.end_of_uk_day(day) + timedelta(microseconds=1)
    assert lt.uk_date(after) == day + timedelta(days=1)


@given(aware_instants)
def test_uk_date_agrees_with_zoneinfo(moment):
    assert lt.uk_date(moment) == moment.astimezone(ZoneInfo("Europe/London")).date()


@given(aware_instants)
def test_uk_date_is_the_utc_date_or_one_hour_later(moment):
    # GMT or BST, nothing else, since 1972 (wartime double summer time was UTC+2).
    assume(moment.astimezone(UTC).year >= 1972)
    utc = moment.astimezone(UTC)
    assert lt.uk_date(moment) in {utc.date(), (utc + timedelta(hours=1)).date()}


@given(aware_instants)
def test_is_in_time_means_no_later_than_the_end_of_the_uk_day(moment):
    last_day = lt.uk_date(moment)
    assert lt.is_in_time(moment, last_day)
    assert not lt.is_in_time(moment, last_day - timedelta(days=1))


@given(dates, st.booleans())
def test_latest_consultation_conclusion_is_the_last_day_that_still_allows_the_start(start, clear):
    earliest_start = lt.earliest_high_risk_start if clear else lt.legal_earliest_high_risk_start
    latest = lt.latest_consultation_conclusion_for(start, conservative=clear)
    assert earliest_start(latest) <= start < earliest_start(latest + timedelta(days=1))


# --- start_breach (s.14(2), s.15(1); R-CONS-INIT, A3): issue 13's worked example ------------


def test_start_breach_gives_the_issues_worked_example():
    breach = lt.start_breach(d("2026-01-31"), d("2026-02-27"))
    assert breach == lt.StartBreach(
        failure_date_protective=d("2026-02-27"),
        failure_date_safe=d("2026-01-28"),
        limitation_protective=d("2026-08-26"),
        limitation_safe=d("2026-07-27"),
    )


def test_start_breach_is_none_on_the_conservative_earliest_start_itself():
    assert lt.earliest_high_risk_start(d("2026-01-31")) == d("2026-03-01")
    assert lt.start_breach(d("2026-01-31"), d("2026-03-01")) is None


def test_start_breach_is_a_breach_the_day_before_the_conservative_earliest_start():
    breach = lt.start_breach(d("2026-01-31"), d("2026-02-28"))
    assert breach is not None
    assert breach.failure_date_protective == d("2026-02-28")
    # The latest legal C for 28 February is 31 January (add_months(31 Jan, 1) = 28 Feb).
    assert breach.failure_date_safe == d("2026-02-01")
    assert breach.limitation_safe == lt.limitation(d("2026-02-01")).file_by


def test_start_breach_is_none_the_day_after_the_conservative_earliest_start():
    assert lt.start_breach(d("2026-01-31"), d("2026-03-02")) is None


def test_start_breach_before_the_consultation_concluded_is_a_breach():
    breach = lt.start_breach(d("2026-01-31"), d("2026-01-10"))
    assert breach is not None
    assert breach.failure_date_protective == d("2026-01-10")
    assert breach.failure_date_safe <= breach.failure_date_protective


def test_start_breach_refuses_datetimes():
    with pytest.raises(TypeError):
        lt.start_breach(instant("2026-01-31T10:00:00+00:00"), d("2026-02-27"))

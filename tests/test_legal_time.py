"""Every worked example in ../shared/legal_time_cases.json that the legal clock answers, plus
properties that must hold for every date (hypothesis)."""

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core import legal_time as lt

CASES_FILE = Path(__file__).resolve().parents[2] / "shared" / "legal_time_cases.json"
CASES = json.loads(CASES_FILE.read_text(encoding="utf-8"))

# Cases about workflow, not dates: later features answer them (named so none is forgotten).
NOT_ANSWERED_BY_THE_CLOCK = {
    "WAIRA-INIT-01": "go-live gate: no WAIRA means block (issue 3)",
    "DUP-07": "exemption needs an earlier request already reconsidered (issue 5)",
    "AGENT-01": "competent agent limbs (issue 5)",
    "AGENT-02": "delegate limbs (issue 5)",
    "AGENT-03": "default agent warning (issue 5)",
    "VEX-01": "vexatious factors are shown, never decided (issue 5)",
    "TK-01": "carry-forward soft gate (tests/test_gates.py, test_case_transitions.py)",
    "EXPL-EXEMPT-01": "s.17(5)(b) has no time element (issue 5)",
    "EXPL-EXEMPT-02": "literal reading of s.17(5)(c) (issue 5)",
}


def d(text: str) -> date:
    return date.fromisoformat(text)


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_add_months(inputs, expected):
    assert lt.add_months(d(inputs["date"]), inputs["months"]) == d(expected["result"])


def check_window(deadline):
    def check(inputs, expected):
        last_day = deadline(d(inputs["aware_date"]))
        assert last_day == d(expected["last_day_to_request"])
        if "in_time" in expected:
            assert (d(inputs["request_date"]) <= last_day) is expected["in_time"]

    return check


def check_response_due(inputs, expected):
    if "request_received_at" in inputs:
        received = instant(inputs["request_received_at"])
        request_date = lt.uk_date(received)
        assert request_date == d(expected["local_request_date"])
    else:
        request_date = d(inputs["request_date"])
    due = lt.response_due(request_date)
    assert due == d(expected["due_date"])
    if "failure_date" in expected:
        assert lt.failure_date(due) == d(expected["failure_date"])
    if "deadline_end_utc" in expected:
        end = lt.end_of_uk_day(due)
        assert end.replace(microsecond=0) == instant(expected["deadline_end_utc"])
        assert lt.uk_date(end + timedelta(microseconds=1)) == due + timedelta(days=1)
    for provided, compliant in expected.get("compliant_if_provided_on", {}).items():
        assert (d(provided) <= due) is compliant


def check_limitation(inputs, expected):
    if "limitation_last_day" in inputs:  # TS-05: the limit ends at midnight UK time
        last_day = d(inputs["limitation_last_day"])
        for submitted, in_time in expected["in_time"].items():
            assert lt.is_in_time(instant(submitted), last_day) is in_time
        return
    if "failure_date" in inputs:
        failure = d(inputs["failure_date"])
    elif "request_date" in inputs:
        last = lt.response_due(d(inputs["request_date"]))
        assert last == d(expected["last_compliance_date"])
        failure = lt.failure_date(last)
    elif "first_use_date" in inputs:
        last = lt.register_update_due(d(inputs["first_use_date"]))
        assert last == d(expected["last_compliance_date"])
        failure = lt.failure_date(last)
    elif "further_waira_due" in inputs:
        failure = lt.failure_date(d(inputs["further_waira_due"]))
    else:
        failure = lt.failure_date(d(inputs["last_compliance_date"]))
    if "failure_date" in expected:
        assert failure == d(expected["failure_date"])
    limit = lt.limitation(failure)
    assert limit.out_of_time_after == d(expected["limitation_protective"])
    assert limit.file_by == d(expected["limitation_safe"])
    if "with_acas_protective" in expected:
        day_a, day_b = d(inputs["day_a"]), d(inputs["day_b"])
        protective = lt.with_early_conciliation(limit.out_of_time_after, failure, day_a, day_b)
        safe = lt.with_early_conciliation(limit.file_by, failure, day_a, day_b)
        assert protective == d(expected["with_acas_protective"])
        assert safe == d(expected["with_acas_safe"])
        # A14: the overall safe filing date ignores early conciliation.
        assert limit.file_by == d(expected["overall_safe_filing_date"])


def check_calibration(inputs, expected):
    edt = d(inputs["edt"])
    primary = lt.limitation(edt, months=inputs["months"]).out_of_time_after
    assert primary == d(expected["primary"])
    extended = lt.with_early_conciliation(primary, edt, d(inputs["day_a"]), d(inputs["day_b"]))
    assert extended == d(expected["extended"])
    if "presented" in inputs:
        assert (d(inputs["presented"]) <= extended) is expected["presented_in_time"]


def check_duplicate(inputs, expected):
    earlier, later = d(inputs["prev_request_date"]), d(inputs["new_request_date"])
    last_inside = lt.add_days(lt.add_months(earlier, 3), -1)
    assert last_inside == d(expected["window_last_day_conservative"])
    assert lt.is_within_lookback(earlier, later) is expected["inside_conservative"]
    assert (
        lt.is_within_lookback_employer_reading(earlier, later)
        is expected["inside_employer_reading"]
    )


def check_consultation(inputs, expected):
    if "consultation_completed" in inputs:
        concluded = d(inputs["consultation_completed"])
        assert lt.legal_earliest_high_risk_start(concluded) == d(expected["earliest_start_legal"])
        earliest = lt.earliest_high_risk_start(concluded)
        assert earliest == d(expected["earliest_start_conservative"])
        assert expected["gate_default"] == f"block_until_{earliest.isoformat()}"
    else:
        start = d(inputs["planned_start"])
        assert lt.latest_consultation_conclusion_for(start, conservative=False) == d(
            expected["latest_completion_legal"]
        )
        assert lt.latest_consultation_conclusion_for(start) == d(
            expected["latest_completion_conservative"]
        )


def check_consultation_repeat(inputs, expected):
    assert lt.next_review_due(d(inputs["last_consultation_completed"])) == d(expected["next_due"])
    assert lt.next_review_due(d(inputs["hrdm_start"])) == d(expected["alternative_start_anchored"])


def check_waira_periodic(inputs, expected):
    if "further_waira_due" in inputs:
        check_limitation(inputs, expected)
        return
    assert lt.next_review_due(d(inputs["initial_waira_completed"])) == d(
        expected["first_further_due"]
    )
    assert lt.next_review_due(d(inputs["second_waira_completed"])) == d(
        expected["second_further_due"]
    )


def check_register(inputs, expected):
    event = d(inputs.get("first_use_date") or inputs["change_date"])
    assert lt.register_update_due(event) == d(expected["due_date"])


def check_go_live(inputs, expected):
    earliest = lt.earliest_high_risk_start(d(inputs["consultation_completed"]))
    assert d(inputs["planned_go_live"]) < earliest
    assert expected["gate"] == f"block_until_{earliest.isoformat()}"


def check_welsh_correspondence(inputs, expected):
    # Translation never extends the deadline: the Welsh letter is due on the Bill's date.
    assert lt.response_due(d(inputs["request_date"])) == d(expected["bill_due_date"])


CHECKS = {
    "PRIM-ADD-MONTHS": check_add_months,
    "R-EXPL-WINDOW": check_window(lt.explanation_request_deadline),
    "R-RECON-WINDOW": check_window(lt.reconsideration_request_deadline),
    "R-EXPL-DUE": check_response_due,
    "R-RECON-DUE": check_response_due,
    "R-ET-LIMIT": check_limitation,
    "R-ET-ACAS": check_limitation,
    "R-ET-ACAS (calibration, 3 months)": check_calibration,
    "R-RECON-EXEMPT-DUP": check_duplicate,
    "R-CONS-INIT": check_consultation,
    "R-CONS-REPEAT": check_consultation_repeat,
    "R-WAIRA-PERIODIC": check_waira_periodic,
    "R-WAIRA-PERIODIC + R-ET-LIMIT": check_waira_periodic,
    "R-REG-INIT": check_register,
    "R-REG-CHANGE": check_register,
    "G-TK-GO-LIVE": check_go_live,
    "R-CY-CORR": check_welsh_correspondence,
}

ANSWERED = [case for case in CASES if case["id"] not in NOT_ANSWERED_BY_THE_CLOCK]


@pytest.mark.parametrize("case", [pytest.param(case, id=case["id"]) for case in ANSWERED])
def test_worked_example(case):
    CHECKS[case["rule"]](case["inputs"], case["expected"])


def test_every_worked_example_is_checked_or_named():
    ids = {case["id"] for case in CASES}
    assert set(NOT_ANSWERED_BY_THE_CLOCK) <= ids
    assert all(case["rule"] in CHECKS for case in ANSWERED)


def test_a_request_at_23_30_utc_on_30_june_is_made_on_1_july():
    assert lt.uk_date(datetime(2025, 6, 30, 23, 30, tzinfo=UTC)) == date(2025, 7, 1)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        lt.uk_date(datetime(2025, 6, 30, 23, 30))


def test_months_beyond_the_calendar_are_refused_clearly():
    with pytest.raises(ValueError, match="outside the calendar"):
        lt.add_months(date(9999, 12, 1), 1)


def test_early_conciliation_needs_both_dates():
    limit, failure = date(2025, 12, 19), date(2025, 6, 20)
    assert lt.with_early_conciliation(limit, failure, date(2025, 7, 22), None) == limit
    assert lt.with_early_conciliation(limit, failure, None, date(2025, 8, 22)) == limit


dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2300, 12, 31))
months = st.integers(min_value=-120, max_value=120)


@given(dates, months)
def test_add_months_lands_in_the_target_month_on_or_before_the_same_day(start, n):
    result = lt.add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    assert result.day <= start.day
    if result.day < start.day:  # clamped: only to the last day of a shorter month
        assert (result + timedelta(days=1)).day == 1


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2300, 12, 28)), months)
def test_add_months_round_trips_for_days_every_month_has(start, n):
    start = start.replace(day=min(start.day, 28))
    assert lt.add_months(lt.add_months(start, n), -n) == start


@given(dates)
def test_a_response_is_due_28_days_later_and_fails_the_day_after(request_date):
    due = lt.response_due(request_date)
    assert (due - request_date).days == 28
    assert (lt.failure_date(due) - due).days == 1


@given(dates)
def test_limitation_safe_date_is_never_after_the_protective_date(failure):
    limit = lt.limitation(failure)
    assert limit.file_by <= limit.out_of_time_after
    assert lt.add_months(failure, 5) < limit.file_by
    assert limit.out_of_time_after < lt.add_months(failure, 6) + timedelta(days=1)


@given(dates, st.integers(min_value=0, max_value=200))
def test_the_lookback_excludes_the_corresponding_date_and_everything_after(earlier, gap):
    later = earlier + timedelta(days=gap)
    assert lt.is_within_lookback(earlier, later) is (later < lt.add_months(earlier, 3))
    assert not lt.is_within_lookback(later + timedelta(days=1), later)


@given(st.dates(min_value=date(1971, 1, 1), max_value=date(2200, 12, 31)))
def test_end_of_uk_day_is_the_last_instant_of_that_date(day):
    end = lt.end_of_uk_day(day)
    assert end.tzinfo is not None
    assert lt.uk_date(end) == day
    assert lt.uk_date(end + timedelta(microseconds=1)) == day + timedelta(days=1)


@given(dates)
def test_the_consultation_gate_opens_on_the_day_after_the_corresponding_date(concluded):
    earliest = lt.earliest_high_risk_start(concluded)
    assert earliest == lt.add_months(concluded, 1) + timedelta(days=1)
    latest = lt.latest_consultation_conclusion_for(earliest)
    assert latest >= concluded
    assert lt.earliest_high_risk_start(latest) <= earliest

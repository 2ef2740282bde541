"""When a case's next oversight review is due (core.legal_time.oversight_review_due): at least
every 12 months, brought forward to its systems' next WAIRA. Plain functions: no database."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.legal_time import add_months, oversight_review_due


def test_without_a_waira_it_is_twelve_months_on():
    assert oversight_review_due(date(2027, 3, 15)) == date(2028, 3, 15)


def test_a_leap_day_review_is_next_due_on_the_last_day_of_february():
    assert oversight_review_due(date(2028, 2, 29)) == date(2029, 2, 28)


def test_a_month_end_review_keeps_the_corresponding_date():
    assert oversight_review_due(date(2027, 8, 31)) == date(2028, 8, 31)
    assert oversight_review_due(date(2027, 1, 31), []) == date(2028, 1, 31)


def test_it_is_aligned_with_the_earliest_next_waira():
    due = oversight_review_due(date(2027, 3, 15), [date(2027, 11, 2), date(2027, 9, 30)])
    assert due == date(2027, 9, 30)


def test_a_waira_after_the_twelve_months_does_not_push_it_later():
    assert oversight_review_due(date(2027, 3, 15), [date(2028, 6, 1)]) == date(2028, 3, 15)


@pytest.mark.parametrize("waira_due", [date(2027, 3, 15), date(2027, 1, 1)])
def test_a_waira_already_due_on_the_day_is_not_aligned_with(waira_due):
    assert oversight_review_due(date(2027, 3, 15), [waira_due]) == date(2028, 3, 15)


def test_a_waira_due_the_next_day_is_aligned_with():
    assert oversight_review_due(date(2027, 3, 15), [date(2027, 3, 16)]) == date(2027, 3, 16)


def test_a_waira_due_on_a_leap_day_is_aligned_with():
    assert oversight_review_due(date(2027, 6, 1), [date(2028, 2, 29)]) == date(2028, 2, 29)


@given(
    previous=st.dates(min_value=date(2000, 1, 1), max_value=date(2200, 12, 31)),
    wairas=st.lists(st.dates(min_value=date(1999, 1, 1), max_value=date(2202, 1, 1))),
)
def test_it_is_after_the_previous_review_and_never_later_than_twelve_months(previous, wairas):
    due = oversight_review_due(previous, wairas)
    assert previous < due <= add_months(previous, 12)
    assert due == add_months(previous, 12) or due in wairas

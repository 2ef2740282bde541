"""What the dashboard says is due, worked out by the legal clock on the UK date."""

import datetime

import pytest
import time_machine

from procurement import services
from procurement.selectors import case_list_for_dashboard, next_dates_for
from registers import services as register_services
from tests.procurement_helpers import new_case
from tests.system_helpers import system_in_high_risk_use

pytestmark = pytest.mark.django_db

UTC = datetime.UTC  # instants are given in UTC; the clock turns them into UK dates


def due_items(case):
    return next_dates_for(case_list_for_dashboard(type(case).objects.filter(pk=case.pk)).get())


def register_item(case):
    (item,) = [item for item in due_items(case) if item.label.startswith("Register entry")]
    return item


@pytest.fixture
def case_with_system_in_use(commissioner, organisation):
    case = new_case(commissioner, organisation)
    system = system_in_high_risk_use(
        commissioner, organisation, name="ShiftSense", first_use=datetime.date(2025, 11, 30)
    )
    services.case_link_ai_system(actor=commissioner, case=case, system=system)
    return case


def test_the_register_entry_is_due_three_months_after_first_use(case_with_system_in_use):
    item = register_item(case_with_system_in_use)
    assert item.due == datetime.date(2026, 2, 28)  # REG-01: 30 Nov + 3 months


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        (datetime.datetime(2026, 2, 27, 12, 0, tzinfo=UTC), False),  # the day before
        (datetime.datetime(2026, 2, 28, 23, 59, tzinfo=UTC), False),  # on the day (GMT)
        (datetime.datetime(2026, 3, 1, 0, 0, tzinfo=UTC), True),  # the day after
    ],
)
def test_an_entry_is_overdue_only_from_the_day_after_it_was_due(
    case_with_system_in_use, now, overdue
):
    with time_machine.travel(now, tick=False):
        assert register_item(case_with_system_in_use).overdue is overdue


def test_a_planned_start_shows_until_the_system_is_first_used(commissioner, organisation):
    case = new_case(commissioner, organisation)
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, 0, tzinfo=UTC), tick=False):
        system = register_services.ai_system_create(
            actor=commissioner,
            organisation=organisation,
            name="CVScreen",
            planned_start=datetime.date(2026, 9, 1),
        )
        services.case_link_ai_system(actor=commissioner, case=case, system=system)
        (item,) = due_items(case)
        assert (item.label, item.due) == ("Planned start", datetime.date(2026, 9, 1))

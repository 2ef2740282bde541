"""What the dashboard says is due, worked out by the legal clock on the UK date."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from procurement import services
from procurement.selectors import case_list_for_dashboard, next_dates_for
from registers import services as register_services
from tests.procurement_helpers import new_case
from tests.register_helpers import published_entry
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


def test_a_published_entry_is_not_shown_as_due_on_the_case_page_or_dashboard(
    client, case_with_system_in_use, commissioner
):
    """The register date is read from the entry's stored clock, never recomputed from first use:
    once the entry is published nothing is owed, as the public register says."""
    (system,) = case_with_system_in_use.ai_systems.all()
    with time_machine.travel(datetime.datetime(2026, 1, 15, 12, 0, tzinfo=UTC), tick=False):
        published_entry(commissioner, system)
    client.force_login(commissioner)
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, 0, tzinfo=UTC), tick=False):
        pages = [
            client.get(reverse("procurement:case_detail", args=[case_with_system_in_use.pk])),
            client.get(reverse("core:dashboard")),
        ]
    for page in pages:
        assert page.status_code == 200
        html = page.content.decode()
        assert "ShiftSense" in html
        assert "Register entry due" not in html
        assert "Overdue" not in html


def test_an_unpublished_entry_is_shown_as_overdue_on_the_case_page_and_dashboard(
    client, case_with_system_in_use, commissioner
):
    client.force_login(commissioner)
    with time_machine.travel(datetime.datetime(2026, 4, 1, 12, 0, tzinfo=UTC), tick=False):
        pages = [
            client.get(reverse("procurement:case_detail", args=[case_with_system_in_use.pk])),
            client.get(reverse("core:dashboard")),
        ]
    for page in pages:
        html = page.content.decode()
        assert "Register entry due (s.16(4))" in html
        assert "Overdue" in html

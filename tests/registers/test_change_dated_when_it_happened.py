"""A change to a registered system is dated by when it happened (issue 13, item 3; s.16(5)):
entered, never later than today nor before first use; the 3-month clock runs from it, and a
change already more than three months old when entered has its due date stored in the past and
is flagged and opens its failure from the day after that due date."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from accountability.models import Failure, Obligation
from core import legal_time
from registers import selectors, services
from registers.models import DueRule, RegisterEntry
from tests.accountability.helpers import sweep_on
from tests.register_helpers import published_entry, register_system

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2025, 1, 6)
TODAY = "2025-06-10T10:00:00Z"


@pytest.fixture
def system(commissioner, organisation):
    with time_machine.travel("2025-02-03T10:00:00Z", tick=False):
        system = register_system(commissioner, organisation, first_use=FIRST_USE, name="RotaWise")
        published_entry(commissioner, system)
    return system


def rename(actor, system, changed_on, name="RotaWise 2"):
    return services.ai_system_update(
        actor=actor,
        system=system,
        name=name,
        supplier=system.supplier,
        description=system.description,
        value_chain=system.value_chain,
        decision_categories=list(system.decision_categories.all()),
        used_in_high_risk_decision_making=True,
        planned_start=system.planned_start,
        first_use=system.first_use,
        end_of_use=None,
        changed_on=changed_on,
    )


@pytest.mark.parametrize(
    ("changed_on", "overdue"),
    [
        (datetime.date(2025, 3, 9), True),  # its three months ended yesterday
        (datetime.date(2025, 3, 10), False),  # due today
        (datetime.date(2025, 3, 11), False),
    ],
)
def test_the_change_clock_runs_from_when_it_happened(commissioner, system, changed_on, overdue):
    with time_machine.travel(TODAY, tick=False):
        rename(commissioner, system, changed_on)
        entry = RegisterEntry.objects.get(system=system)
        assert entry.due_rule == DueRule.CHANGE
        assert entry.due_by == legal_time.register_update_due(changed_on)
        assert (selectors.register_change_overdue(system) is not None) is overdue


@pytest.mark.parametrize(
    ("changed_on", "refused"),
    [
        (datetime.date(2025, 6, 9), False),
        (datetime.date(2025, 6, 10), False),
        (datetime.date(2025, 6, 11), True),  # tomorrow
        (datetime.date(2025, 1, 5), True),  # the day before first use
        (datetime.date(2025, 1, 6), False),  # the day of first use
    ],
)
def test_the_change_date_is_never_in_the_future_nor_before_first_use(
    commissioner, system, changed_on, refused
):
    with time_machine.travel(TODAY, tick=False):
        if refused:
            with pytest.raises(ValidationError) as error:
                rename(commissioner, system, changed_on)
            assert "changed_on" in error.value.message_dict
        else:
            rename(commissioner, system, changed_on)


def test_the_edit_page_flags_a_change_already_overdue(client, commissioner, system):
    client.force_login(commissioner)
    with time_machine.travel(TODAY, tick=False):
        url = reverse("registers:system_edit", args=[system.pk])
        form = client.get(url).content.decode()
        assert 'name="changed_on_day"' in form
        data = {
            "name": "RotaWise 2",
            "supplier": system.supplier,
            "description": system.description,
            "value_chain": system.value_chain,
            "decision_categories": [c.pk for c in system.decision_categories.all()],
            "used_in_high_risk_decision_making": "on",
            "first_use_day": "6",
            "first_use_month": "1",
            "first_use_year": "2025",
            "changed_on_day": "1",
            "changed_on_month": "2",
            "changed_on_year": "2025",
        }
        response = client.post(url, data, follow=True)
    assert "This change happened more than 3 months ago" in response.content.decode()


@pytest.mark.parametrize(
    ("changed_on", "failure_on"),
    [
        (datetime.date(2025, 2, 1), datetime.date(2025, 5, 2)),  # long past when entered
        (datetime.date(2025, 3, 9), datetime.date(2025, 6, 10)),  # due yesterday
        (datetime.date(2025, 3, 10), None),  # due today
        (datetime.date(2025, 3, 11), None),  # due tomorrow
    ],
)
def test_a_change_entered_after_its_three_months_is_clocked_from_when_it_happened(
    commissioner, system, changed_on, failure_on
):
    with time_machine.travel(TODAY, tick=False):
        rename(commissioner, system, changed_on)
    sweep_on(datetime.date(2025, 6, 10))
    found = list(Failure.objects.filter(system=system, obligation=Obligation.REGISTER_CHANGE))
    if failure_on is None:
        assert found == []
        return
    (failure,) = found
    assert failure.last_compliance_date == legal_time.register_update_due(changed_on)
    assert failure.failure_date_protective == failure.failure_date_safe == failure_on
    assert failure.limitation_safe == legal_time.limitation(failure_on).file_by
    sweep_on(datetime.date(2025, 6, 11))  # opened once, whenever it was found
    assert Failure.objects.filter(system=system, obligation=Obligation.REGISTER_CHANGE).count() == 1

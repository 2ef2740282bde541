"""Adding a high-risk decision while the further WAIRA is overdue needs a recorded reason
(issue 13, item 4; rules.md R-WAIRA-PERIODIC: a soft block on new HRDM categories)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core.models import TimelineEvent
from registers import services
from registers.models import DecisionCategory
from tests.register_helpers import register_system

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2025, 1, 6)  # its WAIRA completed 6 November 2024: next due 6 Nov 2025


@pytest.fixture
def system(commissioner, organisation):
    return register_system(commissioner, organisation, first_use=FIRST_USE, name="RotaWise")


def add_a_decision(actor, system, reason=""):
    categories = list(system.decision_categories.all())
    extra = DecisionCategory.objects.exclude(pk__in=[c.pk for c in categories]).first()
    assert extra is not None
    return services.ai_system_update(
        actor=actor,
        system=system,
        name=system.name,
        supplier=system.supplier,
        description=system.description,
        value_chain=system.value_chain,
        decision_categories=[*categories, extra],
        used_in_high_risk_decision_making=True,
        planned_start=system.planned_start,
        first_use=system.first_use,
        end_of_use=None,
        overdue_reason=reason,
    )


@pytest.mark.parametrize(
    ("day", "needs_reason"),
    [("2025-11-05", False), ("2025-11-06", False), ("2025-11-07", True)],
)
def test_a_new_decision_while_overdue_needs_a_reason(commissioner, system, day, needs_reason):
    assert system.waira_next_due == datetime.date(2025, 11, 6)
    with time_machine.travel(f"{day}T10:00:00Z", tick=False):
        if needs_reason:
            with pytest.raises(ValidationError) as error:
                add_a_decision(commissioner, system)
            assert "overdue_reason" in error.value.message_dict
        else:
            add_a_decision(commissioner, system)


def test_the_reason_is_recorded_on_the_timeline(commissioner, system):
    with time_machine.travel("2025-11-07T10:00:00Z", tick=False):
        add_a_decision(commissioner, system, reason="Urgent rota cover; WAIRA booked for 1 Dec.")
    event = TimelineEvent.objects.filter(kind="ai_system_updated").latest("pk")
    assert event.reason == "Urgent rota cover; WAIRA booked for 1 Dec."

"""Every stored due date and failure date is guarded in the database (issue 13 item 3, ADR 0010):
beside the request clocks and the AI system's 12-month clocks (tests/cross_app/
test_clock_guards.py), an accountability failure's dates never move once recorded, a start
recorded in breach keeps its dates, and a register entry's due date moves only to what its
inputs give. Each is refused through the ORM (`QuerySet.update()`) and through raw SQL."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from accountability.models import Failure, Obligation
from registers import services as register_services
from registers.models import RegisterEntry
from tests.accountability.helpers import breach_start, on, sweep_on
from tests.register_helpers import entry_text
from tests.waira_helpers import assessable_system, complete_waira_on
from waira.models import HighRiskStartBreach

pytestmark = pytest.mark.django_db

C = datetime.date(2026, 1, 31)  # consultation completed
S = datetime.date(2026, 2, 27)  # high-risk use begun, in breach of s.15(1)
LATER = datetime.date(2030, 1, 1)

FAILURE_DATES = [
    "last_compliance_date",
    "failure_date_protective",
    "failure_date_safe",
    "limitation_safe",
    "limitation_protective",
    "limitation_safe_with_conciliation",
    "limitation_protective_with_conciliation",
]
BREACH_DATES = ["started_on", "waira_completed_on", "consultation_concluded_on"]


@pytest.fixture
def started_in_breach(commissioner, organisation):
    """A system begun in breach on S: its s.15(1) failure opened by the sweep, its register
    entry owed three months from S."""
    with on(datetime.date(2026, 1, 2)):
        system = assessable_system(commissioner, organisation, planned_start=S)
    complete_waira_on(commissioner, system, C)
    breach_start(commissioner, system, S, datetime.date(2026, 3, 2))
    sweep_on(datetime.date(2026, 3, 3))
    return system


def refused_both_ways(model, pk: int, field: str, value: datetime.date | None) -> None:
    """The change is refused through the ORM and through raw SQL."""
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.filter(pk=pk).update(**{field: value})
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(field)
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", [value, pk])


@pytest.mark.parametrize("field", FAILURE_DATES)
def test_a_failures_date_never_moves(started_in_breach, field):
    failure = Failure.objects.get(
        system=started_in_breach, obligation=Obligation.CONSULT_BEFORE_USE
    )
    if field.endswith("_with_conciliation"):
        # Give the row conciliation dates first, as the service does, so there is one to move.
        Failure.objects.filter(pk=failure.pk).update(
            day_a=datetime.date(2026, 6, 1),
            day_b=datetime.date(2026, 6, 20),
            **{field: datetime.date(2026, 8, 15)},
        )
    before = Failure.objects.values_list(field, flat=True).get(pk=failure.pk)
    refused_both_ways(Failure, failure.pk, field, LATER)
    assert Failure.objects.values_list(field, flat=True).get(pk=failure.pk) == before


def test_the_conciliation_dates_move_with_day_a_and_day_b(started_in_breach):
    """As `failure_record_early_conciliation` writes them (its own tests go through the pages:
    tests/accountability/test_failure_pages.py)."""
    failure = Failure.objects.get(
        system=started_in_breach, obligation=Obligation.CONSULT_BEFORE_USE
    )
    Failure.objects.filter(pk=failure.pk).update(
        day_a=datetime.date(2026, 6, 1),
        day_b=datetime.date(2026, 6, 20),
        limitation_safe_with_conciliation=datetime.date(2026, 8, 15),
    )
    failure.refresh_from_db()
    assert failure.limitation_safe_with_conciliation == datetime.date(2026, 8, 15)
    assert failure.limitation_safe == datetime.date(2026, 7, 27)  # the safe date stays


@pytest.mark.parametrize("field", BREACH_DATES)
def test_a_start_in_breach_keeps_its_dates(started_in_breach, field):
    breach = HighRiskStartBreach.objects.get(system=started_in_breach)
    before = getattr(breach, field)
    refused_both_ways(HighRiskStartBreach, breach.pk, field, LATER)
    breach.refresh_from_db()
    assert getattr(breach, field) == before


@pytest.mark.skipif(connection.vendor != "postgresql", reason="guarded on PostgreSQL only")
def test_a_register_entrys_due_date_moves_only_to_what_its_inputs_give(
    commissioner, started_in_breach
):
    entry = RegisterEntry.objects.get(system=started_in_breach)
    assert entry.due_by == datetime.date(2026, 5, 27)  # R-REG-INIT: three months from S
    refused_both_ways(RegisterEntry, entry.pk, "due_by", LATER)
    refused_both_ways(RegisterEntry, entry.pk, "due_by", None)
    # Publishing, through the service, settles what was owed: the due date goes with it.
    with on(datetime.date(2026, 3, 10)):
        entry = register_services.register_entry_save(
            actor=commissioner, system=started_in_breach, **entry_text()
        )
        register_services.register_entry_publish(actor=commissioner, entry=entry)
    entry.refresh_from_db()
    assert entry.due_by is None

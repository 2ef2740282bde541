"""An AI system's workflow facts change only through the services (issue 13 item 3, ADR 0010):
first use, end of use, the high-risk flag and the decision categories. The admin has no input
for them (test_clock_guards.py); below it, the database refuses any other write, the ORM's
`QuerySet.update()` and raw SQL alike, unless a service has opened
`core.clock_guards.workflow_write()` in the same transaction (registers/0008)."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from core.clock_guards import WORKFLOW_MESSAGE, workflow_write
from registers import services as register_services
from registers.models import AISystem, DecisionCategory
from tests.accountability.helpers import consulted_system, on

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2026, 3, 2)
TODAY = datetime.date(2026, 6, 1)
FACTS: dict[str, datetime.date | bool] = {
    "first_use": datetime.date(2026, 1, 5),
    "end_of_use": datetime.date(2026, 5, 1),
    "used_in_high_risk_decision_making": False,
}
THROUGH = AISystem.decision_categories.through._meta.db_table


@pytest.fixture
def system(commissioner, organisation, worker):
    """A system in high-risk use from FIRST_USE, started through the WAIRA gate."""
    return consulted_system(commissioner, organisation, first_use=FIRST_USE, workers=[worker])


def refused_with_message(change) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        change()
    assert WORKFLOW_MESSAGE in str(error.value)


def raw(sql: str, params: list[int | str | datetime.date | bool | None]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def update(actor, system, **changes):
    fields = {
        "name": system.name,
        "supplier": system.supplier,
        "description": system.description,
        "value_chain": system.value_chain,
        "decision_categories": list(system.decision_categories.all()),
        "used_in_high_risk_decision_making": system.used_in_high_risk_decision_making,
        "planned_start": system.planned_start,
        "first_use": system.first_use,
        "end_of_use": system.end_of_use,
    }
    return register_services.ai_system_update(actor=actor, system=system, **{**fields, **changes})


def facts(system: AISystem) -> tuple[object, ...]:
    row = AISystem.objects.values_list(*FACTS).get(pk=system.pk)
    return (*row, sorted(system.decision_categories.values_list("pk", flat=True)))


@pytest.mark.parametrize("field", sorted(FACTS))
def test_the_database_refuses_a_workflow_fact_written_through_the_orm(system, field):
    before = facts(system)
    refused_with_message(
        lambda: AISystem.objects.filter(pk=system.pk).update(**{field: FACTS[field]})
    )
    assert facts(system) == before


@pytest.mark.parametrize("field", sorted(FACTS))
def test_the_database_refuses_a_workflow_fact_written_in_raw_sql(system, field):
    before = facts(system)
    column = connection.ops.quote_name(field)
    refused_with_message(
        lambda: raw(
            f"UPDATE registers_aisystem SET {column} = %s WHERE id = %s",
            [FACTS[field], system.pk],
        )
    )
    assert facts(system) == before


def test_a_save_outside_the_services_cannot_change_a_workflow_fact(system):
    system.first_use = FACTS["first_use"]
    with pytest.raises(IntegrityError), transaction.atomic():
        system.save()
    assert facts(system)[0] == FIRST_USE


def test_the_database_refuses_decision_categories_changed_outside_the_services(system):
    before = facts(system)
    held = system.decision_categories.first()
    other = DecisionCategory.objects.exclude(ai_systems=system).first()
    assert held is not None and other is not None
    refused_with_message(lambda: system.decision_categories.add(other))
    refused_with_message(lambda: system.decision_categories.remove(held))
    refused_with_message(lambda: system.decision_categories.clear())
    refused_with_message(
        lambda: raw(
            f"INSERT INTO {THROUGH} (aisystem_id, decisioncategory_id) VALUES (%s, %s)",
            [system.pk, other.pk],
        )
    )
    refused_with_message(
        lambda: raw(
            f"UPDATE {THROUGH} SET decisioncategory_id = %s WHERE aisystem_id = %s",
            [other.pk, system.pk],
        )
    )
    refused_with_message(lambda: raw(f"DELETE FROM {THROUGH} WHERE aisystem_id = %s", [system.pk]))
    assert facts(system) == before


def test_other_columns_still_change_and_an_unchanged_fact_passes(system):
    AISystem.objects.filter(pk=system.pk).update(supplier="Another supplier")
    system.refresh_from_db()
    system.description = "Now also plans annual leave."
    system.save()  # writes every column, the facts unchanged
    system.refresh_from_db()
    assert (system.supplier, system.description, system.first_use) == (
        "Another supplier",
        "Now also plans annual leave.",
        FIRST_USE,
    )


def test_the_services_still_write_every_workflow_fact(commissioner, system):
    other = DecisionCategory.objects.exclude(ai_systems=system).first()
    categories = [*system.decision_categories.all(), other]
    with on(TODAY):
        update(
            commissioner,
            system,
            decision_categories=categories,
            end_of_use=datetime.date(2026, 5, 1),
        )
    system.refresh_from_db()
    assert system.end_of_use == datetime.date(2026, 5, 1)
    assert set(system.decision_categories.all()) == set(categories)
    assert system.used_in_high_risk_decision_making and system.first_use == FIRST_USE


def test_the_waira_gate_still_records_the_start_of_high_risk_use(system):
    # The fixture went through waira.services.high_risk_start_record: the flag and first use
    # were written by it, and the register's clock started from them.
    system.refresh_from_db()
    assert (system.used_in_high_risk_decision_making, system.first_use) == (True, FIRST_USE)
    assert system.register_entry.due_by == datetime.date(2026, 6, 2)


def test_a_new_system_states_its_facts_when_created(commissioner, organisation):
    with on(TODAY):
        created = register_services.ai_system_create(
            actor=commissioner,
            organisation=organisation,
            name="Shift planner",
            decision_categories=list(DecisionCategory.objects.all()[:2]),
            first_use=datetime.date(2026, 4, 1),
        )
    assert created.first_use == datetime.date(2026, 4, 1)
    assert created.decision_categories.count() == 2


def test_the_service_setting_is_never_left_on_for_the_rest_of_a_transaction(commissioner, system):
    with transaction.atomic():
        with on(TODAY):
            update(commissioner, system, supplier="Another supplier")
        refused_with_message(lambda: AISystem.objects.filter(pk=system.pk).update(end_of_use=TODAY))
    with transaction.atomic():
        with pytest.raises(ValueError), workflow_write():
            raise ValueError("a failed service")
        refused_with_message(lambda: AISystem.objects.filter(pk=system.pk).update(end_of_use=TODAY))


def test_nested_service_blocks_keep_the_outer_block_open(system):
    with workflow_write():
        with workflow_write():
            pass
        AISystem.objects.filter(pk=system.pk).update(end_of_use=TODAY)
    assert AISystem.objects.get(pk=system.pk).end_of_use == TODAY

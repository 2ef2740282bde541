"""An AI system's workflow facts change only through the services that check them (issue 13
item 3, docs/adr/0010-...): first use, end of use and the high-risk flag on the system's row, and
its decision categories (every row added to or removed from the link table). The services open
`core.clock_guards.workflow_write()`; any other write, the admin, `QuerySet.update()` or raw SQL,
is refused. A new system's row is inserted with its facts (ai_system_create checks them), so
only UPDATE is guarded there. PostgreSQL only (core/clock_guards.py says why)."""

from django.db import migrations

from core import clock_guards

GUARDS: clock_guards.WorkflowGuards = [
    (
        "registers_aisystem",
        "ai_system_workflow_through_services",
        ["first_use", "end_of_use", "used_in_high_risk_decision_making"],
    ),
    (
        "registers_aisystem_decision_categories",
        "ai_system_categories_through_services",
        None,
    ),
]


def create_triggers(apps, schema_editor):
    clock_guards.create_workflow_guards(schema_editor, GUARDS)


def drop_triggers(apps, schema_editor):
    clock_guards.drop_workflow_guards(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("registers", "0007_register_due_date_follows_its_inputs")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

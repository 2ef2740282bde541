"""A failure's dates never move once recorded (docs/adr/0010-...): the last day to comply, both
failure dates and both limitation dates are worked out when the sweep opens it; the dates with
early conciliation move only with Day A or Day B (`failure_record_early_conciliation`)."""

from django.db import migrations

from core import clock_guards

GUARDS: clock_guards.Guards = [
    (
        "accountability_failure",
        "failure_dates_never_move",
        [
            ("last_compliance_date", []),
            ("failure_date_protective", []),
            ("failure_date_safe", []),
            ("limitation_safe", []),
            ("limitation_protective", []),
            ("limitation_safe_with_conciliation", ["day_a", "day_b"]),
            ("limitation_protective_with_conciliation", ["day_a", "day_b"]),
        ],
    ),
]


def create_triggers(apps, schema_editor):
    clock_guards.create(schema_editor, GUARDS)


def drop_triggers(apps, schema_editor):
    clock_guards.drop(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("accountability", "0001_failures_steps_and_letters")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

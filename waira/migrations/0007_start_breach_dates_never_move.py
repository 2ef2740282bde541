"""A start recorded in breach keeps its dates (docs/adr/0010-...): the day high-risk use began
and the gate facts read that day are what accountability's failure dates are worked out from
(R-WAIRA-INIT, R-CONS-INIT, A3), so none of them ever changes once recorded."""

from django.db import migrations

from core import clock_guards

GUARDS: clock_guards.Guards = [
    (
        "waira_highriskstartbreach",
        "start_breach_dates_never_move",
        [
            ("started_on", []),
            ("waira_completed_on", []),
            ("consultation_concluded_on", []),
        ],
    ),
]


def create_triggers(apps, schema_editor):
    clock_guards.create(schema_editor, GUARDS)


def drop_triggers(apps, schema_editor):
    clock_guards.drop(schema_editor, GUARDS)


class Migration(migrations.Migration):
    dependencies = [("waira", "0006_concluded_before_listening_period_reason")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

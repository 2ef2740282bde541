"""An AI system's stored 12-month clocks move only with the date they count from, whatever
writes to the database (docs/adr/0010-...): the next WAIRA with the completion date
(s.14(4)), the next consultation with the date the last one concluded (s.15(4)). Only
`waira_complete` writes them, with their inputs.
"""

from django.db import migrations

MESSAGE = "A stored legal date changes only through the service that works it out."

GUARDS = [
    (
        "registers_aisystem",
        "ai_system_clocks_follow_inputs",
        [
            ("waira_next_due", ["waira_completed_on"]),
            ("consultation_next_due", ["consultation_concluded_on"]),
        ],
    ),
]


def _condition(guarded: str, inputs: list[str], distinct: str, same: str) -> str:
    moved = f"NEW.{guarded} {distinct} OLD.{guarded}"
    if not inputs:
        return f"({moved})"
    unchanged = " AND ".join(f"NEW.{column} {same} OLD.{column}" for column in inputs)
    return f"({moved} AND {unchanged})"


def _postgresql() -> list[str]:
    statements = []
    for table, name, columns in GUARDS:
        refused = " OR ".join(
            _condition(guarded, inputs, "IS DISTINCT FROM", "IS NOT DISTINCT FROM")
            for guarded, inputs in columns
        )
        statements += [
            f"""
            CREATE FUNCTION {name}() RETURNS trigger AS $$
            BEGIN
                IF {refused} THEN
                    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23514';
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            """,
            f"""
            CREATE TRIGGER {name} BEFORE UPDATE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {name}();
            """,
        ]
    return statements


def _postgresql_reverse() -> list[str]:
    return [
        statement
        for table, name, _columns in GUARDS
        for statement in (
            f"DROP TRIGGER IF EXISTS {name} ON {table};",
            f"DROP FUNCTION IF EXISTS {name}();",
        )
    ]


def _sqlite() -> list[str]:
    statements = []
    for table, name, columns in GUARDS:
        refused = " OR ".join(
            _condition(guarded, inputs, "IS NOT", "IS") for guarded, inputs in columns
        )
        statements.append(
            f"""CREATE TRIGGER {name} BEFORE UPDATE ON {table} WHEN {refused}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
        )
    return statements


def _sqlite_reverse() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {name};" for _table, name, _columns in GUARDS]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = (
        _postgresql() if vendor == "postgresql" else _sqlite() if vendor == "sqlite" else []
    )
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = (
        _postgresql_reverse()
        if vendor == "postgresql"
        else _sqlite_reverse()
        if vendor == "sqlite"
        else []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registers", "0004_register_entries_and_versions")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

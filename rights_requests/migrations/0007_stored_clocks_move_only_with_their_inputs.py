"""A request's stored dates move only with what they are worked out from, whatever writes to the
database: a service, the admin, `QuerySet.update()` or raw SQL (docs/adr/0010-...).

- The request date, the moment it was made and the window's last day never change.
- The due date changes only in the same write as its basis, its evidence or the worker's
  agreement: the services that recompute it (rights_request_set_due_date,
  rights_request_extension_answer) always write one of those with it; a bare change of the date
  is refused.
- A failure's dates never change; the early-conciliation dates move only with Day A or Day B.
"""

from django.db import migrations

MESSAGE = "A stored legal date changes only through the service that works it out."

# (table, trigger name, [(guarded column, [input columns]: the guarded one may change only
# when one of these changes in the same write; none: it never changes)])
GUARDS = [
    (
        "rights_requests_rightsrequest",
        "rights_request_clocks_follow_inputs",
        [
            ("request_date", []),
            ("made_at", []),
            ("window_last_day", []),
            ("due_date", ["due_basis", "due_basis_evidence", "extension_state"]),
        ],
    ),
    (
        "rights_requests_compliancefailure",
        "compliance_failure_dates_follow_inputs",
        [
            ("last_compliance_date", []),
            ("failure_date", []),
            ("file_by", []),
            ("out_of_time_after", []),
            ("extended_file_by", ["day_a", "day_b"]),
            ("extended_out_of_time_after", ["day_a", "day_b"]),
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
    dependencies = [("rights_requests", "0006_agreed_period_needs_the_workers_agreement")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

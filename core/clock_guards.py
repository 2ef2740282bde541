"""Database triggers that keep stored legal dates from being moved quietly (docs/adr/0010-...):
a guarded column may change only in the same write as the inputs it is worked out from (none:
it never changes once stored). PostgreSQL and SQLite, as registers/0005 and rights_requests/0007
do; used by later migrations, so its behaviour must never change (add a new function instead).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

MESSAGE = "A stored legal date changes only through the service that works it out."

# (table, trigger name, [(guarded column, [input columns]), ...])
Guards = list[tuple[str, str, list[tuple[str, list[str]]]]]


def _condition(guarded: str, inputs: list[str], distinct: str, same: str) -> str:
    moved = f"NEW.{guarded} {distinct} OLD.{guarded}"
    if not inputs:
        return f"({moved})"
    unchanged = " AND ".join(f"NEW.{column} {same} OLD.{column}" for column in inputs)
    return f"({moved} AND {unchanged})"


def _postgresql(guards: Guards) -> list[str]:
    statements = []
    for table, name, columns in guards:
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
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}();",
        ]
    return statements


def _sqlite(guards: Guards) -> list[str]:
    statements = []
    for table, name, columns in guards:
        refused = " OR ".join(
            _condition(guarded, inputs, "IS NOT", "IS") for guarded, inputs in columns
        )
        statements.append(
            f"""CREATE TRIGGER {name} BEFORE UPDATE ON {table} WHEN {refused}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
        )
    return statements


def create(schema_editor: Any, guards: Guards) -> None:
    vendor = schema_editor.connection.vendor
    statements: list[str] = []
    if vendor == "postgresql":
        statements = _postgresql(guards)
    elif vendor == "sqlite":
        statements = _sqlite(guards)
    for statement in statements:
        schema_editor.execute(statement)


def drop(schema_editor: Any, guards: Guards) -> None:
    vendor = schema_editor.connection.vendor
    for table, name, _columns in guards:
        if vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}();")
        elif vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name};")


# --- Workflow facts: written only inside `workflow_write()` -----------------------------------
# First use, end of use, the high-risk flag and the decision categories are facts staff state,
# not dates worked out from inputs, so nothing in the row can vouch for a change. They change
# only inside the services that check them (registers.services.systems, reached from the WAIRA
# gate too), which open `workflow_write()`: a transaction-local PostgreSQL setting that the
# trigger reads. PostgreSQL only, like registers/0007 (SQLite has no session settings; on
# SQLite, used only by `make run`, the services stay the only writers).

WORKFLOW_SETTING = "llais.workflow_write"
WORKFLOW_MESSAGE = (
    "The first use, end of use, high-risk flag and decision categories of an AI system change "
    "only through the registers and WAIRA services."
)

# (table, trigger name, guarded columns; None: every inserted, changed or deleted row)
WorkflowGuards = list[tuple[str, str, list[str] | None]]


def _workflow_refused() -> str:
    return f"coalesce(current_setting('{WORKFLOW_SETTING}', true), '') <> 'on'"


def create_workflow_guards(schema_editor: Any, guards: WorkflowGuards) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, columns in guards:
        if columns is None:
            events, when = "INSERT OR UPDATE OR DELETE", ""
        else:
            events = "UPDATE"
            when = (
                "WHEN ("
                + " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in columns)
                + ")"
            )
        schema_editor.execute(
            f"""
            CREATE FUNCTION {name}() RETURNS trigger AS $$
            BEGIN
                IF {_workflow_refused()} THEN
                    RAISE EXCEPTION '{WORKFLOW_MESSAGE}' USING ERRCODE = '23514';
                END IF;
                IF TG_OP = 'DELETE' THEN
                    RETURN OLD;
                END IF;
                RETURN NEW;
            END;
            $$ LANGUAGE plpgsql;
            """
        )
        schema_editor.execute(
            f"CREATE TRIGGER {name} BEFORE {events} ON {table} "
            f"FOR EACH ROW {when} EXECUTE FUNCTION {name}();"
        )


def drop_workflow_guards(schema_editor: Any, guards: WorkflowGuards) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, name, _columns in guards:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table};")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}();")


@contextmanager
def workflow_write() -> Iterator[None]:
    """Let the writes inside this block change an AI system's workflow facts. Opened only by the
    services that check those facts. The setting is transaction-local and put back as it was
    when the block ends; if the block fails, the savepoint's rollback takes it back with the
    writes, so it is never left on for the rest of an outer transaction."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting(%s, true)", [WORKFLOW_SETTING])
            previous = cursor.fetchone()[0] or "off"
            cursor.execute("SELECT set_config(%s, 'on', true)", [WORKFLOW_SETTING])
        yield
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [WORKFLOW_SETTING, previous])

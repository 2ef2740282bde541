"""Database triggers that keep stored legal dates from being moved quietly (docs/adr/0010-...):
a guarded column may change only in the same write as the inputs it is worked out from (none:
it never changes once stored). PostgreSQL and SQLite, as registers/0005 and rights_requests/0007
do; used by later migrations, so its behaviour must never change (add a new function instead).
"""

from __future__ import annotations

from typing import Any

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

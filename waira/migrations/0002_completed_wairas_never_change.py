"""A completed WAIRA, its answers and its consultation record can never change or disappear,
whatever writes to the database: a service, the admin, `QuerySet.update()` or raw SQL. Shared and
completed snapshots are never changed at all. The services refuse first with a clear message;
these triggers are the guarantee behind them (s.19(2): the employer must be able to prove it)."""

from django.db import migrations

CHILD_TABLES = [
    "waira_wairastatuterisk",
    "waira_wairacharacteristicimpact",
    "waira_wairasnapshot",
    "waira_wairasharing",
    "waira_wairaconsultee",
    "waira_concern",
    "waira_adverseaspect",
    "waira_wairacomment",
    "waira_wairaunionposition",
]
MESSAGE = "A completed WAIRA never changes: start a further WAIRA instead."
SNAPSHOT_MESSAGE = "A WAIRA snapshot is a record of what was shared or completed: it never changes."

POSTGRESQL = [
    f"""
    CREATE FUNCTION waira_refuse_completed() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23514';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER waira_completed_is_final BEFORE UPDATE OR DELETE ON waira_waira
    FOR EACH ROW WHEN (OLD.state = 'completed') EXECUTE FUNCTION waira_refuse_completed();
    """,
    f"""
    CREATE FUNCTION waira_refuse_child_of_completed() RETURNS trigger AS $$
    DECLARE
        parent_state text;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            SELECT state INTO parent_state FROM waira_waira WHERE id = NEW.waira_id;
        ELSE
            SELECT state INTO parent_state FROM waira_waira WHERE id = OLD.waira_id;
        END IF;
        IF parent_state = 'completed' THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23514';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    *[
        f"""
        CREATE TRIGGER {table}_completed_is_final BEFORE INSERT OR UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION waira_refuse_child_of_completed();
        """
        for table in CHILD_TABLES
    ],
    f"""
    CREATE FUNCTION waira_refuse_snapshot_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{SNAPSHOT_MESSAGE}' USING ERRCODE = '23514';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER waira_snapshot_is_final BEFORE UPDATE OR DELETE ON waira_wairasnapshot
    FOR EACH ROW EXECUTE FUNCTION waira_refuse_snapshot_change();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS waira_snapshot_is_final ON waira_wairasnapshot;",
    "DROP FUNCTION IF EXISTS waira_refuse_snapshot_change();",
    *[f"DROP TRIGGER IF EXISTS {table}_completed_is_final ON {table};" for table in CHILD_TABLES],
    "DROP FUNCTION IF EXISTS waira_refuse_child_of_completed();",
    "DROP TRIGGER IF EXISTS waira_completed_is_final ON waira_waira;",
    "DROP FUNCTION IF EXISTS waira_refuse_completed();",
]


def _sqlite() -> list[str]:
    statements = [
        f"""CREATE TRIGGER waira_completed_is_final_{operation.lower()} BEFORE {operation}
        ON waira_waira WHEN OLD.state = 'completed'
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
        for operation in ("UPDATE", "DELETE")
    ]
    for table in CHILD_TABLES:
        for operation, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
            statements.append(
                f"""CREATE TRIGGER {table}_completed_is_final_{operation.lower()} BEFORE {operation}
                ON {table}
                WHEN (SELECT state FROM waira_waira WHERE id = {row}.waira_id) = 'completed'
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
            )
    statements += [
        f"""CREATE TRIGGER waira_snapshot_is_final_{operation.lower()} BEFORE {operation}
        ON waira_wairasnapshot BEGIN SELECT RAISE(ABORT, '{SNAPSHOT_MESSAGE}'); END;"""
        for operation in ("UPDATE", "DELETE")
    ]
    return statements


def _sqlite_reverse() -> list[str]:
    names = [f"waira_completed_is_final_{op}" for op in ("update", "delete")]
    names += [
        f"{table}_completed_is_final_{op}"
        for table in CHILD_TABLES
        for op in ("insert", "update", "delete")
    ]
    names += [f"waira_snapshot_is_final_{op}" for op in ("update", "delete")]
    return [f"DROP TRIGGER IF EXISTS {name};" for name in names]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = POSTGRESQL if vendor == "postgresql" else _sqlite() if vendor == "sqlite" else []
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = (
        POSTGRESQL_REVERSE
        if vendor == "postgresql"
        else _sqlite_reverse()
        if vendor == "sqlite"
        else []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("waira", "0001_assessments_and_consultation")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]

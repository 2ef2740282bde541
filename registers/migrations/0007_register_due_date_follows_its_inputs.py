"""A register entry's due date moves only to what its inputs give (docs/adr/0010-...): R-REG-INIT,
three months from the system's first use, until a version is published; then R-REG-CHANGE, three
months from the earliest change not yet published; none while nothing is owed (the rule of
`registers.services.clock._set_clock`). One input, first use, is on the AI system's row, so the
trigger reads it there. PostgreSQL only: its `date + interval 'n months'` clamps to a shorter
month as `legal_time.add_months` does, which SQLite's date modifiers do not (on SQLite, used only
by `make run`, the services remain the only writers)."""

from django.db import migrations

MESSAGE = "A stored legal date changes only through the service that works it out."

CREATE = [
    f"""
    CREATE FUNCTION register_entry_due_follows_inputs() RETURNS trigger AS $$
    DECLARE
        expected date;
        high_risk boolean;
        started date;
    BEGIN
        IF NEW.published_version_id IS NULL THEN
            SELECT used_in_high_risk_decision_making, first_use INTO high_risk, started
            FROM registers_aisystem WHERE id = NEW.system_id;
            IF high_risk AND started IS NOT NULL THEN
                expected := (started + interval '3 months')::date;
            END IF;
        ELSIF NEW.unrecorded_change_on IS NOT NULL THEN
            expected := (NEW.unrecorded_change_on + interval '3 months')::date;
        END IF;
        IF NEW.due_by IS DISTINCT FROM expected THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    "CREATE TRIGGER register_entry_due_follows_inputs BEFORE UPDATE OF due_by ON "
    "registers_registerentry FOR EACH ROW WHEN (NEW.due_by IS DISTINCT FROM OLD.due_by) "
    "EXECUTE FUNCTION register_entry_due_follows_inputs();",
]
DROP = [
    "DROP TRIGGER IF EXISTS register_entry_due_follows_inputs ON registers_registerentry;",
    "DROP FUNCTION IF EXISTS register_entry_due_follows_inputs();",
]


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registers", "0006_register_search_vector")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]

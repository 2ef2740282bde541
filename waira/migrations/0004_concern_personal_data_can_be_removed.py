"""A concern's personal data can be removed once no tribunal claim could still need it
(docs/retention.md), even on a completed WAIRA.

Migration 0002's triggers refuse every change to a completed WAIRA's consultation record. The
trigger on concerns now lets exactly one change through: the retention sweep's, which empties
who raised the concern, its text and the answer, and dates the removal, leaving every other
column as it was. Anything else is still refused, whatever writes to the database.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MESSAGE = "A completed WAIRA never changes: start a further WAIRA instead."
# The columns the retention sweep empties; every other column must stay as it was.
REMOVED = ("raised_by_id", "text", "response", "personal_data_removed_on")

POSTGRESQL = [
    "DROP TRIGGER IF EXISTS waira_concern_completed_is_final ON waira_concern;",
    f"""
    CREATE FUNCTION waira_refuse_concern_change_of_completed() RETURNS trigger AS $$
    DECLARE
        parent_state text;
    BEGIN
        IF TG_OP = 'INSERT' THEN
            SELECT state INTO parent_state FROM waira_waira WHERE id = NEW.waira_id;
        ELSE
            SELECT state INTO parent_state FROM waira_waira WHERE id = OLD.waira_id;
        END IF;
        IF parent_state = 'completed' THEN
            IF TG_OP = 'UPDATE'
               AND OLD.personal_data_removed_on IS NULL
               AND NEW.personal_data_removed_on IS NOT NULL
               AND NEW.raised_by_id IS NULL AND NEW.text = '' AND NEW.response = ''
               AND (to_jsonb(NEW) - '{{{",".join(REMOVED)}}}'::text[])
                   = (to_jsonb(OLD) - '{{{",".join(REMOVED)}}}'::text[]) THEN
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = '23514';
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER waira_concern_completed_is_final BEFORE INSERT OR UPDATE OR DELETE
    ON waira_concern FOR EACH ROW EXECUTE FUNCTION waira_refuse_concern_change_of_completed();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS waira_concern_completed_is_final ON waira_concern;",
    "DROP FUNCTION IF EXISTS waira_refuse_concern_change_of_completed();",
    """
    CREATE TRIGGER waira_concern_completed_is_final BEFORE INSERT OR UPDATE OR DELETE
    ON waira_concern FOR EACH ROW EXECUTE FUNCTION waira_refuse_child_of_completed();
    """,
]
COMPLETED = "(SELECT state FROM waira_waira WHERE id = {row}.waira_id) = 'completed'"
RETENTION_SCRUB = """OLD.personal_data_removed_on IS NULL
    AND NEW.personal_data_removed_on IS NOT NULL
    AND NEW.raised_by_id IS NULL AND NEW.text = '' AND NEW.response = ''
    AND NEW.id = OLD.id AND NEW.waira_id = OLD.waira_id AND NEW.snapshot_id = OLD.snapshot_id
    AND NEW.anonymous = OLD.anonymous AND NEW.raised_at = OLD.raised_at
    AND NEW.responded_by_id IS OLD.responded_by_id AND NEW.responded_at IS OLD.responded_at"""


def _sqlite(allow_retention: bool) -> list[str]:
    # SQLite rebuilds the table to alter a column, which drops its triggers: all three are made
    # again here, the one on UPDATE with the retention sweep's way through when asked.
    update_when = COMPLETED.format(row="OLD")
    if allow_retention:
        update_when += f" AND NOT ({RETENTION_SCRUB})"
    statements = [
        f"DROP TRIGGER IF EXISTS waira_concern_completed_is_final_{operation};"
        for operation in ("insert", "update", "delete")
    ]
    for operation, when in (
        ("INSERT", COMPLETED.format(row="NEW")),
        ("UPDATE", update_when),
        ("DELETE", COMPLETED.format(row="OLD")),
    ):
        statements.append(
            f"""CREATE TRIGGER waira_concern_completed_is_final_{operation.lower()}
            BEFORE {operation} ON waira_concern WHEN {when}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"""
        )
    return statements


def allow_retention(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = (
        POSTGRESQL if vendor == "postgresql" else _sqlite(True) if vendor == "sqlite" else []
    )
    for statement in statements:
        schema_editor.execute(statement)


def refuse_retention(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = (
        POSTGRESQL_REVERSE
        if vendor == "postgresql"
        else _sqlite(False)
        if vendor == "sqlite"
        else []
    )
    for statement in statements:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("waira", "0003_scrub_anonymous_concern_history"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Undone last: altering the table on SQLite drops its triggers, so they are made again.
        migrations.RunPython(migrations.RunPython.noop, refuse_retention),
        migrations.AddField(
            model_name="concern",
            name="personal_data_removed_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="personal data removed on"
            ),
        ),
        migrations.AddField(
            model_name="historicalconcern",
            name="personal_data_removed_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="personal data removed on"
            ),
        ),
        migrations.AlterField(
            model_name="concern",
            name="raised_by",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(allow_retention, refuse_retention),
    ]

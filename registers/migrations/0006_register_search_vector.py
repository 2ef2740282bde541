"""The register's full-text search: a generated tsvector of each published version's English and
Welsh text, and (on PostgreSQL) a GIN index over it. On SQLite the column is NULL and search
falls back to word matches (registers/search.py)."""

import django.contrib.postgres.search
from django.db import migrations, models

import registers.search


def create_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX register_version_search ON registers_registerentryversion "
            "USING gin (search_vector)"
        )


def drop_gin_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS register_version_search")


class Migration(migrations.Migration):
    dependencies = [
        ("registers", "0005_stored_clocks_move_only_with_their_inputs"),
    ]

    operations = [
        migrations.AddField(
            model_name="registerentryversion",
            name="search_vector",
            field=models.GeneratedField(
                db_persist=True,
                expression=registers.search.SearchDocument(),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RunPython(create_gin_index, drop_gin_index, elidable=False),
    ]

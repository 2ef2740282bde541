"""Set-based writes for the sweeps: many rows in one INSERT ... SELECT."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import connection, models
from django.db.models import QuerySet


def insert_from_select(
    model: type[models.Model],
    columns: list[str],
    rows: QuerySet[Any],
    *,
    constants: list[Any] | None = None,
) -> int:
    """INSERT INTO model's table (columns) SELECT rows: one statement, duplicates skipped.

    `rows` is a `values_list` whose columns match the first `columns` in order; `constants`
    fill the rest, the same in every row. For the sweeps, which write many rows at once (ON
    CONFLICT DO NOTHING also skips duplicates within the statement); returns how many were
    written."""
    select_sql, params = rows.order_by().query.sql_with_params()
    quote = connection.ops.quote_name
    extra = "".join(", %s" for _constant in constants or [])
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"SELECT q.*{extra} FROM ({select_sql}) q WHERE 1 = 1 ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*(constants or []), *params])
        written: int = cursor.rowcount
        return max(written, 0)


def history_record_created(created: QuerySet[Any], *, when: datetime) -> int:
    """django-simple-history's "created" rows for objects a sweep wrote in bulk (a bulk INSERT
    passes no signal, so the history would otherwise miss them): one INSERT ... SELECT."""
    model = created.model
    historical = model.history.model
    fields = [
        field for field in historical._meta.concrete_fields if not field.name.startswith("history_")
    ]
    rows = created.values_list(
        *[field.attname for field in fields],
        models.Value(when, output_field=models.DateTimeField()),
        models.Value("+", output_field=models.CharField()),
    )
    columns = [field.column for field in fields] + ["history_date", "history_type"]
    return insert_from_select(historical, columns, rows)

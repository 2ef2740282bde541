"""Backup and restore (docs/operations.md): pg_dump in custom format, pg_restore into an empty
database, and every table comes back with the same rows."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection
from psycopg import sql

from core.models import Organisation, User
from core.roles import Role
from rights_requests.models import RightsRequest
from tests.rights_helpers import explain, make_request

pytestmark = [
    pytest.mark.skipif(
        shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
        reason="pg_dump and pg_restore are not installed (Debian's postgresql-client has them; "
        "`make test` installs it)",
    ),
]


def _settings() -> dict[str, Any]:
    return dict(connection.settings_dict)


def _env(settings: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return env


def _args(settings: dict[str, Any]) -> list[str]:
    return [
        "--host",
        str(settings.get("HOST") or "127.0.0.1"),
        "--port",
        str(settings.get("PORT") or 5432),
        "--username",
        str(settings.get("USER") or "postgres"),
    ]


def _connect(settings: dict[str, Any], name: str) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=settings.get("HOST") or "127.0.0.1",
        port=settings.get("PORT") or 5432,
        user=settings.get("USER") or "postgres",
        password=settings.get("PASSWORD") or None,
        dbname=name,
        autocommit=True,
    )


@pytest.fixture
def empty_database() -> Iterator[str]:
    settings = _settings()
    name = f"llais_restore_{uuid.uuid4().hex[:12]}"
    with _connect(settings, "postgres") as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield name
    finally:
        with _connect(settings, "postgres") as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _row_counts(conn: psycopg.Connection[Any]) -> dict[str, int]:
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
    ]
    counts = {}
    for table in tables:
        row = conn.execute(
            sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()
        assert row is not None
        counts[table] = int(row[0])
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_custom_format_dump_restores_into_an_empty_database(
    tmp_path: Path,
    empty_database: str,
    worker: User,
    nominated_contact: User,
    organisation: Organisation,
    user_with_role: Any,
) -> None:
    request = make_request(worker, organisation, request_text="Why were my hours cut? (ŵ ŷ)")
    explain(nominated_contact, request)
    make_request(user_with_role(Role.WORKER), organisation)
    settings = _settings()
    dump = tmp_path / "llais.dump"
    env = _env(settings)
    subprocess.run(
        ["pg_dump", "--format=custom", *_args(settings), "--file", str(dump), settings["NAME"]],
        check=True,
        env=env,
        timeout=120,
    )
    subprocess.run(
        [
            *("pg_restore", "--no-owner", "--exit-on-error", *_args(settings)),
            *("--dbname", empty_database, str(dump)),
        ],
        check=True,
        env=env,
        timeout=120,
    )
    with _connect(settings, settings["NAME"]) as live, _connect(settings, empty_database) as back:
        counts = _row_counts(live)
        assert _row_counts(back) == counts
        assert counts["rights_requests_rightsrequest"] == RightsRequest.objects.count() == 2
        assert counts["core_user"] >= 3
        query = (
            "SELECT request_text, requester_email, due_date, state FROM "
            "rights_requests_rightsrequest ORDER BY id"
        )
        assert back.execute(query).fetchall() == live.execute(query).fetchall()
        answer = "SELECT text, content_sha256 FROM rights_requests_requestanswer ORDER BY id"
        assert back.execute(answer).fetchall() == live.execute(answer).fetchall()
        # The WAIRA triggers came back too: a completed WAIRA still cannot change.
        triggers = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname"
        assert back.execute(triggers).fetchall() == live.execute(triggers).fetchall()

"""`make bench`, the load run: mixed roles against gunicorn on PostgreSQL, with locust headless.

The bench database gets the demo council (`load_demo`, through the real services) beside the
register's 10,000 entries. Workers, commissioners and union representatives get a session each,
made directly in the database, and anonymous visitors read the public register and its API.
Every page is checked once with Django's test client as that person (200, or it is dropped and
said so), then locust runs `LOAD_USERS` users for `LOAD_SECONDS` and the throughput, median and
95th percentile latency and errors of each kind of request are printed.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.register import free_port, wait_for  # noqa: E402

LOAD_USERS = int(os.environ.get("BENCH_LOAD_USERS", "20"))
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
GUNICORN_WORKERS = 2
ROLES = {"worker": "worker", "commissioner": "commissioner", "union_rep": "union_rep"}


def _session_for(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from core.models import User

    user = User.objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def _pages(username: str | None) -> dict[str, str]:
    from django.urls import reverse

    from demo.council import DEMO_SLUG
    from procurement.models import ProcurementCase
    from registers.models import RegisterEntry
    from rights_requests.models import RightsRequest
    from waira.models import Waira

    case = ProcurementCase.objects.filter(organisation__slug=DEMO_SLUG).order_by("pk").first()
    waira = Waira.objects.filter(organisation__slug=DEMO_SLUG).order_by("pk").first()
    entry = RegisterEntry.objects.filter(published_version__isnull=False).order_by("pk").first()
    request = RightsRequest.objects.filter(requester__username="worker").order_by("pk").first()
    if username is None:
        return {
            "register list": reverse("register:list"),
            "register API page": reverse("register-api:entry-list"),
            "register entry": reverse("register:entry", args=[entry.pk]) if entry else "",
        }
    common = {
        "dashboard": reverse("core:dashboard"),
        "notifications": reverse("core:notification_list"),
    }
    if username == "worker":
        return {
            **common,
            "requests": reverse("rights_requests:request_list"),
            "a request": reverse("rights_requests:request_detail", args=[request.pk])
            if request
            else "",
            "consultations": reverse("waira:consultation_list"),
        }
    return {
        **common,
        "cases": reverse("procurement:case_list"),
        "a case": reverse("procurement:case_detail", args=[case.pk]) if case else "",
        "WAIRAs": reverse("waira:waira_list"),
        "a WAIRA": reverse("waira:waira_detail", args=[waira.pk]) if waira else "",
    }


def plan() -> dict[str, Any]:
    """Who visits what: each page checked once as that person; a page that does not answer 200
    for them is left out, and said."""
    from django.conf import settings
    from django.test import Client

    result: dict[str, Any] = {}
    for role, username in {"anonymous": None, **ROLES}.items():
        client = Client()
        session = ""
        if username:
            session = _session_for(username)
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        pages = {}
        for name, path in _pages(username).items():
            status = client.get(path).status_code if path else None
            if status == 200:
                pages[name] = path
            else:
                print(f"  (load run: {role} {name} left out: {status})")
        result[role] = {
            "session": session,
            "cookie_name": settings.SESSION_COOKIE_NAME,
            "pages": pages,
        }
    return result


def _read_stats(prefix: Path) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    with open(f"{prefix}_stats.csv", newline="") as stats:
        rows = list(csv.DictReader(stats))
    with open(f"{prefix}_failures.csv", newline="") as failures:
        errors = list(csv.DictReader(failures))
    return rows, errors


def main() -> None:
    from demo.loader import load_demo
    from registers.models import RegisterEntry

    load_demo(password="bench-password")
    load_plan = plan()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            *("--bind", f"127.0.0.1:{port}", "--workers", str(GUNICORN_WORKERS)),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("BENCH_GUNICORN_LOG", os.devnull), "w"),  # noqa: SIM115
    )
    try:
        # Each worker's first request imports the whole site: slow on a busy machine.
        wait_for(base + "/bench/trivial/", seconds=180)
        for path in load_plan["anonymous"]["pages"].values():
            wait_for(base + path, seconds=180)
        with tempfile.TemporaryDirectory() as folder:
            prefix = Path(folder) / "load"
            subprocess.run(
                [
                    str(Path(sys.executable).parent / "locust"),
                    *("-f", str(ROOT / "bench" / "locustfile.py"), "--headless"),
                    *("--users", str(LOAD_USERS), "--spawn-rate", str(LOAD_USERS)),
                    *("--run-time", f"{LOAD_SECONDS}s", "--host", base),
                    *("--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"),
                    "--exit-code-on-error",
                    "0",
                ],
                cwd=ROOT,
                env={**env, "LLAIS_LOAD_PLAN": json.dumps(load_plan)},
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=LOAD_SECONDS + 120,
            )
            rows, errors = _read_stats(prefix)
    finally:
        server.terminate()
        server.wait(timeout=30)
    entries = RegisterEntry.objects.filter(published_version__isnull=False).count()
    print(
        f"\nLoad run: {LOAD_USERS} users (anonymous 4 : worker 2 : commissioner 1 : union rep 1) "
        f"for {LOAD_SECONDS} s against gunicorn ({GUNICORN_WORKERS} workers) on PostgreSQL, "
        f"the demo council and {entries:,} published register entries, locust headless on loopback"
    )
    print(f"{'request':<34}{'count':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for row in rows:
        name = row["Name"] if row["Type"] else "all requests"
        print(
            f"{name:<34}{row['Request Count']:>8}{float(row['Requests/s']):>9.1f}"
            f"{row['50%']:>9}{row['95%']:>9}{row['Failure Count']:>8}"
        )
    for error in errors:
        print(f"  error: {error['Name']}: {error['Error']} ({error['Occurrences']} times)")


if __name__ == "__main__":
    # Alone (`python bench/load.py`): the same fresh llais_bench database as bench/run.py.
    sys.path.insert(0, str(ROOT))
    from django.test.utils import setup_test_environment

    from bench import run

    setup_test_environment()
    run.fresh_database()
    main()

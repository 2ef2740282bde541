"""`make bench`, the public register: throughput of the register list and an API page with
10,000 published entries, under gunicorn on loopback, beside a trivial view on the same server.

The entries are written in bulk (setup, not a test) from one entry built through the services.
wrk drives each URL for a fixed time with a few connections, only to 127.0.0.1; the ratio to the
trivial view is the figure, since the machine is shared.
"""

from __future__ import annotations

import datetime
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRIES = 10_000
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = "8"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fill_register() -> None:
    from core.models import Membership, Organisation, User
    from core.roles import Role
    from tests.register_helpers import (
        copies_of_published_entry,
        published_entry,
        register_system,
        waira_completed,
    )

    organisation = Organisation.objects.create(name_en="Register Bench Council", slug="reg-bench")
    commissioner = User.objects.create_user("register-bench", password="bench-password")
    Membership.objects.create(user=commissioner, organisation=organisation, role=Role.COMMISSIONER)
    system = register_system(
        commissioner, organisation, first_use=datetime.date(2025, 1, 6), supplier="Bench Ltd"
    )
    waira_completed(system, datetime.date(2025, 1, 1))
    entry, _version = published_entry(commissioner, system)
    copies_of_published_entry(entry, ENTRIES - 1)


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url}")


def requests_per_second(url: str) -> float:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    if "Non-2xx" in result.stdout:
        raise SystemExit(f"{url} answered errors:\n{result.stdout}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    if match is None:
        raise SystemExit(result.stdout + result.stderr)
    return float(match.group(1))


def main() -> None:
    from django.db import connection

    fill_register()
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "PYTHONPATH": str(ROOT),
    }
    assert database["NAME"].startswith("llais_bench"), database["NAME"]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--env",
            "DJANGO_SETTINGS_MODULE=bench.settings",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        pages = {
            "trivial view": "/bench/trivial/",
            "register list": "/register/",
            "register API page (100)": "/register/api/entries/",
            "register API page (filtered)": "/register/api/entries/?status=in-use&q=bench",
        }
        wait_for(base + "/bench/trivial/")
        for path in pages.values():
            wait_for(base + path)  # warm each worker's imports and caches
        results = {name: requests_per_second(base + path) for name, path in pages.items()}
    finally:
        server.terminate()
        server.wait(timeout=30)
    floor = results["trivial view"]
    print(
        f"\nThe public register with {ENTRIES:,} published entries, gunicorn (2 workers), "
        f"wrk {CONNECTIONS} connections for {DURATION} each, loopback"
    )
    print(f"{'page':<32}{'requests/s':>12}{'of trivial':>12}")
    for name, rate in results.items():
        print(f"{name:<32}{rate:>12.1f}{rate / floor:>11.0%}")


if __name__ == "__main__":
    # Alone (`python bench/register.py`): the same fresh llais_bench database as bench/run.py.
    sys.path.insert(0, str(ROOT))
    from django.test.utils import setup_test_environment

    from bench import run

    setup_test_environment()
    run.fresh_database()
    main()

"""`make bench`, the public register: throughput of its pages and API with 10,000 and with
1,000,000 published entries, under gunicorn on loopback, each beside a trivial view measured on
the same server in the same run; and the peak memory of streaming the CSV, JSON and ATRS
downloads.

One entry is built through the services; the rest are copied from it in PostgreSQL itself
(INSERT ... SELECT over generate_series: a million rows in a few statements, never the ORM one
by one). Their names draw on a vocabulary of words, so a search for one word finds a share of
the register (1 in 200 entries), as a real search would. wrk drives each URL for a fixed time
with 8 connections, only to 127.0.0.1; a search and a filtered API page are driven over 100
different words (a wrk script), so no one cached answer serves them all. The ratio to the
trivial view is the figure, since the machine is shared: the trivial view is measured again just
before each page, and each page's ratio is to that measurement, so a change in the machine's
load between pages does not move the ratios; each page is measured in BENCH_ROUNDS rounds
(default 3) and the median ratio is the figure, every round's printed beside it. Each round
begins with a new generation of the server's cache, as a publication would make, so every
address is asked afresh once in each round, each of the 100 words included. The server's
workers share one cache in Redis, as in production (REDIS_URL, or BENCH_CACHE_URL), under a key
prefix new for each server (bench/settings.py), each worker keeping its own copy in front;
BENCH_CACHE_URL=memory makes each worker cache in its own memory only (the embedded default).

BENCH_REGISTER_SIZES (default "10000,1000000") picks the register sizes.
"""

from __future__ import annotations

import datetime
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZES = tuple(
    int(size) for size in os.environ.get("BENCH_REGISTER_SIZES", "10000,1000000").split(",")
)
DURATION = os.environ.get("BENCH_DURATION", "10s")
# Each page is measured this many times, each beside its own measurement of the trivial view;
# the figure is the median of the ratios (a shared machine's load comes and goes in bursts).
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = "8"
# Each download is streamed up to this many rows (all of them at 10,000; the first of a million,
# as the whole would take an hour on a shared machine): the peak is the same however many follow.
DOWNLOAD_ROWS = int(os.environ.get("BENCH_DOWNLOAD_ROWS", "10000"))
DOWNLOADS = {
    "CSV": "/register/ai-register.csv",
    "JSON": "/register/ai-register.json",
    "ATRS JSON": "/register/ai-register-atrs.json",
}
# Redis shared by the workers, as in production; "memory": each worker's own.
CACHE_URL = os.environ.get(
    "BENCH_CACHE_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
)
SEARCHED = 100  # different words a search or filtered API page is driven over
VOCABULARY = [
    f"{stem}{suffix}"
    for stem in (
        "rota", "shift", "pay", "roster", "appraisal", "hiring", "screening", "scheduling",
        "absence", "overtime", "leave", "routing", "triage", "grading", "matching", "ranking",
        "forecast", "dispatch", "allocation", "review",
    )
    for suffix in ("", "er", "ing", "planner", "wise", "desk", "flow", "match", "mate", "hub")
]  # fmt: skip
WORDS = VOCABULARY[:: len(VOCABULARY) // SEARCHED][:SEARCHED]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def first_entry() -> Any:
    """One published entry, through the services: the template the rest are copied from."""
    from core.models import Membership, Organisation, User
    from core.roles import Role
    from tests.register_helpers import published_entry, register_system, waira_completed

    organisation = Organisation.objects.create(name_en="Register Bench Council", slug="reg-bench")
    commissioner = User.objects.create_user("register-bench", password="bench-password")
    Membership.objects.create(user=commissioner, organisation=organisation, role=Role.COMMISSIONER)
    system = register_system(
        commissioner, organisation, first_use=datetime.date(2025, 1, 6), supplier="Bench Ltd"
    )
    waira_completed(system, datetime.date(2025, 1, 1))
    entry, _version = published_entry(commissioner, system)
    return entry


def _columns(model: Any, *, leave_out: set[str]) -> list[str]:
    return [
        field.column
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.generated and field.column not in leave_out
    ]


def copy_entries(entry: Any, count: int) -> None:
    """`count` more published entries shaped like `entry`, written by PostgreSQL in bulk."""
    from django.db import connection

    from registers import cache
    from registers.models import AISystem, RegisterEntry, RegisterEntryVersion

    version = entry.published_version
    through = RegisterEntryVersion.decision_categories.through._meta.db_table
    system_table = AISystem._meta.db_table
    entry_table = RegisterEntry._meta.db_table
    version_table = RegisterEntryVersion._meta.db_table
    words = "ARRAY[" + ",".join(f"'{word}'" for word in VOCABULARY) + "]"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {system_table}")
        last_system = cursor.fetchone()[0]
        cursor.execute(f"SELECT max(id) FROM {entry_table}")
        last_entry = cursor.fetchone()[0]
        cursor.execute(f"SELECT max(id) FROM {version_table}")
        last_version = cursor.fetchone()[0]
        # The GIN index is built once after the rows, not row by row.
        cursor.execute("DROP INDEX IF EXISTS register_version_search")
        columns = _columns(AISystem, leave_out={"name"})
        cursor.execute(
            f"INSERT INTO {system_table} (name, {', '.join(columns)}) "
            f"SELECT initcap(({words})[1 + n %% {len(VOCABULARY)}]) || ' system ' || n, "
            f"{', '.join('t.' + c for c in columns)} "
            f"FROM {system_table} t, generate_series({last_system + 1}, {last_system + count}) n "
            f"WHERE t.id = %s",
            [entry.system_id],
        )
        columns = _columns(RegisterEntry, leave_out={"system_id", "published_version_id"})
        cursor.execute(
            f"INSERT INTO {entry_table} (system_id, {', '.join(columns)}) "
            f"SELECT s.id, {', '.join('t.' + c for c in columns)} "
            f"FROM {system_table} s, {entry_table} t WHERE s.id > %s AND t.id = %s",
            [last_system, entry.pk],
        )
        columns = _columns(RegisterEntryVersion, leave_out={"entry_id", "name_en"})
        cursor.execute(
            f"INSERT INTO {version_table} (entry_id, name_en, {', '.join(columns)}) "
            f"SELECT e.id, s.name, {', '.join('t.' + c for c in columns)} "
            f"FROM {entry_table} e JOIN {system_table} s ON s.id = e.system_id, "
            f"{version_table} t WHERE e.id > %s AND t.id = %s",
            [last_entry, version.pk],
        )
        cursor.execute(
            f"INSERT INTO {through} (registerentryversion_id, decisioncategory_id) "
            f"SELECT v.id, c.decisioncategory_id FROM {version_table} v, {through} c "
            f"WHERE v.id > %s AND c.registerentryversion_id = %s",
            [last_version, version.pk],
        )
        cursor.execute(
            f"UPDATE {entry_table} e SET published_version_id = v.id FROM {version_table} v "
            f"WHERE v.entry_id = e.id AND e.id > %s",
            [last_entry],
        )
        cursor.execute(
            f"CREATE INDEX register_version_search ON {version_table} USING gin (search_vector)"
        )
        # The UPDATE above left a dead row for every entry: VACUUM clears them, as autovacuum
        # would in a register that grew over years, and ANALYZE gives the planner the new rows.
        for table in (system_table, entry_table, version_table, through):
            cursor.execute(f"VACUUM ANALYZE {table}")
    cache.bump()


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url}")


def _rotation_script(paths: list[str], folder: str) -> str:
    """A wrk script that asks for each path in turn, each of wrk's threads starting at its own
    place in the list (the first at the first path, the second half-way along): visitors do not
    all ask for the same words in the same order at the same moment."""
    script = Path(folder) / "rotate.lua"
    listed = ",\n".join(f'  "{path}"' for path in paths)
    script.write_text(
        f"local paths = {{\n{listed}\n}}\nlocal threads = 0\ni = 0\n"
        "function setup(thread)\n"
        "  thread:set('i', threads * math.floor(#paths / 2))\n"
        "  threads = threads + 1\nend\n"
        "request = function()\n  i = i + 1\n"
        '  return wrk.format("GET", paths[(i % #paths) + 1])\nend\n'
    )
    return str(script)


def requests_per_second(base: str, paths: list[str], folder: str) -> float:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    if len(paths) > 1:
        command += ["-s", _rotation_script(paths, folder)]
    result = subprocess.run(
        [*command, base + paths[0]],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    if "Non-2xx" in result.stdout:
        raise SystemExit(f"{paths[0]} answered errors:\n{result.stdout}")
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    if match is None:
        raise SystemExit(result.stdout + result.stderr)
    return float(match.group(1))


def pages(entry_pk: int) -> dict[str, list[str]]:
    return {
        "trivial view": ["/bench/trivial/"],
        "register list": ["/register/"],
        "register entry": [f"/register/{entry_pk}/"],
        "API page (100)": ["/register/api/entries/"],
        f"API filtered ({SEARCHED} words)": [
            f"/register/api/entries/?status=in-use&q={word}" for word in WORDS
        ],
        f"search ({SEARCHED} words)": [f"/register/?q={word}" for word in WORDS],
    }


def new_generation(prefix: str) -> None:
    """What a publication does to the server's cache: a new generation, announced to its
    workers (registers.cache.bump), so each round asks every address afresh once, a search's
    100 words included. Not possible with each worker's own memory (BENCH_CACHE_URL=memory)."""
    if CACHE_URL == "memory":
        return
    from django.conf import settings
    from django.test import override_settings

    from registers import cache

    shared = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": CACHE_URL}
    with override_settings(CACHES={**settings.CACHES, "default": {**shared, "KEY_PREFIX": prefix}}):
        cache.bump()


def throughput(entry_pk: int) -> dict[str, list[tuple[float, float]]]:
    """Each page's requests/s, and the trivial view's measured just before it, ROUNDS times."""
    from django.db import connection

    assert connection.settings_dict["NAME"].startswith("llais_bench")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "PYTHONPATH": str(ROOT),
        "BENCH_CACHE_PREFIX": f"llais-bench-{uuid.uuid4().hex[:12]}",
        "BENCH_CACHE_URL": "" if CACHE_URL == "memory" else CACHE_URL,
    }
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "300"),
            *("--env", "DJANGO_SETTINGS_MODULE=bench.settings"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.environ.get("BENCH_GUNICORN_LOG", os.devnull), "w"),  # noqa: SIM115
    )
    measured = pages(entry_pk)
    try:
        wait_for(base + "/bench/trivial/", seconds=180)
        for paths in measured.values():
            wait_for(base + paths[0], seconds=180)  # each worker's imports, the first answer
        trivial = measured.pop("trivial view")
        with tempfile.TemporaryDirectory() as folder:
            rounds: dict[str, list[tuple[float, float]]] = {name: [] for name in measured}
            for _round in range(ROUNDS):
                new_generation(env["BENCH_CACHE_PREFIX"])
                for name, paths in measured.items():
                    floor = requests_per_second(base, trivial, folder)
                    rounds[name].append((floor, requests_per_second(base, paths, folder)))
            return rounds
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def download_peak_memory(path: str) -> tuple[int, float, float]:
    """Stream a whole download, as an anonymous visitor, in a process of its own: the rows (or
    records) written, the peak of Python's allocations while streaming (tracemalloc, MiB) and
    the process's peak resident memory (MiB). Each row or record is one chunk of the stream,
    after the CSV's header or the JSON document's opening."""
    code = (
        "import os, resource, sys, tracemalloc, django\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "from django.test.utils import setup_test_environment\n"
        "setup_test_environment()\n"
        f"response = Client().get({path!r})\n"
        "assert response.streaming, response.status_code\n"
        "tracemalloc.start(1)\n"
        "rows = -1\n"
        "for chunk in response.streaming_content:\n"
        "    rows += 1\n"
        f"    if rows >= {DOWNLOAD_ROWS}: break\n"
        "_now, peak = tracemalloc.get_traced_memory()\n"
        "print(rows, peak / 2**20, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=7200,
    )
    rows, traced, resident = result.stdout.split()[-3:]
    return int(rows), float(traced), float(resident)


def main() -> None:
    from registers.models import RegisterEntry

    if os.environ.get("BENCH_REUSE_DATABASE"):
        # A database an earlier run filled: go on from the entries it holds.
        entry = RegisterEntry.objects.filter(system__organisation__slug="reg-bench").earliest("pk")
        made = RegisterEntry.objects.filter(published_version__isnull=False).count()
    else:
        entry = first_entry()
        made = 1
    print(
        f"\nThe public register, gunicorn (2 workers), wrk {CONNECTIONS} connections for "
        f"{DURATION} each, loopback, "
        + ("each worker's memory" if CACHE_URL == "memory" else "a shared Redis cache")
        + "; each page beside the trivial view of the same run",
        flush=True,
    )
    for size in SIZES:
        copy_entries(entry, size - made)
        made = size
        assert RegisterEntry.objects.filter(published_version__isnull=False).count() == size
        results = throughput(entry.pk)
        print(f"\n{size:,} published entries (medians of {ROUNDS} rounds)")
        print(
            f"{'page':<30}{'requests/s':>12}{'trivial view just before':>26}{'of trivial':>12}"
            "   each round"
        )
        for name, measured in results.items():
            ratios = [rate / floor for floor, rate in measured]
            print(
                f"{name:<30}{statistics.median(rate for _, rate in measured):>12.1f}"
                f"{statistics.median(floor for floor, _ in measured):>26.1f}"
                f"{statistics.median(ratios):>11.0%}   "
                + " ".join(f"{ratio:.0%}" for ratio in ratios),
                flush=True,
            )
        for name, path in DOWNLOADS.items():
            rows, traced, resident = download_peak_memory(path)
            print(
                f"{name + ' download, peak memory':<30}{traced:>9.1f} MiB traced, "
                f"{resident:.0f} MiB resident "
                + (f"(all {rows:,} rows)" if rows >= size else f"(the first {rows:,} rows)"),
                flush=True,
            )


if __name__ == "__main__":
    # Alone (`python bench/register.py`): the same fresh llais_bench database as bench/run.py.
    sys.path.insert(0, str(ROOT))
    from django.test.utils import setup_test_environment

    from bench import run

    setup_test_environment()
    if not os.environ.get("BENCH_REUSE_DATABASE"):
        run.fresh_database()
    main()

"""Run a command with PostgreSQL and Redis answering.

DATABASE_URL and REDIS_URL (defaults: 127.0.0.1) are tried first. Where one does not answer and
its server binaries are installed, a throwaway local server is started on a free port in a
temporary directory, the URL is pointed at it for the command, and it is stopped afterwards
(also on Ctrl-C or SIGTERM). `--missing-packages` prints the Debian packages needed for a
service that neither answers nor can be started here (make installs them on a fresh machine).
Standard library only: it runs before anything else is known to be installed.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/llais"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def answers(url: str, default_port: int) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 2
        ):
            return True
    except OSError:
        return False


def postgres_answers(url: str) -> bool:
    """Accepts this URL's user, not just TCP: a freshly installed Debian cluster wants a password.

    The check connects to the `postgres` database (pytest-django creates test_llais itself).
    """
    if not answers(url, 5432):
        return False
    psql = find_binary("psql")
    if psql is None:
        return True
    maintenance = urlsplit(url)._replace(path="/postgres").geturl()
    result = subprocess.run(
        [psql, "--no-password", "-Atqc", "select 1", maintenance],
        env={**os.environ, "PGCONNECT_TIMEOUT": "3"},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(f"PostgreSQL answers but refuses: {result.stderr.strip()}", file=sys.stderr)
    return result.returncode == 0


def ensure_database(url: str) -> None:
    """Create the URL's database where missing: Django's own checks connect to it (tests don't)."""
    psql, name = find_binary("psql"), urlsplit(url).path.lstrip("/")
    if psql is None or not name.replace("_", "").isalnum():
        return
    maintenance = urlsplit(url)._replace(path="/postgres").geturl()
    query = f"select 1 from pg_database where datname = '{name}'"
    exists = subprocess.run(
        [psql, "--no-password", "-Atqc", query, maintenance],
        capture_output=True,
        text=True,
        check=False,
    )
    if exists.returncode == 0 and not exists.stdout.strip():
        subprocess.run(
            [psql, "--no-password", "-qc", f'create database "{name}"', maintenance],
            capture_output=True,
            check=False,
        )


def redis_answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(64).startswith((b"+PONG", b"-NOAUTH"))
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def wait_for(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.2)
    raise SystemExit(f"A throwaway server on port {port} did not start in {seconds:.0f}s.")


def as_postgres_user(command: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server as the postgres (or nobody) user."""
    if os.geteuid() != 0:
        return command
    user = "postgres" if _user_exists("postgres") else "nobody"
    return ["runuser", "-u", user, "--", *command]


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if not (initdb and pg_ctl):
        raise SystemExit("PostgreSQL does not answer and its server binaries are not installed.")
    workdir = tempfile.mkdtemp(prefix="llais-pg-")
    if os.geteuid() == 0:
        user = "postgres" if _user_exists("postgres") else "nobody"
        shutil.chown(workdir, user=user)
    data, port = os.path.join(workdir, "data"), free_port()
    subprocess.run(
        as_postgres_user([initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8"]),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        as_postgres_user(
            [pg_ctl, "-D", data, "-o", options, "-l", f"{workdir}/log", "-w", "start"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield f"postgres://postgres@127.0.0.1:{port}/llais"
    finally:
        subprocess.run(
            as_postgres_user([pg_ctl, "-D", data, "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            check=False,
        )
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def throwaway_redis() -> Iterator[str]:
    server = shutil.which("redis-server")
    if not server:
        raise SystemExit("Redis does not answer and redis-server is not installed.")
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def missing_packages(database_url: str, redis_url: str) -> list[str]:
    missing = []
    if not postgres_answers(database_url) and not (find_binary("initdb") and find_binary("pg_ctl")):
        missing.append("postgresql")
    if not redis_answers(redis_url) and not shutil.which("redis-server"):
        missing.append("redis-server")
    return missing


def main(command: list[str]) -> int:
    if not command:
        raise SystemExit("usage: with_services.py COMMAND [ARG...] | --missing-packages")
    database_url = os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    if command == ["--missing-packages"]:
        print(" ".join(missing_packages(database_url, redis_url)))
        return 0
    # A CI timeout sends SIGTERM: unwind the ExitStack so throwaway servers stop too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    with contextlib.ExitStack() as stack:
        if not postgres_answers(database_url):
            print("PostgreSQL does not answer: starting a throwaway server.", flush=True)
            database_url = stack.enter_context(throwaway_postgres())
        if not redis_answers(redis_url):
            print("Redis does not answer: starting a throwaway server.", flush=True)
            redis_url = stack.enter_context(throwaway_redis())
        ensure_database(database_url)
        environment = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
        return subprocess.call(command, env=environment)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

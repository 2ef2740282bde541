"""The deadline engine end to end: a real Celery worker process, fed through a real Redis broker,
sweeps a due request, and its reminder is stored and emailed once (docs/adr/0007-...).

The worker is another process, so the test commits its rows (a transactional test) and the
worker connects to pytest-django's test database. It gets a Redis database number and a queue
of its own, so neither a worker elsewhere nor another test run can take its tasks; the tasks
the worker queues itself (the outbox, from `transaction.on_commit`) go there too, through
Redis, because config.settings.test runs nothing eagerly when LLAIS_TEST_CELERY_QUEUE is set.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import redis
import time_machine
from django.conf import settings
from django.db import connection
from kombu import pools

from config.celery import app as celery_app
from core import legal_time, tasks
from core.clock import uk_today
from core.models import EmailState, Notification, SweepRun
from rights_requests.sweeps import ANSWER_DUE
from tests import ROOT
from tests.rights_helpers import make_request

TIMEOUT = 60  # seconds; a run takes a few
# Celery reads these from the environment before its own settings: neither process may see them.
CELERY_ENVIRONMENT = ("CELERY_BROKER_URL", "CELERY_BROKER_READ_URL", "CELERY_BROKER_WRITE_URL")


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path
    queue: str
    outbox: Path  # the directory its emails are written to

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not done():
            if self.process.poll() is not None:
                pytest.fail(f"The worker stopped while waiting for {what}:\n{self.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"No {what} after {TIMEOUT}s. The worker's output:\n{self.output()}")
            time.sleep(0.1)

    def wait_for_task(self, task_id: str) -> None:
        self.wait_for(lambda: f"[{task_id}] succeeded" in self.output(), f"task {task_id}")

    def emails(self) -> list[EmailMessage]:
        """What the worker emailed: Django's file backend writes a file per connection, each
        message followed by a line of 79 dashes."""
        found = []
        for path in sorted(self.outbox.glob("*.log")):
            for text in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n"):
                if text.strip():
                    found.append(message_from_bytes(text, policy=policy.default))
        return found


def database_url() -> str:
    """The URL of the database this test runs on: pytest-django's test database."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def broker() -> Iterator[str]:
    """The configured Redis (REDIS_URL), on a database number picked at random. It must answer:
    without Redis the test fails, it is not skipped."""
    url = urlsplit(settings.CELERY_BROKER_URL)._replace(path=f"/{random.randint(1, 15)}").geturl()
    client = redis.Redis.from_url(url, socket_connect_timeout=5)
    client.ping()
    yield url
    client.close()


@contextmanager
def sending_through(broker: str) -> Iterator[None]:
    """This process's Celery app sends tasks through `broker` instead of running them eagerly.

    Only around the tasks the test sends: a task a service queues meanwhile would go to the
    default queue, which no worker here consumes, and stay in Redis.
    """
    with pytest.MonkeyPatch.context() as patch:
        for name in CELERY_ENVIRONMENT:
            patch.delenv(name, raising=False)
        patch.setitem(celery_app.conf, "task_always_eager", False)
        patch.setitem(celery_app.conf, "broker_url", broker)
        forget_pools()
        try:
            yield
        finally:
            close_pools()
            forget_pools()


def forget_pools() -> None:
    """Celery keeps its connection and producer pools from their first use, for the broker URL
    of that moment: drop them (as its own after-fork handler does) to have them made again."""
    app: Any = celery_app  # the pools' attributes are private, and not in Celery's stubs
    app._pool = None
    app.amqp._producer_pool = None


def close_pools() -> None:
    """Close the pools made for the current broker URL, and take them out of kombu's registry
    (shared by every app, keyed by broker), which would hand out a closed pool next time."""
    app: Any = celery_app
    producers, connections = app.amqp._producer_pool, app._pool
    with app.connection_for_write() as broker:
        if producers is not None:
            producers.force_close_all()
            del pools.producers[broker]
        if connections is not None:
            connections.force_close_all()
            del pools.connections[broker]


@pytest.fixture
def celery_worker(transactional_db, broker: str, tmp_path: Path) -> Iterator[Worker]:
    """A real worker (`celery -A config worker`) on the test database, consuming a queue of its
    own; stopped afterwards (its output is printed, so shown when the test failed)."""
    token = f"llais-test-{uuid.uuid4().hex[:12]}"
    outbox = tmp_path / "outbox"
    environment = {
        **{name: value for name, value in os.environ.items() if name not in CELERY_ENVIRONMENT},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": broker,
        "LLAIS_TEST_CELERY_QUEUE": token,
        "LLAIS_TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "LLAIS_TEST_EMAIL_FILE_PATH": str(outbox),
        "PYTHONUNBUFFERED": "1",
    }
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                *(Path(sys.executable).parent / "celery", "-A", "config", "worker"),
                *("--pool", "solo", "--concurrency", "1", "--loglevel", "INFO"),
                *("--without-heartbeat", "--without-gossip", "--without-mingle"),
                *("--queues", token, "--hostname", f"{token}@%h"),
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    worker = Worker(process=process, log=log, queue=token, outbox=outbox)
    try:
        yield worker
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        print(f"The worker's output:\n{worker.output()}")
        forget(broker, token)


def forget(broker: str, token: str) -> None:
    """Remove what the worker left in Redis: its queues and their bindings (all named after
    `token`), and the expiry dates kombu keeps of binding tables that are now gone."""
    with redis.Redis.from_url(broker) as client:
        for key in client.scan_iter(match=f"*{token}*"):
            client.delete(key)
        for key in client.scan_iter(match="_kombu.binding.*"):
            if stale := [m for m in client.smembers(key) if token.encode() in m]:
                client.srem(key, *stale)
        deadlines = "_kombu.binding_deadlines"
        for exchange in client.zrange(deadlines, 0, -1):
            if not client.exists(b"_kombu.binding." + exchange):
                client.zrem(deadlines, exchange)


@pytest.mark.django_db(transaction=True)
def test_a_worker_sweeps_a_due_request_and_emails_its_reminder_once(
    broker, celery_worker, worker, organisation, nominated_contact
):
    day_14 = legal_time.add_days(uk_today(), -14)
    with time_machine.travel(f"{day_14.isoformat()}T11:00:00Z", tick=False):
        request = make_request(worker, organisation)
    assert request.request_date == day_14
    with sending_through(broker):
        sweep = tasks.run_sweep.apply_async(("rights_requests",), queue=celery_worker.queue)

    def finished_runs() -> int:
        return SweepRun.objects.filter(name="rights_requests", finished_at__isnull=False).count()

    celery_worker.wait_for(lambda: finished_runs() == 1, "finished sweep run")
    celery_worker.wait_for(
        lambda: not Notification.objects.filter(email_state=EmailState.PENDING).exists(),
        "email sent by the outbox",
    )
    # The sweep (the task this process sent) and the outbox (queued by the sweep on commit, in
    # the worker) both came through Redis: the worker logs each task it receives from there.
    output = celery_worker.output()
    assert f"core.tasks.run_sweep[{sweep.id}] received" in output
    assert re.search(r"core\.tasks\.deliver_notifications\[[-0-9a-f]+\] received", output)
    assert SweepRun.objects.get().error == ""

    def assert_told_once() -> None:
        # The reminder (the request's own notice to its handlers went when it was made).
        notification = Notification.objects.get(kind=ANSWER_DUE)
        assert notification.subject == request
        assert (notification.kind, notification.threshold) == (ANSWER_DUE, 14)
        assert notification.recipient == nominated_contact
        assert notification.email_state == EmailState.SENT
        emails = celery_worker.emails()
        assert [email["To"] for email in emails] == [nominated_contact.email]
        assert str(request) in emails[0]["Subject"]
        assert f"{request} from " in emails[0].get_content()

    assert_told_once()

    # Again, and the outbox once more: nothing is stored or sent twice.
    with sending_through(broker):
        tasks.run_sweep.apply_async(("rights_requests",), queue=celery_worker.queue)
        outbox = tasks.deliver_notifications.apply_async(queue=celery_worker.queue)
    celery_worker.wait_for(lambda: finished_runs() == 2, "second finished sweep run")
    celery_worker.wait_for_task(outbox.id)
    assert_told_once()

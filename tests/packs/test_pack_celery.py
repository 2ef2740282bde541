"""A pack built by a real Celery worker, fed through Redis: the progress page's states, read
from the database while the worker builds, come in order (queued, each step, done)."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import Role
from packs import services
from packs.documents import steps_of
from packs.models import Pack
from packs.tasks import build_pack
from tests.cross_app.test_deadline_celery import (  # the worker fixture and its helpers
    broker,  # noqa: F401
    celery_worker,  # noqa: F401
    sending_through,
)
from tests.factories import example_organisation, member
from tests.packs.helpers import case_with_records


@pytest.mark.django_db(transaction=True)
def test_a_worker_builds_a_pack_and_its_steps_are_seen_in_order(
    broker,  # noqa: F811
    celery_worker,  # noqa: F811
    monkeypatch,
):
    organisation = example_organisation()
    commissioner = member(Role.COMMISSIONER, organisation)
    case = case_with_records(
        commissioner, organisation, member(Role.UNION_REPRESENTATIVE, organisation)
    )
    # The service's own queueing would run the task here at once (tests run tasks eagerly):
    # the test queues it itself instead, to the worker's own queue, through Redis.
    monkeypatch.setattr(services, "_queue", lambda pack: None)
    pack = services.case_pack_request(actor=commissioner, case=case, language="en")
    client = Client()
    client.force_login(commissioner)
    status_url = reverse("packs:pack_status", args=[pack.pk])
    seen = [client.get(status_url).json()]
    with sending_through(broker):
        build_pack.apply_async((pack.pk,), queue=celery_worker.queue)
    deadline = time.monotonic() + 120
    while not seen[-1]["finished"]:
        assert time.monotonic() < deadline, celery_worker.output()
        time.sleep(0.05)
        progress = client.get(status_url).json()
        if progress != seen[-1]:
            seen.append(progress)
    keys = [key for key, _label in steps_of(Pack.Kind.CASE)]
    states = [progress["state"] for progress in seen]
    assert states[0] == "queued" and states[-1] == "done"
    assert states == sorted(states, key=["queued", "running", "done"].index)
    done_counts = [progress["done"] for progress in seen]
    assert done_counts == sorted(done_counts) and done_counts[-1] == len(keys)
    assert len(set(done_counts)) >= 3  # the steps were seen one after another, not all at once
    for progress in seen:
        finished = [step["key"] for step in progress["steps"] if step["status"] == "done"]
        assert finished == keys[: len(finished)]
    pack.refresh_from_db()
    assert pack.state == Pack.State.DONE and pack.steps_done == keys

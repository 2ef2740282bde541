# ruff: noqa: F811  (the `register` fixture, imported from test_register_public, is a parameter)
"""The register's cached paths, kept lean (issue 17): the filters' choices are read once per
change of the register, not on every page rendered, and are fresh after a publication; a
request reads the register's generation once; an answer another process is working out is
waited for, not worked out twice."""

import datetime
import os
import threading
import time
import uuid
from unittest.mock import patch

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Organisation
from core.roles import Role
from registers import cache, services
from tests.register_helpers import published_entry, register_system
from tests.registers.test_register_entries import update
from tests.registers.test_register_public import (  # noqa: F401  (the fixture)
    register,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = 'FROM "core_organisation" WHERE (SELECT'
CATEGORIES = 'FROM "registers_decisioncategory" ORDER BY'


def queries_of(url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_filters_choices_are_read_once_per_change_of_the_register(register):
    first = queries_of(reverse("register:list") + "?status=in-use")
    assert any(ORGANISATIONS in sql for sql in first)
    assert any(CATEGORIES in sql for sql in first)
    # Another page, not cached itself: rendered, but its choices are the ones kept.
    second = queries_of(reverse("register:list") + "?category=pay")
    assert second
    assert len(second) == len(first) - 2
    assert not any(ORGANISATIONS in sql or CATEGORIES in sql for sql in second)


def test_a_new_organisations_first_publication_is_a_choice_on_the_next_request(
    register, user_with_role, django_capture_on_commit_callbacks
):
    url = reverse("register:list")
    assert 'value="ceredigion-care"' not in Client().get(url).content.decode()
    newcomer = Organisation.objects.create(name_en="Ceredigion Care", slug="ceredigion-care")
    commissioner = user_with_role(Role.COMMISSIONER, organisation=newcomer)
    system = register_system(
        commissioner, newcomer, first_use=datetime.date(2025, 1, 6), name="CareRota"
    )
    with django_capture_on_commit_callbacks(execute=True):
        published_entry(commissioner, system)
    page = Client().get(url + "?status=in-use").content.decode()
    assert 'value="ceredigion-care"' in page
    assert "CareRota" in page


def test_a_request_reads_the_generation_once(register, monkeypatch):
    url = reverse("register:list")
    Client().get(url)  # cached
    reads = []
    real = cache.generation

    def counted() -> str:
        reads.append(1)
        return real()

    monkeypatch.setattr(cache, "generation", counted)
    response = Client().get(url)
    assert response.status_code == 200
    assert response["ETag"] and response["Last-Modified"]
    assert len(reads) == 1


@pytest.fixture
def shared_redis_cache(settings):
    """The production arrangement: Redis shared by every process (django-redis), each process's
    memory in front of it. A key prefix of this test's own, so no other answer is ever read."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "KEY_PREFIX": f"llais-test-{uuid.uuid4().hex}",
        },
    }
    yield
    caches[cache.LOCAL_CACHE].clear()


def heard(watcher: cache.HeardGeneration) -> str:
    """The generation `watcher` holds once its subscription is confirmed (Redis answers a
    subscription at once; a second is more than enough)."""
    deadline = time.monotonic() + 1
    while (value := watcher.current()) is None and time.monotonic() < deadline:
        time.sleep(0.001)
    assert value is not None, "the subscription was never confirmed"
    return value


def test_behind_redis_a_repeated_answer_asks_redis_nothing_and_a_change_shows_at_once(
    register, shared_redis_cache, django_capture_on_commit_callbacks
):
    url = reverse("register:list")
    assert "RotaWise Two" not in Client().get(url).content.decode()
    heard(cache._heard)
    # Served again from this process's copy, under the generation it holds: no query, and no
    # round trip to Redis at all.
    with (
        CaptureQueriesContext(connection) as captured,
        patch.object(caches["default"], "get", wraps=caches["default"].get) as asked,
    ):
        assert Client().get(url).status_code == 200
    assert captured.captured_queries == []
    assert asked.call_args_list == []
    # Another process (an empty local copy) finds the answer in Redis.
    caches[cache.LOCAL_CACHE].clear()
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    assert captured.captured_queries == []
    # A publication bumps the generation in Redis and announces it: the next request, in any
    # process, sees it.
    rota = register["rota"]
    rota.system.refresh_from_db()
    update(register["commissioner"], rota.system, name="RotaWise Two")
    with django_capture_on_commit_callbacks(execute=True):
        services.register_entry_publish(
            actor=register["commissioner"],
            entry=rota,
            change_date=datetime.date(2025, 3, 1),
            change_note_en="Renamed.",
        )
    assert "RotaWise Two" in Client().get(url).content.decode()


@pytest.fixture
def other_process(shared_redis_cache):
    """What another process holds: a subscription of its own to the bumps."""
    watcher = cache.HeardGeneration()
    yield watcher
    watcher.close()


def test_a_bump_in_one_process_is_heard_by_another_on_its_next_request(other_process):
    before = heard(other_process)
    cache.bump()  # no sleep: the bump returns once its announcement is in every subscriber
    after = other_process.current()
    assert after != before
    assert after == cache._stored_generation()
    # Heard once, then held: asking again costs nothing and gives the same.
    with patch.object(caches["default"], "get") as asked:
        assert other_process.current() == after
    asked.assert_not_called()


def test_a_subscription_cut_by_redis_is_not_trusted_for_what_it_missed(other_process):
    """Redis restarted, or the connection dropped: a bump announced while the subscription was
    down was never heard, so the generation held from before must not be served again."""
    before = heard(other_process)
    address = other_process._pubsub.connection._sock.getsockname()
    client = caches["default"].client.get_client(write=True)  # type: ignore[attr-defined]
    assert client.client_kill_filter(_type="pubsub", addr=f"{address[0]}:{address[1]}") == 1
    cache.bump()
    stored = cache._stored_generation()
    assert stored != before
    assert other_process.current() in (None, stored)
    assert heard(other_process) == stored


def test_until_a_remade_subscription_is_confirmed_the_cache_is_asked(other_process, monkeypatch):
    """redis-py makes a dropped connection again and subscribes again by itself; a bump
    announced in between went unheard, so until Redis confirms the new subscription the
    generation held from before is not trusted."""
    before = heard(other_process)
    connection = other_process._pubsub.connection
    connection.disconnect()
    cache.bump()  # announced to nobody on that connection
    connection.connect()  # made again, subscribed again...
    # ...and the confirmation not arrived yet when the next request comes.
    monkeypatch.setattr(other_process._pubsub, "get_message", lambda **kwargs: None)
    assert other_process.current() is None
    monkeypatch.undo()
    assert heard(other_process) == cache._stored_generation() != before


def test_a_subscription_that_fails_is_given_up_and_the_cache_asked(other_process, monkeypatch):
    heard(other_process)

    def broken(**kwargs):
        raise redis.ConnectionError("Connection reset by peer")

    monkeypatch.setattr(other_process._pubsub, "get_message", broken)
    cache.bump()
    assert other_process.current() is None  # the request asks Redis itself
    assert heard(other_process) == cache._stored_generation()  # subscribed again


def test_every_thread_of_a_process_shares_its_subscription(shared_redis_cache):
    """Django gives each thread a cache object of its own (a threaded server): the same cache,
    so the same subscription and the generation held."""
    held = heard(cache._heard)
    subscription = cache._heard._pubsub
    seen: list[str] = []
    thread = threading.Thread(target=lambda: seen.append(cache.generation()))
    thread.start()
    thread.join()
    assert seen == [held]
    assert cache._heard._pubsub is subscription


def test_on_the_embedded_default_the_generation_is_the_local_cache_s(register):
    assert cache.HeardGeneration().current() is None
    assert cache.generation() == caches["default"].get(cache.GENERATION_KEY)


# --- One answer worked out once, however many ask for it at the same moment ----------------------


def key_of(url: str) -> str:
    """The cache key of an anonymous English request for this address."""
    return cache._key(RequestFactory().get(url))


def claimed(key: str) -> bool:
    return caches["default"].get(f"{key}:claimed") is not None


def another_process(key: str, answer: tuple[int, bytes, str] | None) -> threading.Thread:
    """A process that has claimed the answer under `key` and, 50 ms on, stores `answer` (or,
    None, stores nothing, as for an answer that is not kept) and lets go of its claim."""
    assert cache._claim(key)

    def finish() -> None:
        time.sleep(0.05)
        if answer is not None:
            caches["default"].set(key, answer, cache.TIMEOUT)
        cache._release(key)

    thread = threading.Thread(target=finish)
    thread.start()
    return thread


def test_an_answer_another_process_is_working_out_is_waited_for(register):
    url = reverse("register-api:entry-list") + "?q=rota"
    key = key_of(url)
    answer = (200, b'{"worked out": "by the other process"}', "application/json")
    thread = another_process(key, answer)
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(url)
    thread.join()
    assert response.content == answer[1]
    assert captured.captured_queries == []


def test_when_the_other_process_keeps_no_answer_the_waiter_works_it_out(register):
    url = reverse("register-api:entry-list") + "?q=rota"
    key = key_of(url)
    thread = another_process(key, None)
    response = Client().get(url)
    thread.join()
    assert response.status_code == 200 and "results" in response.json()
    assert caches["default"].get(key) is not None and not claimed(key)


def test_a_claim_never_let_go_is_waited_on_only_so_long(register, monkeypatch):
    """A process killed while working an answer out: its claim lapses on its own later, and
    until then a waiter gives up after WAIT_AT_MOST and works the answer out itself."""
    monkeypatch.setattr(cache, "WAIT_AT_MOST", 0.05)
    url = reverse("register-api:entry-list") + "?q=rota"
    assert cache._claim(key_of(url))
    response = Client().get(url)
    assert response.status_code == 200 and "results" in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/register/api/entries/2147483600/",  # DRF answers the 404 itself
        "/register/2147483600/",  # Django's Http404, raised through the cache's decorator
    ],
)
def test_an_answer_that_is_not_kept_lets_go_of_its_claim(register, url):
    assert Client().get(url).status_code == 404
    assert not claimed(key_of(url))

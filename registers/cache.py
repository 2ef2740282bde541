"""The public register's answers, cached: a generation key, conditional GET and a shared cache.

Every public answer of the register (its pages, API, downloads and feed) depends only on the
published versions, the organisations' names, the WAIRA dates and published contacts, the
page's language, its address and the UK date. Its cache key is all of those and a *generation*:
one value in Django's cache ("default": Redis through LLAIS_CACHE_URL in production, each
process's memory on the embedded default) that the services bump whenever anything the register
shows changes (`invalidate`). A new generation makes every cached answer unreachable at once,
so nothing is ever purged one by one, and no cached answer outlives a change.

Only visitors who carry no session and no pending messages share cached answers: anyone with a
session cookie (signed in or not) gets a page rendered for them, so nobody's name, messages or
navigation can reach a shared page. The language switch's CSRF token is the one per-visitor part
of an anonymous page: the cached body keeps a placeholder, and each answer gets the visitor's
own token.

docs/register-open-data.md ("Running the register at scale") says how a CDN sits in front.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import threading
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from functools import wraps
from typing import Any

import redis
from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import condition
from django_redis.cache import RedisCache

from core.clock import uk_today

GENERATION_KEY = "register:generation"
# A cached answer lives at most this long even if nothing bumps the generation (an
# organisation renamed in core, which cannot call the registers services, shows within it).
TIMEOUT = 600
# What shared caches (a CDN) may keep an anonymous API answer, download or feed for.
PUBLIC_MAX_AGE = 60
# Each process's memory, in front of a shared cache (config/settings/base.py).
LOCAL_CACHE = "register-local"
CSRF_PLACEHOLDER = b"__llais_csrf_token__"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')

View = Callable[..., HttpResponseBase]


def _new_generation() -> str:
    """When it was made (for Last-Modified) and a random part (two bumps in one second differ)."""
    return f"{int(datetime.now(UTC).timestamp())}-{uuid.uuid4().hex[:8]}"


def bump() -> None:
    """A new generation now: every cached register answer is stale from this moment."""
    cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    _announce()


def invalidate() -> None:
    """Called by every service that changes what the register shows, inside its transaction.

    Bumped at once (nothing this transaction reads is served from the cache) and again when it
    commits (so an answer cached by another request between the two, from the old rows, is
    never served again)."""
    bump()
    transaction.on_commit(bump)


def _stored_generation() -> str:
    """The generation as the cache holds it: one round trip to Redis in production."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or _new_generation()
    return str(value)


def generation() -> str:
    """The register's current generation: behind Redis, as this process last heard it (no round
    trip), otherwise as the cache holds it."""
    heard = _heard.current()
    return heard if heard is not None else _stored_generation()


# --- Hearing of a new generation, not asking for it ---------------------------------------------
# Behind Redis, asking for the generation on every request cost a round trip, more than half of
# what a cached answer cost (docs/adr/0024). Instead each process subscribes to a channel on
# which every bump is announced, keeps the generation it last read, and forgets it when it hears
# of a bump; before each use it reads, without waiting, whatever has arrived on its subscription.
# A bump's announcement is followed by a PING on the same connection: Redis writes a message to
# every subscriber before it reads another command, so once bump() returns, the announcement is
# in every subscribed process's socket and that process's next request hears it.


def _channel() -> str:
    """The channel bumps are announced on, under the cache's key prefix and version."""
    return str(cache.make_key(f"{GENERATION_KEY}:bumped"))


def _redis_client(backend: BaseCache) -> Any:
    """The Redis client of `backend` (django-redis), or None when the cache is not Redis."""
    return backend.client.get_client(write=True) if isinstance(backend, RedisCache) else None


def _announce() -> None:
    client = _redis_client(caches[DEFAULT_CACHE_ALIAS])
    if client is not None:
        client.publish(_channel(), b"bumped")
        client.ping()  # the announcement is written to every subscriber before this is read


class HeardGeneration:
    """One process's subscription to the bumps and the generation it last read.

    The generation read is trusted only while the subscription is known to be live: from its
    confirmation, which Redis sends once it has subscribed (a read made after it cannot miss a
    later bump), until any error or reconnection of the subscription's connection, after which
    every request reads the cache again until a new confirmation arrives."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._cache: tuple[Any, ...] | None = None
        self._client: Any = None
        self._pubsub: Any = None
        self._confirmed = False
        self._value: str | None = None

    @staticmethod
    def _which(backend: BaseCache) -> tuple[Any, ...]:
        """Which cache `backend` is: Django gives each thread a backend object of its own, for
        the same cache."""
        return (
            type(backend),
            getattr(backend, "_server", None),
            backend.key_prefix,
            backend.version,
        )

    def _follow(self, backend: BaseCache) -> None:
        """Start over for this process and this cache (a forked worker; settings in a test)."""
        if self._pid == os.getpid():
            self._close()
        self._pubsub = None  # a forked worker's parent's socket is not its own to close
        self._pid = os.getpid()
        self._cache = self._which(backend)
        self._client = _redis_client(backend)
        self._forget()

    def _forget(self, *args: Any) -> None:
        """Not (or no longer) known to have heard every bump: the cache is asked again."""
        self._confirmed = False
        self._value = None

    def _subscribe(self) -> None:
        pubsub = self._client.pubsub()
        pubsub.subscribe(_channel())
        # Called each time redis-py makes the connection again: bumps may have gone unheard.
        pubsub.connection.register_connect_callback(self._forget)
        self._pubsub = pubsub

    def _close(self) -> None:
        pubsub, self._pubsub = self._pubsub, None
        self._forget()
        if pubsub is not None:
            with contextlib.suppress(redis.RedisError):
                pubsub.close()

    def _hear(self) -> None:
        """Whatever has arrived on the subscription, read without waiting."""
        while (message := self._pubsub.get_message(timeout=0)) is not None:
            if message["type"] == "subscribe":
                self._confirmed = True
                self._value = None
            elif message["type"] == "message":
                self._value = None

    def current(self) -> str | None:
        """The current generation, or None where the cache must be asked (not Redis, or a
        subscription not (yet) live)."""
        backend = caches[DEFAULT_CACHE_ALIAS]
        with self._lock:
            if self._pid != os.getpid() or self._cache != self._which(backend):
                self._follow(backend)
            if self._client is None:
                return None
            try:
                if self._pubsub is None:
                    self._subscribe()
                self._hear()
            except redis.RedisError:
                self._close()
                return None
            if not self._confirmed:
                return None
            if self._value is None:
                self._value = _stored_generation()
            return self._value

    def close(self) -> None:
        with self._lock:
            self._close()


_heard = HeardGeneration()


def _request_generation(request: HttpRequest) -> str:
    """The generation read once per request: its cache key, ETag and Last-Modified agree."""
    known: str | None = getattr(request, "_register_generation", None)
    if known is None:
        known = generation()
        request._register_generation = known  # type: ignore[attr-defined]
    return known


def remembered(name: str, compute: Callable[[], Any]) -> Any:
    """A value every public answer of the register shares (the filters' organisations and
    categories), kept under the current generation: computed once per change of the register,
    not once per page rendered."""
    key = f"register:{generation()}:value:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def _local() -> BaseCache | None:
    """Each process's own copy of the answers it has served ("register-local", its memory),
    in front of a shared cache (Redis): a hit costs one round trip to Redis, for the generation,
    not two. None where the shared cache is itself each process's memory."""
    if isinstance(caches[DEFAULT_CACHE_ALIAS], LocMemCache):
        return None
    return caches[LOCAL_CACHE]


def _cached_answer(key: str) -> tuple[int, bytes, str] | None:
    """The answer under this key (which holds the generation, so a stale copy is never found)."""
    local = _local()
    stored: tuple[int, bytes, str] | None = local.get(key) if local is not None else None
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            _remember_locally(key, stored)
    return stored


def _remember_locally(key: str, stored: tuple[int, bytes, str]) -> None:
    local = _local()
    if local is not None:
        local.set(key, stored, TIMEOUT)


# An answer being worked out is claimed in the shared cache, so that other processes asked for
# the same address at the same moment wait for it instead of working it out too: after a
# publication every popular address is new at once (docs/adr/0015). A claim lapses after
# CLAIM_TIMEOUT seconds (a process killed mid-answer); a waiter stops waiting after WAIT_AT_MOST
# and works the answer out itself.
CLAIM_TIMEOUT = 30
WAIT_AT_MOST = 3.0
WAIT_STEP = 0.01


def _claim(key: str) -> bool:
    """True when this process is to work out the answer under `key` (nobody else is)."""
    return bool(cache.add(f"{key}:claimed", 1, CLAIM_TIMEOUT))


def _release(key: str) -> None:
    cache.delete(f"{key}:claimed")


def _awaited_answer(key: str) -> tuple[int, bytes, str] | None:
    """The answer another process is working out, once it is stored; None if it gives up (an
    answer that is not stored, such as a 404, releases the claim) or takes too long."""
    claim = f"{key}:claimed"
    waited = 0.0
    while waited < WAIT_AT_MOST:
        time.sleep(WAIT_STEP)
        waited += WAIT_STEP
        found = cache.get_many([key, claim])
        if key in found:
            stored: tuple[int, bytes, str] = found[key]
            _remember_locally(key, stored)
            return stored
        if claim not in found:
            return None
    return None


def shares_cache(request: HttpRequest) -> bool:
    """A visitor with no session and no pending message: what they see is what every such
    visitor sees. Anyone else (signed in, or a session of any kind) is answered afresh."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request: HttpRequest) -> str:
    """The answer's cache key, worked out once per request."""
    known: str | None = getattr(request, "_register_cache_key", None)
    if known is None:
        address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
        known = (
            f"register:{_request_generation(request)}:{uk_today().isoformat()}:"
            f"{get_language()}:{address}"
        )
        request._register_cache_key = known  # type: ignore[attr-defined]
    return known


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
    if not shares_cache(request):
        return None
    return hashlib.sha256(_key(request).encode()).hexdigest()[:24]


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime | None:
    """The later of the generation's birth and the start of the UK day (statuses are by date)."""
    if not shares_cache(request):
        return None
    born = datetime.fromtimestamp(int(_request_generation(request).split("-")[0]), UTC)
    midnight = datetime.combine(uk_today(), datetime.min.time(), tzinfo=UTC)
    return max(born, midnight)


def _stored(response: HttpResponse) -> tuple[int, bytes, str]:
    """The body with the visitor's CSRF token replaced by the placeholder."""
    content = response.content
    token = CSRF_INPUT.search(content)
    if token:
        content = content.replace(token.group(1), CSRF_PLACEHOLDER)
    return response.status_code, content, response["Content-Type"]


def _from_stored(request: HttpRequest, stored: tuple[int, bytes, str]) -> HttpResponse:
    status, content, content_type = stored
    if content_type.startswith("text/html") and CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    return HttpResponse(content, status=status, content_type=content_type)


def _answer(view: View, request: HttpRequest, key: str, *args: Any, **kwargs: Any) -> Any:
    """The view's answer, stored under `key` when it is a whole 200 answer."""
    response = view(request, *args, **kwargs)
    render = getattr(response, "render", None)
    if render is not None:
        render()  # DRF's Response and TemplateResponse render lazily
    if response.status_code == 200 and isinstance(response, HttpResponse):
        stored = _stored(response)
        cache.set(key, stored, TIMEOUT)
        _remember_locally(key, stored)
    return response


def public_cache(*, shared: bool) -> Callable[[View], View]:
    """Cache a public register view's anonymous answers, with ETag/Last-Modified (a 304 without
    rendering) and Cache-Control. `shared`: a CDN may keep it (the API, downloads, feed); HTML
    pages carry the visitor's CSRF token, so only the visitor's browser keeps them, and
    revalidates each time (a 304 costs no rendering)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def cached(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not shares_cache(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True, no_cache=True)
                patch_vary_headers(response, ["Cookie"])
                return response
            key = _key(request)
            stored = _cached_answer(key)
            claimed = stored is None and _claim(key)
            if stored is None and not claimed:
                stored = _awaited_answer(key)
            if stored is not None:
                response = _from_stored(request, stored)
            else:
                try:
                    response = _answer(view, request, key, *args, **kwargs)
                finally:
                    if claimed:
                        _release(key)
            if response.status_code == 200:
                if shared:
                    patch_cache_control(
                        response,
                        public=True,
                        max_age=PUBLIC_MAX_AGE,
                        stale_while_revalidate=PUBLIC_MAX_AGE,
                    )
                else:
                    patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            return response

        return condition(etag_func=_etag, last_modified_func=_last_modified)(cached)

    return decorator

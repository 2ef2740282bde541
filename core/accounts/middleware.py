"""Two middlewares of signing in: sessions end when left idle or too old, and a person who must
use a second factor (or chose one) sees no page until they have verified it."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from core.accounts.selectors import has_second_factor
from core.accounts.views import LAST_SEEN, SIGNED_IN_AT, SIGNED_OUT_IDLE
from core.permissions import must_use_second_factor

Handler = Callable[[HttpRequest], HttpResponse]

# "Last seen" is written at most once a minute, not on every request.
LAST_SEEN_RESOLUTION = 60


def session_timeout(get_response: Handler) -> Handler:
    """Signs out a session after settings.SESSION_IDLE_TIMEOUT without a request, or
    settings.SESSION_COOKIE_AGE after it signed in however busy it was; the request then goes on
    as an anonymous visitor's (to the sign-in page, which says why)."""
    idle = settings.SESSION_IDLE_TIMEOUT.total_seconds()
    longest = settings.SESSION_COOKIE_AGE

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            session = request.session
            now = time.time()
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            last_seen = session.get(LAST_SEEN, now)
            if now - last_seen > idle or now - signed_in_at > longest:
                logout(request)
                request.session[SIGNED_OUT_IDLE] = True
            elif LAST_SEEN not in session or now - last_seen >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN] = now
        return get_response(request)

    return middleware


def _open_paths() -> tuple[set[str], tuple[str, ...]]:
    return {reverse("logout"), reverse("set_language")}, (settings.STATIC_URL,)


def second_factor_required(get_response: Handler) -> Handler:
    """A signed-in person who must verify a second factor (core.permissions.
    must_use_second_factor) or who set one up is sent to verify it, or to set one up if they
    have none, before any other page: only signing out, the language switch, static files and
    those two pages are open to them meanwhile."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or user.is_verified():  # type: ignore[attr-defined]  # OTPMiddleware's
            return get_response(request)
        open_exactly, open_prefixes = _open_paths()
        path = request.path_info
        if path in open_exactly or path.startswith(open_prefixes):
            return get_response(request)
        has_device = has_second_factor(user)
        if not has_device and not must_use_second_factor(user):
            return get_response(request)
        target = reverse("core:two_factor_verify" if has_device else "core:two_factor_setup")
        if path == target:
            return get_response(request)
        back = request.get_full_path() if request.method == "GET" else ""
        return redirect(f"{target}?{urlencode({'next': back})}" if back else target)

    return middleware

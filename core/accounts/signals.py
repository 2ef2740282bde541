"""Each sign-in starts the session's clocks: the idle timeout and the longest a session lasts."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from core.accounts.views import LAST_SEEN, SIGNED_IN_AT


@receiver(user_logged_in, dispatch_uid="llais_session_clocks")
def session_clocks_start(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN] = now

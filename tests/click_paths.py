"""The pages a person reaches by following the links they are shown, breadth first from where
they start, each with the trail of links that leads to it. Used to check that every page a role
may open is linked (tests/cross_app/test_every_page_linked.py) and to plan the browser journeys
that click those trails (tests/browser/test_click_journeys.py)."""

from __future__ import annotations

import re
from collections import deque
from html import unescape
from urllib.parse import urlsplit

from django.test import Client
from django.urls import Resolver404, resolve

# Not pages a person navigates to: files and machine-readable data (downloads, linked from the
# pages that describe them), the Django admin (the platform operators') and the public API.
DOWNLOAD_PARTS = (
    "pdf", "csv", "json", "download", "file", "feed", "atrs", "schema", "zip", "open_contracting",
)  # fmt: skip
NOT_NAVIGATED = ("admin", "register-api")
LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"', re.I)


def page_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def navigable(name: str | None) -> bool:
    if name is None:
        return False
    namespace, _, short = name.rpartition(":")
    return namespace not in NOT_NAVIGATED and not any(part in short for part in DOWNLOAD_PARTS)


def links(html: str) -> list[str]:
    """The same-site paths a page links to (query strings kept: a prefilled form is a page)."""
    found = []
    for href in LINK.findall(html):
        href = unescape(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return list(dict.fromkeys(found))


def trails(client: Client, start: str, *, per_name: int) -> dict[str, list[str]]:
    """Each page name reached from `start`, with the first trail of links to it (empty for the
    start). At most `per_name` pages of one name are read for their links."""
    reached: dict[str, list[str]] = {}
    followed: dict[str, int] = {}
    seen = {start}
    queue: deque[list[str]] = deque([[]])
    while queue:
        trail = queue.popleft()
        path = trail[-1] if trail else start
        response = client.get(path, follow=True)  # a link may lead on (the oversight home)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        name = page_name(response.request["PATH_INFO"])
        assert name is not None, path
        reached.setdefault(name, trail)
        for href in links(response.content.decode()):
            target = page_name(href)
            if href in seen or not navigable(target):
                continue
            seen.add(href)
            assert target is not None
            if followed.get(target, 0) >= per_name:
                reached.setdefault(target, [*trail, href])  # one more of a kind need not be read
                continue
            followed[target] = followed.get(target, 0) + 1
            queue.append([*trail, href])
    return reached

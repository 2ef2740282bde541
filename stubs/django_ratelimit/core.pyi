# Our own stubs for the part of django-ratelimit we use (it ships no types).
from collections.abc import Callable
from typing import Any, TypedDict

from django.http import HttpRequest

class Usage(TypedDict):
    count: int
    limit: int
    should_limit: bool
    time_left: int

def get_usage(
    request: HttpRequest,
    group: str | None = ...,
    fn: Callable[..., Any] | None = ...,
    key: str | Callable[[str, HttpRequest], str] | None = ...,
    rate: str | Callable[[str, HttpRequest], str | None] | None = ...,
    method: str | list[str] | tuple[None] = ...,
    increment: bool = ...,
) -> Usage | None: ...
def is_ratelimited(
    request: HttpRequest,
    group: str | None = ...,
    fn: Callable[..., Any] | None = ...,
    key: str | Callable[[str, HttpRequest], str] | None = ...,
    rate: str | Callable[[str, HttpRequest], str | None] | None = ...,
    method: str | list[str] | tuple[None] = ...,
    increment: bool = ...,
) -> bool: ...

from typing import Any

from django.http import HttpRequest

from core.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind LoginRequiredMiddleware: its user is signed in."""

    user: User


def form_data(request: HttpRequest, *, files: bool = False) -> dict[str, Any]:
    """A form's data: bound on POST (even an empty POST), unbound otherwise."""
    if request.method != "POST":
        return {}
    return {"data": request.POST, "files": request.FILES} if files else {"data": request.POST}

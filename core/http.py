from django.http import HttpRequest

from core.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind LoginRequiredMiddleware: its user is signed in."""

    user: User


def form_data(request: HttpRequest, *, files: bool = False) -> tuple:
    """A form's arguments: bound on POST (even an empty POST), unbound otherwise."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)

from django.http import HttpRequest

from core.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request behind LoginRequiredMiddleware: its user is signed in."""

    user: User

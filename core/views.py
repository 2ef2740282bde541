from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.extensions import dashboard_panels
from core.http import AuthenticatedHttpRequest
from core.selectors import organisations_of, roles_by_organisation
from core.services import user_set_language


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, open to visitors who have not signed in."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in {"en", "cy"}:
        user_set_language(user=request.user, language=language)
    return response


def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One page per person: each app adds a panel for the roles it serves."""
    roles = set().union(*roles_by_organisation(request.user).values())
    return render(
        request,
        "core/dashboard.html",
        {
            "roles": roles,
            "organisations": organisations_of(request.user),
            "panels": dashboard_panels(request, roles),
        },
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)

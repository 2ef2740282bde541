import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.extensions import dashboard_panels, personal_data_of
from core.http import AuthenticatedHttpRequest
from core.permissions import can_see_sweep_runs, require
from core.selectors import (
    notifications_for,
    organisations_of,
    recent_sweep_runs,
    roles_by_organisation,
)
from core.services import (
    notification_render,
    notification_url,
    notifications_mark_read,
    user_set_language,
)

NOTIFICATIONS_PER_PAGE = 50


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


def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the deadline engine told this person, newest first; unread ones are marked new."""
    page = Paginator(notifications_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {"n": n, "title": notification_render(n, "subject"), "url": notification_url(n)}
        for n in page
    ]
    return render(request, "core/notifications.html", {"page": page, "rows": rows})


@require_POST
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    marked = notifications_mark_read(user=request.user)
    if marked:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("core:notification_list")


def your_information(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything Llais holds about the signed-in person, and only them, to read."""
    return render(
        request, "core/your_information.html", {"sections": personal_data_of(request.user)}
    )


def your_information_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The same, as a JSON file to keep."""
    data = {
        "llais_version": 1,
        "person": request.user.username,
        "sections": {
            section.key: {
                "title": str(section.title),
                "labels": {key: str(label) for key, label in section.labels.items()},
                "rows": section.rows,
            }
            for section in personal_data_of(request.user)
        },
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="llais-your-information.json"'
    response["Cache-Control"] = "no-store"
    return response


def sweep_runs(request: AuthenticatedHttpRequest) -> HttpResponse:
    """For operators: the deadline sweeps' recent runs."""
    require(can_see_sweep_runs(request.user))
    return render(request, "core/sweep_runs.html", {"runs": recent_sweep_runs()})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)

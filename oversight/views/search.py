"""Staff search across the apps (issue 15, item 7; ADR on search)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.http import AuthenticatedHttpRequest
from core.permissions import require
from oversight import permissions
from oversight.forms import SearchForm
from oversight.search import SearchPage, kinds_offered


@require_safe
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Staff search across cases, systems, WAIRAs, requests and incidents, scoped to what each
    person may open. An invalid query is shown in the error summary and searches nothing."""
    require(permissions.can_search(request.user))
    form = SearchForm(request.GET, kinds=kinds_offered(request.user))
    valid = form.is_valid()
    values = form.values()
    page = SearchPage.for_(
        request.user,
        q=values["q"] if valid else "",
        kind=values["kind"],
        page=request.GET.get("page"),
    )
    return render(
        request,
        "oversight/search.html",
        {"form": form, "search": page},
        status=200 if valid else 400,
    )

"""Without an account (jobseekers): the public request form, confirming the email and the
private link's pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation

from core.forms import add_service_error
from core.http import form_data
from rights_requests import selectors, services
from rights_requests.forms import PublicRequestForm
from rights_requests.views._common import (
    _by_token,
    _early_conciliation,
    _letter_response,
    _page_context,
    _timeline_pdf,
)


@login_not_required
def public_request_form(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(selectors.organisations_by_slug(slug))
    systems = selectors.systems_open_to_requests(organisation)
    form = PublicRequestForm(
        **form_data(request),
        initial={"language": translation.get_language(), "requester_status": "jobseeker"},
        organisations=selectors.organisations_by_slug(slug),
        systems=systems,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rights_request_draft(
                organisation=organisation,
                kind=data["kind"],
                email=data["email"],
                requester_name=data["requester_name"],
                requester_status=data["requester_status"],
                decision=data["decision"],
                decision_date=data["decision_date"],
                ai_system=data["ai_system"],
                aware_on=data["aware_on"],
                request_text=data["request_text"],
                language=data["language"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return render(
                request,
                "rights_requests/public_check_email.html",
                {"organisation": organisation, "email": data["email"]},
            )
    return render(
        request,
        "rights_requests/public_request_form.html",
        {
            "form": form,
            "organisation": organisation,
            "contacts": selectors.published_contacts_for([organisation.pk])[organisation.pk],
        },
    )


@login_not_required
def public_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A GET only shows a button: mail scanners that follow links must not send the request."""
    if request.method == "POST":
        try:
            _request, access_token = services.rights_request_confirm(token=token)
        except services.ConfirmationInvalid:
            return render(request, "rights_requests/public_confirm.html", {"invalid": True})
        return redirect("rights_requests:public_request", token=access_token)
    return render(request, "rights_requests/public_confirm.html", {"invalid": False})


@login_not_required
def public_request(request: HttpRequest, token: str) -> HttpResponse:
    rr = _by_token(token)
    context = _page_context(rr)
    context.update(is_requester=True, token=token)
    return render(request, "rights_requests/request_detail.html", context)


@login_not_required
def public_letter_pdf(request: HttpRequest, token: str) -> HttpResponse:
    return _letter_response(_by_token(token), pdf=True, request=request)


@login_not_required
def public_timeline_pdf(request: HttpRequest, token: str) -> HttpResponse:
    return _timeline_pdf(_by_token(token))


@login_not_required
def public_early_conciliation(request: HttpRequest, token: str) -> HttpResponse:
    rr = _by_token(token)
    back = reverse("rights_requests:public_request", args=[token])
    return _early_conciliation(request, rr, None, token, back)

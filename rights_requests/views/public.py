"""Without an account (jobseekers): the public request form, confirming the email and the
private link's pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from core.forms import add_service_error
from core.http import form_data
from core.inputs import parse_id
from rights_requests import selectors, services
from rights_requests.forms import PublicRequestForm
from rights_requests.views._common import (
    _by_token,
    _early_conciliation,
    _letter_response,
    _page_context,
    _timeline_pdf,
)

# django-ratelimit counts in Django's cache (config/settings/base.py, CACHES): per client
# address, every submission of the form; per email address, every confirmation email.
SUBMISSIONS_GROUP = "rights_requests.public_request.submissions"
CONFIRMATIONS_GROUP = "rights_requests.public_request.confirmations"


def _limit_reached(
    request: HttpRequest, group: str, key: str | Callable[[str, HttpRequest], str], rate: str
) -> int | None:
    """Count one more against the limit; the seconds until the next is allowed once it is
    passed, None while within it."""
    usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(usage["time_left"], 1)


def _try_again_after(seconds: int) -> str:
    when = timezone.localtime(timezone.now() + timedelta(seconds=seconds))
    return date_format(when, "j F Y, H:i")


@login_not_required
def public_request_form(request: HttpRequest, slug: str) -> HttpResponse:
    """The request form for someone without an account (s.17(3), s.18(2)).

    Only an organisation with a published register entry has one: any other slug, existing or
    not, is the same 404, so the form confirms no organisation's existence. It names systems as
    the public register does. Per client address (REMOTE_ADDR) and per email address, a limit
    on submissions and confirmation emails keeps it from being used to send spam."""
    organisation = get_object_or_404(selectors.organisations_open_to_public_requests(slug))
    # "Ask about a decision made with this system" on a register entry names it (?system=<the
    # entry's number>); anything else there is no system named.
    named_entry = parse_id(request.GET.get("system"))
    form = PublicRequestForm(
        **form_data(request),
        initial={
            "language": translation.get_language(),
            "requester_status": "jobseeker",
            "ai_system": named_entry,
        },
        organisations=selectors.organisations_open_to_public_requests(slug),
        entries=selectors.entries_open_to_requests([organisation.pk]),
    )
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        wait = _limit_reached(
            request, SUBMISSIONS_GROUP, "ip", settings.PUBLIC_REQUEST_SUBMISSIONS_PER_ADDRESS
        )
        if wait is not None:
            status = 429
            form.add_error(
                None,
                _(
                    "Too many requests have been sent from your connection. Nothing was sent. "
                    "You can try again after %(time)s."
                )
                % {"time": _try_again_after(wait)},
            )
        elif valid:
            data = form.cleaned_data

            def count_confirmation(email: str) -> int | None:
                address = email.strip().lower()
                return _limit_reached(
                    request,
                    CONFIRMATIONS_GROUP,
                    lambda _group, _request: address,
                    settings.PUBLIC_REQUEST_CONFIRMATIONS_PER_EMAIL,
                )

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
                    count_confirmation=count_confirmation,
                )
            except ValidationError as error:
                add_service_error(form, error)
            except services.ConfirmationsLimited as limited:
                status = 429
                form.add_error(
                    None,
                    _(
                        "We have sent as many confirmation emails to this address as we can "
                        "for now. Nothing was sent. You can try again after %(time)s."
                    )
                    % {"time": _try_again_after(limited.retry_after_seconds)},
                )
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
        status=status,
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

"""The worker's pages: their requests, making one, the letter, withdrawing, early conciliation
and sharing with a union representative."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.extensions import object_panels
from core.forms import add_service_error, form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.inputs import parse_id
from core.permissions import require
from rights_requests import permissions, selectors, services
from rights_requests.forms import ExtensionAnswerForm, RequestForm, ShareForm, WithdrawForm
from rights_requests.models import RequestKind
from rights_requests.views._common import (
    _action,
    _early_conciliation,
    _letter_response,
    _page_context,
    _request_actions,
    _timeline_pdf,
    _visible,
)


def request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = selectors.requests_made_by(request.user)
    return render(
        request,
        "rights_requests/request_list.html",
        {
            "requests": mine,
            "today": uk_today(),
            "can_make": permissions.organisations_for_requests(request.user).exists(),
        },
    )


def request_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = permissions.organisations_for_requests(request.user)
    require(organisations.exists())
    follows = None
    if "follows" in request.GET:
        follows_pk = parse_id(request.GET["follows"])
        if follows_pk is not None:
            follows = selectors.explanation_request_of(request.user, follows_pk)
        if follows is None and request.method == "GET":
            messages.warning(
                request,
                _("The request this one follows was not found: fill in the form from the start."),
            )
    initial: dict[str, Any] = {"language": request.user.preferred_language}
    if follows is not None:
        initial.update(
            kind=RequestKind.RECONSIDERATION,
            organisation=follows.organisation,
            requester_status=follows.requester_status,
            decision=follows.decision,
            decision_date=follows.decision_date,
            ai_system=follows.ai_system,
            aware_on=follows.aware_on,
            language=follows.language,
        )
    elif request.GET.get("kind") in RequestKind.values:
        initial["kind"] = request.GET["kind"]
    # The systems as the public register names them: a worker never reads the internal record.
    entries = selectors.entries_open_to_requests(list(organisations.values_list("pk", flat=True)))
    form = RequestForm(
        **form_data(request), initial=initial, organisations=organisations, entries=entries
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = services.rights_request_make(
                actor=request.user,
                organisation=data["organisation"],
                kind=data["kind"],
                requester_status=data["requester_status"],
                decision=data["decision"],
                decision_date=data["decision_date"],
                ai_system=data["ai_system"],
                aware_on=data["aware_on"],
                request_text=data["request_text"],
                language=data["language"],
                follows=follows if data["kind"] == RequestKind.RECONSIDERATION else None,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your request has been sent to your employer."))
            return redirect("rights_requests:request_detail", pk=created.pk)
    return render(request, "rights_requests/request_form.html", {"form": form, "follows": follows})


def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    user = request.user
    context = _page_context(rr)
    context.update(
        is_requester=permissions.is_requester(user, rr),
        can_handle=permissions.can_handle_request(user, rr),
        can_answer=permissions.can_answer_request(user, rr),
        can_assign=permissions.can_assign_agent(user, rr),
        can_share=permissions.can_share_request(user, rr),
        actions=_request_actions(rr, user),
        shared_with=list(rr.shared_with.all()) if permissions.is_requester(user, rr) else [],
        follows_visible=rr.follows_id is not None
        and permissions.requests_visible_to(user).filter(pk=rr.follows_id).exists(),
        panels=object_panels("rights_request", request, rr),
    )
    return render(request, "rights_requests/request_detail.html", context)


def letter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _letter_response(_visible(request, pk), pdf=False, request=request)


def letter_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _letter_response(_visible(request, pk), pdf=True, request=request)


def timeline_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _timeline_pdf(_visible(request, pk))


def request_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.can_withdraw_request(request.user, rr))
    form = WithdrawForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_request_withdraw(
            actor=request.user, request=rr, reason=form.cleaned_data["reason"]
        ),
        _("Your request has been withdrawn."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(request, rr, form, _("Withdraw your request"), _("Withdraw request"))


def early_conciliation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.is_requester(request.user, rr))
    back = reverse("rights_requests:request_detail", args=[rr.pk])
    return _early_conciliation(request, rr, request.user, "", back)


def request_share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.can_share_request(request.user, rr))
    representatives = selectors.union_representatives_of(rr.organisation_id)
    form = ShareForm(**form_data(request), representatives=representatives)
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_request_share(
            actor=request.user,
            request=rr,
            representative=form.cleaned_data["representative"],
            share=request.POST.get("action") != "unshare",
        ),
        _("Sharing updated."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(
        request,
        rr,
        form,
        _("Share with a union representative"),
        _("Share"),
        intro="rights_requests/includes/share_intro.html",
    )


def extension_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The worker confirms or declines a later date the employer says they agreed to."""
    rr = _visible(request, pk)
    require(permissions.can_answer_extension(request.user, rr))
    form = ExtensionAnswerForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_request_extension_answer(
            actor=request.user, request=rr, agree=form.cleaned_data["agree"]
        ),
        _("Your answer has been recorded."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(
        request,
        rr,
        form,
        _("A later date to answer your request"),
        _("Send my answer"),
        intro="rights_requests/includes/extension_intro.html",
        extra={"statutory": selectors.statutory_clock(rr)},
    )

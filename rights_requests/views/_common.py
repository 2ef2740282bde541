"""What the request pages share: finding a request the person may see (by login or by private
link), the page's context, the letter, the timeline PDF and the one-form action page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.models import User
from core.pdf import render_pdf
from core.timeline import timeline_rows
from core.transitions import Action, transition_actions
from core.views_helpers import action_page
from rights_requests import permissions, selectors, services
from rights_requests.forms import EarlyConciliationForm
from rights_requests.models import RequestKind, RightsRequest


def _visible(request: AuthenticatedHttpRequest, pk: int) -> RightsRequest:
    """Anyone else's request, and another organisation's, is a 404."""
    return get_object_or_404(
        permissions.requests_visible_to(request.user).select_related(
            "organisation", "ai_system", "assigned_agent", "follows"
        ),
        pk=pk,
    )


def _by_token(token: str) -> RightsRequest:
    if not token:
        raise Http404
    return get_object_or_404(
        selectors.requests_by_token(services.token_sha256(token)),
    )


def _page_context(rr: RightsRequest) -> dict[str, Any]:
    """What a request page shows, to the worker and to staff alike."""
    answer = getattr(rr, "answer", None)
    failure = getattr(rr, "failure", None)
    claims = list(rr.exemption_claims.select_related("relies_on"))
    events = timeline_rows(rr)
    return {
        "rr": rr,
        "answer": answer,
        "failure": failure,
        "claims": claims,
        "refusal": next((c for c in reversed(claims) if c.decision == "applies"), None),
        "days_left": selectors.days_left(rr),
        "statutory": selectors.statutory_clock(rr),
        "next": selectors.next_steps(rr),
        "today": uk_today(),
        "events": events,
    }


def _request_actions(rr: RightsRequest, user: User) -> dict[str, Action]:
    """The moves on the request this person may make, labelled by the state machine. Answering
    and claiming an exemption are offered before their conditions hold: their pages take what
    is missing."""
    handles = permissions.can_handle_request(user, rr)
    answer_page = (
        "rights_requests:explanation_issue"
        if rr.kind == RequestKind.EXPLANATION
        else "rights_requests:reconsideration_conclude"
    )
    return transition_actions(
        rr,
        "state",
        allowed={
            "start": handles and rr.kind == RequestKind.EXPLANATION,
            "answer_issued": permissions.can_answer_request(user, rr),
            "claim_exemption": handles,
            "withdraw": permissions.can_withdraw_request(user, rr),
        },
        url_for={
            "start": reverse("rights_requests:request_start", args=[rr.pk]),
            "answer_issued": reverse(answer_page, args=[rr.pk]),
            "claim_exemption": reverse("rights_requests:exemption_claim", args=[rr.pk]),
            "withdraw": reverse("rights_requests:request_withdraw", args=[rr.pk]),
        },
        even_if_unmet=True,
        post={"start"},
    )


def _letter_response(rr: RightsRequest, *, pdf: bool, request: HttpRequest) -> HttpResponse:
    answer = getattr(rr, "answer", None)
    if answer is None:
        raise Http404
    # R-CY-CORR: the letter is in the language the worker asked for, whoever prints it; the page
    # around it stays in the reader's own language (letter.html switches for the letter alone),
    # so reading a letter never turns the site into another language.
    context = {"rr": rr, "answer": answer, "next": selectors.next_steps(rr)}
    if pdf:
        with translation.override(rr.language):
            context["organisation_name"] = rr.organisation.name
            body = render_pdf("pdf/rights_letter.html", context)
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="llais-letter-{rr.pk}.pdf"'
        return response
    with translation.override(rr.language):
        context["organisation_name"] = rr.organisation.name  # Localised: the letter's language
    return render(request, "rights_requests/letter.html", context)


def _timeline_pdf(rr: RightsRequest) -> HttpResponse:
    context = _page_context(rr)
    context["generated_at"] = timezone.now()
    body = render_pdf("pdf/rights_timeline.html", context)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="llais-request-{rr.pk}-timeline.pdf"'
    return response


def _early_conciliation(
    request: HttpRequest, rr: RightsRequest, actor: User | None, token: str, back: str
) -> HttpResponse:
    failure = getattr(rr, "failure", None)
    if failure is None:
        raise Http404
    form = EarlyConciliationForm(
        **form_data(request), initial={"day_a": failure.day_a, "day_b": failure.day_b}
    )
    if form_service_succeeded(
        request,
        form,
        lambda: services.failure_record_early_conciliation(
            actor=actor,
            failure=failure,
            day_a=form.cleaned_data["day_a"],
            day_b=form.cleaned_data["day_b"],
            access_token=token,
        ),
        _("Early conciliation dates saved."),
    ):
        return redirect(back)
    return _action(
        request,
        rr,
        form,
        _("ACAS early conciliation"),
        _("Save dates"),
        cancel_url=back,
        intro="rights_requests/includes/early_conciliation_intro.html",
    )


def _action(
    request: HttpRequest,
    rr: RightsRequest,
    form: forms.Form,
    title: str,
    submit: str,
    *,
    cancel_url: str = "",
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A one-form page about a request: captioned with its kind and the requester."""
    return action_page(
        request,
        form=form,
        title=title,
        submit=submit,
        caption=f"{rr.reference} · {rr.get_kind_display()} · {rr.requester_name}",
        cancel_url=cancel_url or reverse("rights_requests:request_detail", args=[rr.pk]),
        intro=intro,
        extra={"rr": rr, **(extra or {})},
    )

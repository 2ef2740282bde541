"""Staff pages: the queue, handling a request, assigning an agent, the answer, exemptions and
the figures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_error, form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.views_helpers import action_page
from rights_requests import permissions, selectors, services
from rights_requests.forms import (
    AssignAgentForm,
    DueDateForm,
    ExemptionClaimForm,
    ExemptionDecisionForm,
    ExplanationForm,
    LoggedRequestForm,
    ReconsiderationForm,
    WindowDecisionForm,
    WorkbenchFilterForm,
)
from rights_requests.models import GROUNDS_FOR_KIND, ExemptionGround, RequestKind
from rights_requests.views._common import _action, _visible

REQUESTS_PER_PAGE = 25


def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The handler's workbench: every request the person handles, open and answered, searched
    and filtered by what the query says (checked by WorkbenchFilterForm)."""
    require(permissions.can_see_queue(request.user))
    form = WorkbenchFilterForm(request.GET)
    values = form.values()
    filters = selectors.WorkbenchFilters(
        q=values["q"],
        state=values["state"],
        kind=values["kind"],
        system=values["system"] or None,
        due=values["due"],
        holder=values["holder"],
    )
    handled = permissions.requests_to_handle_for(request.user)
    found = selectors.workbench(handled, filters, user=request.user)
    page = Paginator(found, REQUESTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(rr, selectors.days_left(rr)) for rr in page]
    return render(
        request,
        "rights_requests/queue.html",
        {
            "rows": rows,
            "page": page,
            "form": form,
            "filters": filters,
            "filtered": any(values.values()),
            "systems": selectors.systems_named_in(handled),
        },
        status=200 if form.is_valid() else 400,
    )


def window_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.can_handle_request(request.user, rr))
    form = WindowDecisionForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_request_decide_window(
            actor=request.user, request=rr, **form.cleaned_data
        ),
        _("Decision recorded."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(request, rr, form, _("Decide on a late request"), _("Record decision"))


def due_date_set(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.can_handle_request(request.user, rr))
    form = DueDateForm(
        **form_data(request, files=True),
        initial={"basis": rr.due_basis, "due_date": rr.due_date, "evidence": rr.due_basis_evidence},
    )
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_request_set_due_date(
            actor=request.user, request=rr, **form.cleaned_data
        ),
        _("Due date saved."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(
        request,
        rr,
        form,
        _("Set the due date"),
        _("Save"),
        extra={"multipart": True},
        intro="rights_requests/includes/due_date_intro.html",
    )


@require_POST
def request_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.can_handle_request(request.user, rr))
    try:
        services.rights_request_start(actor=request.user, request=rr)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("rights_requests:request_detail", pk=rr.pk)


def agent_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.can_assign_agent(request.user, rr))
    choices = services.agent_choices(rr.organisation_id)
    agents = selectors.contacts_among([c.contact.pk for c in choices])
    people = selectors.members_of(rr.organisation_id)
    form = AssignAgentForm(**form_data(request), agents=agents, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            warnings = services.reconsideration_assign(
                actor=request.user, request=rr, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if warnings:
                messages.warning(
                    request,
                    _(
                        "Assigned to the most senior person by default. They do not meet "
                        "s.18(5): not %(missing)s."
                    )
                    % {"missing": ", ".join(str(limb.label) for limb in warnings)},
                )
            else:
                messages.success(request, _("Competent agent assigned."))
            return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(
        request,
        rr,
        form,
        _("Assign a competent agent"),
        _("Assign"),
        intro="rights_requests/includes/agent_choices.html",
        extra={"choices": choices},
    )


def explanation_issue(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(rr.kind == RequestKind.EXPLANATION and permissions.can_answer_request(request.user, rr))
    form = ExplanationForm(**form_data(request), initial={"text_language": rr.language})
    if form_service_succeeded(
        request,
        form,
        lambda: services.explanation_issue(actor=request.user, request=rr, **form.cleaned_data),
        _("Explanation issued. The worker has been told."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(
        request,
        rr,
        form,
        _("Write the explanation"),
        _("Issue the explanation"),
        intro="rights_requests/includes/answer_intro.html",
    )


def reconsideration_conclude(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(
        rr.kind == RequestKind.RECONSIDERATION and permissions.can_answer_request(request.user, rr)
    )
    form = ReconsiderationForm(**form_data(request), initial={"text_language": rr.language})
    if form_service_succeeded(
        request,
        form,
        lambda: services.reconsideration_conclude(
            actor=request.user, request=rr, **form.cleaned_data
        ),
        _("Outcome recorded and the worker notified in writing."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(
        request,
        rr,
        form,
        _("Record the reconsideration and notify the worker"),
        _("Record and notify"),
        intro="rights_requests/includes/answer_intro.html",
    )


def exemption_claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.can_handle_request(request.user, rr) and rr.is_open)
    grounds = [(g.value, g.label) for g in GROUNDS_FOR_KIND[RequestKind(rr.kind)]]
    earlier = selectors.reconsidered_requests_of_requester(rr)
    form = ExemptionClaimForm(**form_data(request), grounds=grounds, earlier=earlier)
    if form_service_succeeded(
        request,
        form,
        lambda: services.exemption_claim(actor=request.user, request=rr, **form.cleaned_data),
        _("Exemption claim recorded. Now record the decision."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(
        request,
        rr,
        form,
        _("Claim an exemption"),
        _("Record the claim"),
        intro="rights_requests/includes/exemption_evidence.html",
        extra={
            "candidates": selectors.duplicate_candidates(rr),
            "factors": selectors.vexatious_factors(rr),
            "ground_labels": ExemptionGround,
        },
    )


def exemption_decide(request: AuthenticatedHttpRequest, pk: int, claim_pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    require(permissions.can_handle_request(request.user, rr))
    claim = get_object_or_404(rr.exemption_claims, pk=claim_pk, decision="")
    form = ExemptionDecisionForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.exemption_decide(actor=request.user, claim=claim, **form.cleaned_data),
        _("Decision recorded."),
    ):
        return redirect("rights_requests:request_detail", pk=rr.pk)
    return _action(
        request,
        rr,
        form,
        _("Decide on the exemption claim"),
        _("Record decision"),
        intro="rights_requests/includes/exemption_claim_summary.html",
        extra={"claim": claim},
    )


def figures(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_see_aggregates(request.user))
    orgs = permissions.organisations_for_figures(request.user)
    return render(request, "rights_requests/figures.html", {"rows": selectors.figures_for(orgs)})


def request_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Log a request received by letter, email or in person, with its date and a copy (A22)."""
    org_ids = permissions.organisations_for_logging(request.user)
    require(bool(org_ids))
    organisations = selectors.organisations_among(org_ids)
    form = LoggedRequestForm(
        **form_data(request, files=True),
        organisations=organisations,
        entries=selectors.entries_open_to_requests(org_ids),
    )
    if request.method == "POST" and form.is_valid():
        try:
            created, _token = services.rights_request_log_received(
                actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Request logged. Its clock runs from the date received."))
            return redirect("rights_requests:request_detail", pk=created.pk)
    return action_page(
        request,
        form=form,
        title=_("Log a request received outside Llais"),
        submit=_("Log the request"),
        caption=_("Requests to answer"),
        cancel_url=reverse("rights_requests:queue"),
        intro="rights_requests/includes/log_request_intro.html",
        extra={"multipart": True},
    )


def request_copy(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    """The copy of a request logged from a letter, an email or a visit: for its handlers."""
    rr = _visible(request, pk)
    require(permissions.can_handle_request(request.user, rr))
    if not rr.received_copy:
        raise Http404
    try:
        handle = rr.received_copy.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    filename = (rr.received_copy.name or "copy").rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=filename)

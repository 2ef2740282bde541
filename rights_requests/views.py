"""Views parse input, call one service and render. Permissions come from permissions.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import legal_time
from core.forms import add_service_error, form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.models import Organisation, User
from core.pdf import render_pdf
from core.roles import Role
from core.selectors import timeline_for
from registers.models import AISystem
from registers.permissions import systems_visible_to
from rights_requests import permissions, selectors, services
from rights_requests.competence import contact_limbs_failed
from rights_requests.forms import (
    AssignAgentForm,
    ContactForm,
    DueDateForm,
    EarlyConciliationForm,
    ExemptionClaimForm,
    ExemptionDecisionForm,
    ExplanationForm,
    PublicRequestForm,
    ReconsiderationForm,
    RequestForm,
    ShareForm,
    WindowDecisionForm,
    WithdrawForm,
)
from rights_requests.models import (
    GROUNDS_FOR_KIND,
    ContactKind,
    ExemptionGround,
    RequestKind,
    RightsContact,
    RightsRequest,
)
from rights_requests.timeline import event_label


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


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
        RightsRequest.objects.select_related("organisation", "ai_system", "assigned_agent"),
        access_token_sha256=services.token_sha256(token),
    )


def _today():
    return legal_time.uk_date(timezone.now())


def _page_context(rr: RightsRequest) -> dict[str, Any]:
    """What a request page shows, to the worker and to staff alike."""
    answer = getattr(rr, "answer", None)
    failure = getattr(rr, "failure", None)
    claims = list(rr.exemption_claims.select_related("relies_on"))
    events = [(event, event_label(event.kind)) for event in timeline_for(rr)]
    return {
        "rr": rr,
        "answer": answer,
        "failure": failure,
        "claims": claims,
        "refusal": next((c for c in reversed(claims) if c.decision == "applies"), None),
        "days_left": selectors.days_left(rr),
        "today": _today(),
        "events": events,
    }


# --- The worker's pages ---------------------------------------------------------------------


def request_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    mine = (
        RightsRequest.objects.filter(requester=request.user)
        .select_related("organisation", "failure")
        .order_by("-made_at")
    )
    return render(
        request,
        "rights_requests/request_list.html",
        {
            "requests": mine,
            "today": _today(),
            "can_make": permissions.organisations_for_requests(request.user).exists(),
        },
    )


def request_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = permissions.organisations_for_requests(request.user)
    _require(organisations.exists())
    follows = None
    if request.GET.get("follows", "").isdigit():
        follows = (
            RightsRequest.objects.filter(
                requester=request.user, kind=RequestKind.EXPLANATION, pk=request.GET["follows"]
            )
            .select_related("organisation")
            .first()
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
    systems = systems_visible_to(request.user).filter(organisation__in=organisations)
    form = RequestForm(
        **form_data(request), initial=initial, organisations=organisations, systems=systems
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
        can_withdraw=permissions.can_withdraw_request(user, rr),
        can_share=permissions.can_share_request(user, rr),
        shared_with=list(rr.shared_with.all()) if permissions.is_requester(user, rr) else [],
    )
    return render(request, "rights_requests/request_detail.html", context)


def _letter_response(rr: RightsRequest, *, pdf: bool, request: HttpRequest) -> HttpResponse:
    answer = getattr(rr, "answer", None)
    if answer is None:
        raise Http404
    # R-CY-CORR: the letter is in the language the worker asked for, whoever prints it.
    with translation.override(rr.language):
        context = {"rr": rr, "answer": answer, "organisation_name": rr.organisation.name}
        if pdf:
            body = render_pdf("pdf/rights_letter.html", context)
            response = HttpResponse(body, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="llais-letter-{rr.pk}.pdf"'
            return response
        return render(request, "rights_requests/letter.html", context)


def letter(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _letter_response(_visible(request, pk), pdf=False, request=request)


def letter_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _letter_response(_visible(request, pk), pdf=True, request=request)


def _timeline_pdf(rr: RightsRequest) -> HttpResponse:
    context = _page_context(rr)
    context["generated_at"] = timezone.now()
    body = render_pdf("pdf/rights_timeline.html", context)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="llais-request-{rr.pk}-timeline.pdf"'
    return response


def timeline_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _timeline_pdf(_visible(request, pk))


def request_withdraw(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    _require(permissions.can_withdraw_request(request.user, rr))
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


def early_conciliation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    _require(permissions.is_requester(request.user, rr))
    back = reverse("rights_requests:request_detail", args=[rr.pk])
    return _early_conciliation(request, rr, request.user, "", back)


def request_share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    _require(permissions.can_share_request(request.user, rr))
    representatives = User.objects.filter(
        memberships__organisation=rr.organisation,
        memberships__role=Role.UNION_REPRESENTATIVE,
        is_active=True,
    ).distinct()
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


# --- Staff pages ----------------------------------------------------------------------------


def _action(
    request: HttpRequest,
    rr: RightsRequest,
    form,
    title: str,
    submit: str,
    *,
    cancel_url: str = "",
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    return render(
        request,
        "rights_requests/action_form.html",
        {
            "rr": rr,
            "form": form,
            "title": title,
            "submit_label": submit,
            "cancel_url": cancel_url or reverse("rights_requests:request_detail", args=[rr.pk]),
            "intro": intro,
            **(extra or {}),
        },
    )


def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    _require(permissions.can_see_queue(request.user))
    visible = permissions.requests_visible_to(request.user).exclude(requester=request.user)
    rows = [(rr, selectors.days_left(rr)) for rr in selectors.queue_for(visible)]
    return render(request, "rights_requests/queue.html", {"rows": rows})


def window_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    _require(permissions.can_handle_request(request.user, rr))
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
    _require(permissions.can_handle_request(request.user, rr))
    form = DueDateForm(
        **form_data(request),
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
    return _action(request, rr, form, _("Set the due date"), _("Save"))


@require_POST
def request_start(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    _require(permissions.can_handle_request(request.user, rr))
    try:
        services.rights_request_start(actor=request.user, request=rr)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("rights_requests:request_detail", pk=rr.pk)


def agent_assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    rr = _visible(request, pk)
    _require(permissions.can_assign_agent(request.user, rr))
    choices = services.agent_choices(rr.organisation_id)
    agents = RightsContact.objects.filter(pk__in=[c.contact.pk for c in choices])
    people = User.objects.filter(memberships__organisation=rr.organisation).distinct()
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
    _require(
        rr.kind == RequestKind.EXPLANATION and permissions.can_answer_request(request.user, rr)
    )
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
    _require(
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
    _require(permissions.can_handle_request(request.user, rr) and rr.is_open)
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
    _require(permissions.can_handle_request(request.user, rr))
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
    _require(permissions.can_see_aggregates(request.user))
    orgs = permissions.organisations_for_figures(request.user)
    return render(request, "rights_requests/figures.html", {"rows": selectors.figures_for(orgs)})


# --- Contacts -------------------------------------------------------------------------------


def contact_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    orgs = permissions.organisations_for_contacts(request.user)
    _require(bool(orgs))
    contacts = (
        RightsContact.objects.filter(organisation_id__in=orgs)
        .select_related("organisation", "user", "delegated_by")
        .order_by("organisation", "kind", "name")
    )
    return render(
        request,
        "rights_requests/contact_list.html",
        {
            "rows": [(c, contact_limbs_failed(c)) for c in contacts],
            "published": selectors.published_contacts_for(orgs),
            "organisations": Organisation.objects.in_bulk(orgs),
        },
    )


def _contact_form(request: AuthenticatedHttpRequest, organisation_id: int, **kwargs) -> ContactForm:
    people = User.objects.filter(memberships__organisation_id=organisation_id).distinct()
    agents = RightsContact.objects.filter(
        organisation_id=organisation_id,
        kind=ContactKind.COMPETENT_AGENT,
        delegated_by__isnull=True,
    )
    return ContactForm(**form_data(request), people=people, agents=agents, **kwargs)


def contact_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    orgs = permissions.organisations_for_contacts(request.user)
    _require(bool(orgs))
    organisation = Organisation.objects.get(pk=orgs[0])
    form = _contact_form(request, organisation.pk)
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_contact_create(
            actor=request.user, organisation=organisation, **form.cleaned_data
        ),
        _("Contact saved."),
    ):
        return redirect("rights_requests:contact_list")
    return render(request, "rights_requests/contact_form.html", {"form": form, "contact": None})


def contact_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(
        RightsContact.objects.filter(
            organisation_id__in=permissions.organisations_for_contacts(request.user)
        ),
        pk=pk,
    )
    initial = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
    form = _contact_form(request, contact.organisation_id, initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_contact_update(
            actor=request.user, contact=contact, **form.cleaned_data
        ),
        _("Contact saved."),
    ):
        return redirect("rights_requests:contact_list")
    return render(request, "rights_requests/contact_form.html", {"form": form, "contact": contact})


# --- Without an account (jobseekers) --------------------------------------------------------


@login_not_required
def public_request_form(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    systems = AISystem.objects.filter(
        organisation=organisation,
        used_in_high_risk_decision_making=True,
        first_use__isnull=False,
    )
    form = PublicRequestForm(
        **form_data(request),
        initial={"language": translation.get_language(), "requester_status": "jobseeker"},
        organisations=Organisation.objects.filter(pk=organisation.pk),
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

"""Views parse input, call one service and render. Permissions come from permissions.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.extensions import FURTHER_WAIRA_PAGE, object_panels
from core.forms import add_service_error, form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.timeline import timeline_rows
from core.transitions import transition_actions, transition_label
from core.views_helpers import action_page
from registers import permissions as register_permissions
from waira import permissions, selectors, services
from waira.content import SECTIONS, STATUTES
from waira.forms import (
    AdverseAspectForm,
    CommentForm,
    CompleteForm,
    ConcernForm,
    ConcernResponseForm,
    ConcludeForm,
    HighRiskStartBreachForm,
    HighRiskStartForm,
    ReopenForm,
    ShareForm,
    UnionPositionForm,
    WairaForm,
    nrp_field_name,
    waira_form_initial,
)
from waira.gates import high_risk_start_blockers
from waira.models import Waira, WairaKind, WairaState
from waira.pdf import consultation_pdf_response, waira_pdf_response


def _visible_waira(request: AuthenticatedHttpRequest, pk: int) -> Waira:
    """Another organisation's WAIRA, or one the person may not read, is a 404."""
    return get_object_or_404(
        permissions.wairas_visible_to(request.user).select_related(
            "system", "organisation", "previous"
        ),
        pk=pk,
    )


def _consulted_waira(request: AuthenticatedHttpRequest, pk: int) -> Waira:
    return get_object_or_404(
        permissions.consultations_visible_to(request.user).select_related("system", "organisation"),
        pk=pk,
    )


def waira_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_list_wairas(request.user))
    wairas = (
        permissions.wairas_visible_to(request.user)
        .select_related("system", "organisation")
        .order_by("system__name", "-version")
    )
    systems = register_permissions.systems_visible_to(request.user).filter(
        used_in_high_risk_decision_making=True
    )
    return render(
        request,
        "waira/waira_list.html",
        {
            "wairas": list(wairas),
            "systems": [
                (system, selectors.review_clocks(system)) for system in systems.order_by("name")
            ],
        },
    )


def waira_create(request: AuthenticatedHttpRequest, system_pk: int) -> HttpResponse:
    system = get_object_or_404(
        register_permissions.systems_visible_to(request.user).select_related("organisation"),
        pk=system_pk,
    )
    require(permissions.can_create_waira(request.user, system))
    previous = selectors.latest_completed_of(system)
    open_waira = selectors.open_waira_of(system)
    error = ""
    if request.method == "POST":
        try:
            waira = services.waira_create(actor=request.user, system=system)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("WAIRA started."))
            return redirect("waira:waira_edit", pk=waira.pk)
    return render(
        request,
        "waira/waira_create.html",
        {"system": system, "previous": previous, "open_waira": open_waira, "error": error},
    )


def waira_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    user = request.user
    content = selectors.current_content(waira)
    staff = permissions.is_staff_for(user, waira)
    events = timeline_rows(waira)
    running = permissions.can_run_consultation(user, waira)
    return render(
        request,
        "waira/waira_detail.html",
        {
            "waira": waira,
            "sections": selectors.content_groups(content),
            "gaps": [] if waira.is_completed else selectors.waira_gaps(waira, content),
            "difference": selectors.difference_from_previous(waira, content),
            "sharings": list(waira.sharings.select_related("shared_by", "snapshot")),
            "consultee_count": waira.consultees.count(),
            "concerns": selectors.concerns_for_staff(waira),
            "adverse_aspects": list(selectors.adverse_aspects_of(waira)),
            "conclusion_blockers": (
                selectors.conclusion_blockers(waira) if waira.state == WairaState.SHARED else []
            ),
            "comments": list(waira.comments.select_related("author")),
            "positions": list(waira.union_positions.select_related("representative")),
            "events": events,
            "panels": object_panels("waira", request, waira),
            # s.14(5): what other apps know happened since the previous WAIRA (oversight's
            # incidents for (c)), beside the answers.
            "further_panels": object_panels(FURTHER_WAIRA_PAGE, request, waira)
            if waira.kind == WairaKind.FURTHER
            else [],
            "is_staff": staff,
            "can_edit": permissions.can_edit_waira(user, waira),
            # Each page behind these buttons says what is still missing, so they are offered
            # before the transition's conditions are met.
            "actions": transition_actions(
                waira,
                "state",
                allowed={
                    "share": permissions.can_share_waira(user, waira),
                    "conclude": running,
                    "reopen": running,
                    "complete": permissions.can_complete_waira(user, waira),
                },
                url_for={
                    name: reverse(f"waira:waira_{name}", args=[waira.pk])
                    for name in ("share", "conclude", "reopen", "complete")
                },
                even_if_unmet=True,
            ),
            "can_run_consultation": running,
            "can_comment": permissions.can_comment_on_waira(user, waira),
            "can_take_position": permissions.can_take_union_position(user, waira),
        },
    )


def waira_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_edit_waira(request.user, waira))
    form = WairaForm(**form_data(request), waira=waira, initial=waira_form_initial(waira))
    if form_service_succeeded(
        request,
        form,
        lambda: services.waira_update(actor=request.user, waira=waira, **form.service_arguments()),
        _("WAIRA saved."),
    ):
        return redirect("waira:waira_detail", pk=waira.pk)
    system_answers = selectors.system_answers_for_display(waira)
    sections = [
        {
            "section": section,
            "fields": form.fields_for_section(section.letter),
            "nrp": form[nrp_field_name(section.letter)],
            "system_answer": system_answers.get(section.letter),
        }
        for section in SECTIONS
    ]
    further_fields = [
        form[name]
        for name in form.fields
        if name.startswith("pc_") or name in ("decisions_modified_note", "harm_incidents")
    ]
    return render(
        request,
        "waira/waira_form.html",
        {
            "waira": waira,
            "form": form,
            "sections": sections,
            "further_fields": further_fields,
            "further_panels": object_panels(FURTHER_WAIRA_PAGE, request, waira)
            if further_fields
            else [],
            "statutes": STATUTES,
            "can_edit_system": register_permissions.can_edit_system(request.user, waira.system),
        },
    )


def _waira_action(
    request: AuthenticatedHttpRequest,
    waira: Waira,
    form: forms.Form,
    title: str | Promise,
    submit: str | Promise,
    *,
    lead: str | Promise = "",
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A one-form page about a WAIRA: captioned with it, and back to it."""
    return action_page(
        request,
        form=form,
        title=title,
        submit=submit,
        caption=_("WAIRA %(version)s: %(system)s")
        % {"version": waira.version, "system": waira.system.name},
        cancel_url=reverse("waira:waira_detail", args=[waira.pk]),
        lead=lead,
        intro=intro,
        extra={"waira": waira, **(extra or {})},
    )


def waira_share(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_share_waira(request.user, waira))
    form = ShareForm(**form_data(request), workers=selectors.workers_of(waira))
    if form_service_succeeded(
        request,
        form,
        lambda: services.waira_share(
            actor=request.user,
            waira=waira,
            audience=form.cleaned_data["audience"],
            method=form.cleaned_data["method"],
            workers=form.chosen_workers(),
        ),
        _("WAIRA shared: the consultation is open."),
    ):
        return redirect("waira:waira_detail", pk=waira.pk)
    return _waira_action(
        request,
        waira,
        form,
        _("Share the WAIRA with the workers affected"),
        _("Share it"),
        lead=_(
            "The version you share now is kept exactly as it is: the workers you choose can read "
            "it and download it, raise concerns, and choose to stay anonymous to managers. "
            "Consult the workers directly, not only their union (s.15(3))."
        ),
        intro="waira/includes/share_intro.html",
        extra={"gaps": selectors.waira_gaps(waira)},
    )


def concern_respond(request: AuthenticatedHttpRequest, pk: int, concern_pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_run_consultation(request.user, waira))
    concern = get_object_or_404(waira.concerns.select_related("raised_by"), pk=concern_pk)
    form = ConcernResponseForm(**form_data(request), initial={"response": concern.response})
    if form_service_succeeded(
        request,
        form,
        lambda: services.concern_respond(
            actor=request.user, concern=concern, response=form.cleaned_data["response"]
        ),
        _("Answer saved."),
    ):
        return redirect("waira:waira_detail", pk=waira.pk)
    shown = selectors.concern_author_shown(concern)
    return _waira_action(
        request,
        waira,
        form,
        _("Answer a concern"),
        _("Save the answer"),
        intro="waira/includes/concern_intro.html",
        extra={"concern": concern, "raised_by": shown},
    )


def adverse_aspect_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_run_consultation(request.user, waira))
    form = AdverseAspectForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.adverse_aspect_record(
            actor=request.user, waira=waira, **form.cleaned_data
        ),
        _("Discussion recorded."),
    ):
        return redirect("waira:waira_detail", pk=waira.pk)
    return _waira_action(
        request,
        waira,
        form,
        _("Record the discussion of an adverse aspect"),
        _("Save the discussion"),
        lead=_(
            "The law asks the employer to discuss with the workers how any adverse aspect "
            "identified in the WAIRA can be removed or modified (s.15(3)(d)). Record each one "
            "and what was decided."
        ),
    )


def waira_conclude(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_run_consultation(request.user, waira))
    form = ConcludeForm(**form_data(request))
    listening_ends = selectors.listening_period_end(waira)
    listening_is_short = listening_ends is not None and uk_today() < listening_ends
    if not listening_is_short:
        # The reason is asked for only while the listening period runs.
        del form.fields["short_listening_reason"]
    if form_service_succeeded(
        request,
        form,
        lambda: services.waira_conclude(
            actor=request.user,
            waira=waira,
            no_adverse_aspects_reason=form.cleaned_data["no_adverse_aspects_reason"],
            short_listening_reason=form.cleaned_data.get("short_listening_reason", ""),
        ),
        _("Consultation concluded."),
    ):
        return redirect("waira:waira_detail", pk=waira.pk)
    label = transition_label(waira, "conclude", "state")
    return _waira_action(
        request,
        waira,
        form,
        label,
        label,
        lead=_(
            "The consultation is concluded on the date of its last step. High-risk "
            "decision-making may start no earlier than a clear month after the later of that "
            "date and the day the WAIRA is completed (s.15(1))."
        ),
        intro="waira/includes/conclude_intro.html",
        # Once the form is refused, its error summary says what is missing: not twice.
        extra={
            "blockers": [] if form.errors else selectors.conclusion_blockers(waira),
            "listening_period_end": listening_ends,
            "listening_is_short": listening_is_short,
        },
    )


def waira_reopen(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_run_consultation(request.user, waira))
    form = ReopenForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.waira_reopen(actor=request.user, waira=waira, **form.cleaned_data),
        _("Consultation reopened."),
    ):
        return redirect("waira:waira_detail", pk=waira.pk)
    label = transition_label(waira, "reopen", "state")
    return _waira_action(request, waira, form, label, label)


def waira_complete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_complete_waira(request.user, waira))
    form = CompleteForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.waira_complete(actor=request.user, waira=waira),
        _("WAIRA completed."),
    ):
        return redirect("waira:waira_detail", pk=waira.pk)
    label = transition_label(waira, "complete", "state")
    return _waira_action(
        request,
        waira,
        form,
        label,
        label,
        lead=_(
            "Completing freezes the assessment with its SHA-256 stamp, and starts the 12-month "
            "clocks for the next WAIRA and the next consultation (s.14(4), s.15(4))."
        ),
        intro="waira/includes/complete_intro.html",
        extra={"gaps": selectors.waira_gaps(waira)},
    )


def waira_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_comment_on_waira(request.user, waira))
    form = CommentForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.waira_comment(
            actor=request.user, waira=waira, text=form.cleaned_data["text"]
        ),
        _("Comment added."),
    ):
        return redirect("waira:waira_detail", pk=waira.pk)
    return _waira_action(request, waira, form, _("Add a comment"), _("Add the comment"))


def union_position(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    require(permissions.can_take_union_position(request.user, waira))
    form = UnionPositionForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            position = services.waira_union_position_record(
                actor=request.user, waira=waira, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("You signed off this WAIRA.")
                if position.kind == "sign_off"
                else _("Your dissent is on the record."),
            )
            return redirect("waira:waira_detail", pk=waira.pk)
    return _waira_action(
        request, waira, form, _("Sign off or record dissent"), _("Record my position")
    )


def waira_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _visible_waira(request, pk)
    return waira_pdf_response(waira)


# --- Workers consulted ----------------------------------------------------------------------


def consultation_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_list_consultations(request.user))
    wairas = (
        permissions.consultations_visible_to(request.user)
        .select_related("system", "organisation")
        .order_by("-updated_at")
    )
    return render(request, "waira/consultation_list.html", {"wairas": list(wairas)})


def consultation_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _consulted_waira(request, pk)
    snapshot = selectors.latest_shared_snapshot(waira)
    assert snapshot is not None
    can_raise = permissions.can_raise_concern(request.user, waira)
    anonymity = selectors.anonymity_of(waira)
    form = (
        ConcernForm(**form_data(request), anonymity_offered=anonymity.offered)
        if can_raise
        else None
    )
    require(can_raise or request.method != "POST")
    if form is not None and form_service_succeeded(
        request,
        form,
        lambda: services.concern_raise(actor=request.user, waira=waira, **form.service_arguments),
        _("Thank you: your concern has been sent."),
    ):
        return redirect("waira:consultation_detail", pk=waira.pk)
    return render(
        request,
        "waira/consultation_detail.html",
        {
            "waira": waira,
            "snapshot": snapshot,
            "sections": selectors.content_groups(snapshot.content),
            "my_concerns": list(waira.concerns.filter(raised_by=request.user)),
            "form": form,
            "anonymity": anonymity,
        },
    )


def consultation_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = _consulted_waira(request, pk)
    return consultation_pdf_response(waira)


# --- The start of high-risk decision-making -------------------------------------------------


def high_risk_start(request: AuthenticatedHttpRequest, system_pk: int) -> HttpResponse:
    system = get_object_or_404(
        register_permissions.systems_visible_to(request.user).select_related("organisation"),
        pk=system_pk,
    )
    require(permissions.can_record_high_risk_start(request.user, system))
    form = HighRiskStartForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.high_risk_start_record(
            actor=request.user, system=system, started_on=form.cleaned_data["started_on"]
        ),
        _("Start of high-risk decision-making recorded."),
    ):
        return redirect("registers:system_detail", pk=system.pk)
    facts = selectors.high_risk_start_facts(system)
    return action_page(
        request,
        form=form,
        title=_("Record the start of high-risk decision-making"),
        submit=_("Record the start"),
        caption=system.name,
        cancel_url=reverse("registers:system_detail", args=[system.pk]),
        lead=_(
            "The law does not allow high-risk decision-making until the initial WAIRA is "
            "completed and the workers affected have been consulted on it, at least a clear "
            "month before (s.14(2), s.15(1)). There is no override."
        ),
        intro="waira/includes/high_risk_start_intro.html",
        extra={
            "facts": facts,
            "blockers_today": high_risk_start_blockers(facts, uk_today()),
            "breach_link": True,
        },
    )


def high_risk_start_breach(request: AuthenticatedHttpRequest, system_pk: int) -> HttpResponse:
    """A start that really happened before the gates opened is recorded as a breach, with who
    recorded it and evidence (s.14(2), s.15(1)): never refused silently."""
    system = get_object_or_404(
        register_permissions.systems_visible_to(request.user).select_related("organisation"),
        pk=system_pk,
    )
    require(permissions.can_record_high_risk_start(request.user, system))
    form = HighRiskStartBreachForm(**form_data(request, files=True))
    if form_service_succeeded(
        request,
        form,
        lambda: services.high_risk_start_breach_record(
            actor=request.user,
            system=system,
            started_on=form.cleaned_data["started_on"],
            account=form.cleaned_data["account"],
            evidence=form.cleaned_data["evidence"],
        ),
        _("Start recorded as a breach. The failure and its tribunal dates open tonight."),
    ):
        return redirect("registers:system_detail", pk=system.pk)
    facts = selectors.high_risk_start_facts(system)
    return action_page(
        request,
        form=form,
        title=_("Record a start of high-risk decision-making in breach"),
        submit=_("Record the breach"),
        caption=system.name,
        cancel_url=reverse("registers:system_detail", args=[system.pk]),
        lead=_(
            "Use this when high-risk decision-making with the system has already begun before "
            "the law allowed it. It is recorded as a breach of s.14(2) or s.15(1), the workers "
            "affected and their representatives are told, and the tribunal dates are worked out."
        ),
        intro="waira/includes/high_risk_start_intro.html",
        extra={"facts": facts, "blockers_today": []},
        warning=True,
        multipart=True,
    )

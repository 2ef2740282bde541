"""Views parse input, call one service and render. Permissions come from permissions.py."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.extensions import object_panels
from core.forms import add_service_error, form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.models import User
from core.permissions import require
from core.timeline import timeline_rows
from core.transitions import transition_actions, transition_label
from core.views_helpers import action_page
from procurement import permissions, selectors, services
from procurement.bids import selectors as bid_selectors
from procurement.forms import (
    AdvanceForm,
    CancelForm,
    CarryForwardForm,
    CaseForm,
    EngagementActivityForm,
    EngagementCompleteForm,
    GateDecisionForm,
    LinkSystemForm,
    PromptCommentForm,
    PromptResponseForm,
    UnionRepresentativeForm,
)
from procurement.gates import GateResult
from procurement.models import (
    DiscussionPrompt,
    GateDecision,
    ProcurementCase,
)
from procurement.presenters import gate_items
from procurement.stages import (
    CARRY_FORWARD_STAGES,
    NEXT_STAGE,
    TOOLKIT_STAGES,
    Stage,
    stages_reached,
)
from registers import services as register_services
from registers.forms import AISystemForm

CASES_PER_PAGE = 50


def _visible_case(request: AuthenticatedHttpRequest, pk: int) -> ProcurementCase:
    """Another organisation's case, or one the person may not see, is a 404."""
    return get_object_or_404(
        permissions.cases_visible_to(request.user).select_related("organisation", "commissioner"),
        pk=pk,
    )


def case_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_list_cases(request.user))
    cases = permissions.cases_visible_to(request.user)
    stage = request.GET.get("stage", "")
    if stage in Stage.values:
        cases = cases.filter(stage=stage)
    page = Paginator(selectors.case_list_for_dashboard(cases), CASES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(case, selectors.gate_for(case), selectors.next_dates_for(case)) for case in page]
    can_create = permissions.organisations_for_new_case(request.user).exists()
    return render(
        request,
        "procurement/case_list.html",
        {
            "rows": rows,
            "page": page,
            "stages": Stage.choices,
            "stage": stage,
            "can_create": can_create,
        },
    )


def case_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = permissions.organisations_for_new_case(request.user)
    require(organisations.exists())
    form = CaseForm(**form_data(request), organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_create(
                actor=request.user,
                organisation=data["organisation"],
                title=data["title"],
                summary=data["summary"],
                engagement_plan=data["engagement_plan"],
                risk_level=data["risk_level"],
                risk_reasoning=data["risk_reasoning"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Case created."))
            return redirect("procurement:case_detail", pk=case.pk)
    return render(request, "procurement/case_form.html", {"form": form, "case": None})


def case_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_edit_case(request.user, case))
    risk_editable = case.stage == Stage.PLANNING
    initial = {
        "title": case.title,
        "summary": case.summary,
        "engagement_plan": case.engagement_plan,
        "risk_level": case.risk_level,
        "risk_reasoning": case.risk_reasoning,
    }
    form = CaseForm(
        **form_data(request), initial=initial, editing=True, risk_editable=risk_editable
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.case_update(
                actor=request.user,
                case=case,
                title=data["title"],
                summary=data["summary"],
                engagement_plan=data["engagement_plan"],
                risk_level=data.get("risk_level", case.risk_level),
                risk_reasoning=data.get("risk_reasoning", case.risk_reasoning),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Case details saved."))
            return redirect("procurement:case_detail", pk=case.pk)
    return render(request, "procurement/case_form.html", {"form": form, "case": case})


def _gate_context(
    user: User, case: ProcurementCase, gate: GateResult, decisions: list[GateDecision]
) -> dict[str, Any]:
    """What includes/gate_status.html shows: each blocker linked to where this person fixes it,
    and the override of the current stage with its reason."""
    next_stage = NEXT_STAGE.get(case.stage)
    allowed = {
        "can_edit": permissions.can_edit_case(user, case),
        "can_manage_bids": permissions.can_manage_bid_assessment(user, case),
        "can_record": permissions.can_record_engagement(user, case),
        "can_assign": permissions.can_assign_union_representatives(user, case),
        "can_decide": permissions.can_decide_at_gate(user, case),
    }
    return {
        "gate": gate,
        "gate_items": gate_items(
            case.pk,
            gate.missing,
            allowed=allowed,
            carry_forward=next_stage if next_stage in CARRY_FORWARD_STAGES else "",
        ),
        "current_override": next(
            (
                d
                for d in decisions
                if d.stage == case.stage and d.kind == GateDecision.Kind.OVERRIDE
            ),
            None,
        ),
    }


def _award_summary(case: ProcurementCase) -> dict[str, Any]:
    """After the award, its summary shows to whoever may see the case (ADR 0017)."""
    award = bid_selectors.award_for_case(case)
    if award is None:
        return {"award": None}
    return {
        "award": award,
        "totals": bid_selectors.weighted_totals(case),
        "dissents": list(bid_selectors.dissents_for(case)),
    }


def case_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(
        selectors.case_list_for_dashboard(permissions.cases_visible_to(request.user)), pk=pk
    )
    user = request.user
    gate = selectors.gate_for(case)
    activities = list(selectors.activities_for(case))
    carry_forwards = {record.stage: record for record in case.carry_forwards.all()}
    decisions = selectors.gate_decisions_of(case)
    events = timeline_rows(case, dict(Stage.choices))
    # A stage left by the commissioner's override is "Overridden", with the reason, not "Done".
    overrides = {d.stage: d for d in decisions if d.kind == GateDecision.Kind.OVERRIDE}
    stage_rows = []
    current = TOOLKIT_STAGES.index(case.stage) if case.stage in TOOLKIT_STAGES else None
    for index, stage in enumerate(TOOLKIT_STAGES):
        override = overrides.get(stage)
        if case.stage == Stage.CLOSED or (current is not None and index < current):
            status = "overridden" if override else "done"
        elif index == current:
            status = "current"
        else:
            status = "todo"
        stage_rows.append((Stage(stage).label, status, override))
    next_stage = NEXT_STAGE.get(case.stage)
    next_carry_forward_stage = next_stage if next_stage in CARRY_FORWARD_STAGES else None
    return render(
        request,
        "procurement/case_detail.html",
        {
            "case": case,
            "gate": gate,
            "next_stage_label": Stage(next_stage).label if next_stage else "",
            "next_carry_forward_stage": next_carry_forward_stage,
            **_gate_context(user, case, gate, decisions),
            "stage_rows": stage_rows,
            "activities": activities,
            "current_activities": [a for a in activities if a.stage == case.stage],
            "answers": selectors.answers_by_stage(case),
            "systems": selectors.systems_overview(case),
            "can_comment": permissions.can_comment_on_prompts(user, case),
            "can_record": permissions.can_record_engagement(user, case),
            "carry_forwards": [
                (Stage(stage).label, carry_forwards.get(stage), stage)
                for stage in CARRY_FORWARD_STAGES
                if stage in carry_forwards
            ],
            "decisions": decisions,
            "events": events,
            "panels": object_panels("procurement_case", request, case),
            "representatives": list(selectors.union_representatives_of(case)),
            "ai_systems": list(case.ai_systems.all()),
            "due_items": selectors.next_dates_for(case),
            "can_edit": permissions.can_edit_case(user, case),
            "can_advance": permissions.can_advance_case(user, case),
            "can_override": permissions.can_override_gate(user, case),
            "can_decide": permissions.can_decide_at_gate(user, case),
            "can_assign": permissions.can_assign_union_representatives(user, case),
            "can_grade_risk": permissions.can_grade_risk(user, case),
            "can_view_specification": permissions.can_view_specification(user, case),
            "can_view_bids": permissions.can_view_bids(user, case),
            **_award_summary(case),
            "actions": transition_actions(
                case,
                "stage",
                allowed={"cancel": permissions.can_cancel_case(user, case)},
                url_for={"cancel": reverse("procurement:case_cancel", args=[case.pk])},
            ),
        },
    )


def union_representatives(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_assign_union_representatives(request.user, case))
    assigned = selectors.union_representatives_of(case)
    candidates = selectors.union_representative_candidates(case)
    form = UnionRepresentativeForm(**form_data(request), representatives=candidates)
    if form_service_succeeded(
        request,
        form,
        lambda: services.case_assign_union_representative(
            actor=request.user, case=case, representative=form.cleaned_data["representative"]
        ),
        _("Union representative assigned."),
    ):
        return redirect("procurement:union_representatives", pk=case.pk)
    return render(
        request,
        "procurement/union_representatives.html",
        {"case": case, "form": form, "assigned": list(assigned)},
    )


@require_POST
def union_representative_remove(
    request: AuthenticatedHttpRequest, pk: int, user_pk: int
) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_assign_union_representatives(request.user, case))
    representative = get_object_or_404(selectors.union_representatives_of(case), pk=user_pk)
    services.case_unassign_union_representative(
        actor=request.user, case=case, representative=representative
    )
    messages.success(request, _("Union representative removed."))
    return redirect("procurement:union_representatives", pk=case.pk)


def activity_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_record_engagement(request.user, case))
    form = EngagementActivityForm(**form_data(request, files=True), stage=case.stage)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attachments = (
            [(data["attachment"], data["attachment_description"])] if data["attachment"] else []
        )
        try:
            services.engagement_record(
                actor=request.user,
                case=case,
                approach=data["approach"],
                held_on=data["held_on"],
                worker_groups=data["worker_groups"],
                worker_count=data["worker_count"],
                union_involved=data["union_involved"],
                union_involvement=data["union_involvement"],
                protected_characteristics_involved=data["protected_characteristics_involved"],
                protected_characteristics_detail=data["protected_characteristics_detail"],
                issues_raised=data["issues_raised"],
                employer_response=data["employer_response"],
                attachments=attachments,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Engagement recorded."))
            return redirect("procurement:case_detail", pk=case.pk)
    return render(
        request,
        "procurement/activity_form.html",
        {"case": case, "form": form, "stage_label": Stage(case.stage).label},
    )


def activity_detail(request: AuthenticatedHttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    activity = get_object_or_404(
        case.activities.select_related("approach", "recorded_by"), pk=activity_pk
    )
    return render(
        request,
        "procurement/activity_detail.html",
        {
            "case": case,
            "activity": activity,
            "attachments": list(activity.attachments.all()),
            "can_complete": permissions.can_complete_engagement(request.user, case),
            "changes": selectors.we_did_changes(activity),
        },
    )


def activity_complete(request: AuthenticatedHttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    """Add or change "we did" on a ledger entry, weeks after it was recorded if need be."""
    case = _visible_case(request, pk)
    activity = get_object_or_404(case.activities.select_related("approach"), pk=activity_pk)
    require(permissions.can_complete_engagement(request.user, case))
    form = EngagementCompleteForm(
        **form_data(request), initial={"employer_response": activity.employer_response}
    )
    back = reverse("procurement:activity_detail", args=[case.pk, activity.pk])
    if form_service_succeeded(
        request,
        form,
        lambda: services.engagement_complete(
            actor=request.user,
            activity=activity,
            employer_response=form.cleaned_data["employer_response"],
        ),
        _("Ledger entry saved."),
    ):
        return redirect(back)
    return action_page(
        request,
        form=form,
        title=_("What we did in response"),
        submit=_("Save"),
        caption=f"{case.title} · {activity.approach.text}",
        cancel_url=back,
        inset=activity.issues_raised,
        extra={"case": case},
    )


def prompt_comment(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    """A comment beside the answer to a prompt of this or an earlier stage."""
    case = _visible_case(request, pk)
    require(permissions.can_comment_on_prompts(request.user, case))
    prompt = get_object_or_404(
        DiscussionPrompt, key=key, stage__in=stages_reached(case.stage), is_carry_forward=False
    )
    form = PromptCommentForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.prompt_comment_add(
            actor=request.user, case=case, prompt=prompt, text=form.cleaned_data["text"]
        ),
        _("Comment added."),
    ):
        return redirect(reverse("procurement:case_detail", args=[case.pk]) + "#answers")
    return _case_action(
        request, case, form, _("Comment on an answer"), _("Add comment"), inset=prompt.text
    )


def attachment_download(
    request: AuthenticatedHttpRequest, pk: int, activity_pk: int, attachment_pk: int
) -> FileResponse:
    case = _visible_case(request, pk)
    attachment = get_object_or_404(selectors.attachments_of(case, activity_pk), pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    filename = (attachment.file.name or "attachment").rsplit("/", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=filename)


def _case_action(
    request: AuthenticatedHttpRequest,
    case: ProcurementCase,
    form: forms.Form,
    title: str | Promise,
    submit: str | Promise,
    *,
    lead: str | Promise = "",
    inset: str | Promise = "",
    intro: str = "",
    warning: bool = False,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A one-form page about a case: captioned with its title, and back to it."""
    return action_page(
        request,
        form=form,
        title=title,
        submit=submit,
        caption=case.title,
        cancel_url=reverse("procurement:case_detail", args=[case.pk]),
        lead=lead,
        inset=inset,
        intro=intro,
        warning=warning,
        extra={"case": case, **(extra or {})},
    )


def prompt_respond(request: AuthenticatedHttpRequest, pk: int, key: str) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_answer_prompts(request.user, case))
    prompt = get_object_or_404(DiscussionPrompt, key=key, stage=case.stage, is_carry_forward=False)
    existing = case.prompt_responses.filter(prompt=prompt).first()
    initial = (
        {
            "agreed_position": existing.agreed_position,
            "not_applicable": existing.not_applicable,
            "not_applicable_reason": existing.not_applicable_reason,
        }
        if existing
        else {}
    )
    form = PromptResponseForm(**form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.prompt_respond(
                actor=request.user,
                case=case,
                prompt=prompt,
                agreed_position=data["agreed_position"],
                not_applicable=data["not_applicable"],
                not_applicable_reason=data["not_applicable_reason"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Answer saved."))
            return redirect(reverse("procurement:case_detail", args=[case.pk]) + "#prompts")
    return _case_action(
        request,
        case,
        form,
        _("Answer a prompt for discussion"),
        _("Save the answer"),
        inset=prompt.text,
    )


def carry_forward_edit(request: AuthenticatedHttpRequest, pk: int, stage: str) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_write_carry_forward(request.user, case))
    if stage not in CARRY_FORWARD_STAGES:
        raise Http404
    existing = case.carry_forwards.filter(stage=stage).first()
    initial = (
        {
            "agreed_at_previous_stage": existing.agreed_at_previous_stage,
            "what_has_changed": existing.what_has_changed,
            "participants": existing.participants,
        }
        if existing
        else {"agreed_at_previous_stage": selectors.carry_forward_prefill(case, stage)}
    )
    form = CarryForwardForm(**form_data(request), initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.carry_forward_save(
            actor=request.user, case=case, stage=stage, **form.cleaned_data
        ),
        _("Carry-forward record saved."),
    ):
        return redirect("procurement:case_detail", pk=case.pk)
    return _case_action(
        request,
        case,
        form,
        _("Carry-forward record: entering %(stage)s") % {"stage": Stage(stage).label},
        _("Save the record"),
        inset=_("What have we agreed at the previous stage? What has changed?"),
    )


def gate_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_decide_at_gate(request.user, case))
    form = GateDecisionForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.gate_decide(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("You signed off this stage.")
                if decision.kind == GateDecision.Kind.SIGN_OFF
                else _("Your dissent is on the record."),
            )
            return redirect("procurement:case_detail", pk=case.pk)
    gate = selectors.exit_gate_for(case)
    return _case_action(
        request,
        case,
        form,
        _("Sign off or record dissent"),
        _("Record my decision"),
        intro="procurement/includes/gate_decision_intro.html",
        extra={
            **_gate_context(request.user, case, gate, selectors.gate_decisions_of(case)),
            "stage_label": Stage(case.stage).label,
        },
    )


def case_advance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_advance_case(request.user, case))
    form = AdvanceForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.case_advance(
                actor=request.user,
                case=case,
                override_reason=form.cleaned_data["override_reason"],
            )
        except services.GateRefused as refused:
            for item in refused.result.missing:
                form.add_error(None, str(item))
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The case moved to the next stage."))
            return redirect("procurement:case_detail", pk=case.pk)
    gate = selectors.exit_gate_for(case)
    return render(
        request,
        "procurement/advance.html",
        {
            "case": case,
            "form": form,
            **_gate_context(request.user, case, gate, selectors.gate_decisions_of(case)),
            "next_stage_label": Stage(NEXT_STAGE[case.stage]).label,
            "can_override": permissions.can_override_gate(request.user, case),
        },
    )


def case_cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_cancel_case(request.user, case))
    form = CancelForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.case_cancel(
            actor=request.user, case=case, reason=form.cleaned_data["reason"]
        ),
        _("The case was cancelled."),
    ):
        return redirect("procurement:case_detail", pk=case.pk)
    label = transition_label(case, "cancel", "stage")
    return _case_action(
        request,
        case,
        form,
        label,
        label,
        lead=_("A cancelled case cannot be reopened. The reason stays on the record."),
        warning=True,
    )


def case_systems(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Link an existing AI system of the organisation to the case."""
    case = _visible_case(request, pk)
    require(permissions.can_link_ai_system(request.user, case))
    systems = selectors.systems_linkable_to(case)
    form = LinkSystemForm(**form_data(request), systems=systems)
    if form_service_succeeded(
        request,
        form,
        lambda: services.case_link_ai_system(
            actor=request.user, case=case, system=form.cleaned_data["system"]
        ),
        _("AI system linked."),
    ):
        return redirect("procurement:case_detail", pk=case.pk)
    return render(
        request,
        "procurement/case_systems.html",
        {"case": case, "form": form, "linked": list(case.ai_systems.all())},
    )


def case_system_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record a new AI system and link it to the case in one step."""
    case = _visible_case(request, pk)
    require(permissions.can_link_ai_system(request.user, case))
    form = AISystemForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            system = register_services.ai_system_create(
                actor=request.user, organisation=case.organisation, **form.cleaned_data
            )
            services.case_link_ai_system(actor=request.user, case=case, system=system)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("AI system recorded and linked."))
            return redirect("procurement:case_detail", pk=case.pk)
    return render(request, "procurement/case_system_form.html", {"case": case, "form": form})

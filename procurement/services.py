"""Every write to a procurement case. Each service: permission, then state, then write, then the
timeline event, then tasks on commit."""

from __future__ import annotations

from datetime import date
from typing import IO

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from core.clock import uk_today
from core.extensions import case_moved
from core.history import save_with_actor
from core.models import Organisation, TimelineEvent, User
from core.permissions import has_role, require
from core.roles import Role
from core.services import timeline_record
from core.uploads import check_upload
from procurement import events, permissions, selectors
from procurement.gates import GateResult
from procurement.models import (
    SIGN_OFF_CODENAME,
    CarryForward,
    DiscussionPrompt,
    EngagementActivity,
    EngagementApproach,
    EngagementAttachment,
    GateDecision,
    ProcurementCase,
    PromptComment,
    PromptResponse,
)
from procurement.risk import is_lower
from procurement.stages import CARRY_FORWARD_STAGES, NEXT_STAGE, Stage
from procurement.tasks import notify_union_representative_assigned
from registers.models import AISystem


class GateRefused(Exception):
    """A move refused by its gate. `result.missing` says exactly what is missing."""

    def __init__(self, result: GateResult) -> None:
        super().__init__("; ".join(str(item) for item in result.missing))
        self.result = result


def _locked(case: ProcurementCase) -> ProcurementCase:
    return ProcurementCase.objects.select_for_update().get(pk=case.pk)


def _tell_if_gate_ready(case: ProcurementCase) -> None:
    """When all the stage's gate wants is a union representative's sign-off, the assigned
    representatives are asked for it: once per stage (a "gate_ready" event marks it)."""
    if case.stage not in NEXT_STAGE:
        return
    result = selectors.exit_gate_for(case)
    if [item.code for item in result.missing] != ["union_sign_off"]:
        return
    if TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(ProcurementCase),
        object_id=case.pk,
        kind="gate_ready",
        from_state=case.stage,
    ).exists():
        return
    event = timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=None,
        kind="gate_ready",
        from_state=case.stage,
    )
    events.tell_sign_off_wanted(case, event)


@transaction.atomic
def case_create(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    summary: str,
    engagement_plan: str = "",
    risk_level: str = "",
    risk_reasoning: str = "",
) -> ProcurementCase:
    require(permissions.can_create_case(actor, organisation))
    case = ProcurementCase(
        organisation=organisation,
        title=title,
        summary=summary,
        commissioner=actor,
        engagement_plan=engagement_plan,
        risk_level=risk_level,
        risk_reasoning=risk_reasoning,
    )
    case.full_clean(exclude=["stage"])  # protected FSM field: cleaning would reassign it
    save_with_actor(case, actor)
    timeline_record(
        organisation=organisation,
        subject=case,
        actor=actor,
        kind="case_created",
        to_state=case.stage,
    )
    return case


@transaction.atomic
def case_update(
    *,
    actor: User,
    case: ProcurementCase,
    title: str,
    summary: str,
    engagement_plan: str,
    risk_level: str,
    risk_reasoning: str,
) -> ProcurementCase:
    case = _locked(case)
    require(permissions.can_edit_case(actor, case))
    if case.stage != Stage.PLANNING and (
        risk_level != case.risk_level or risk_reasoning != case.risk_reasoning
    ):
        raise ValidationError(
            {"risk_level": _("The risk level is set in planning and cannot change afterwards.")}
        )
    if risk_level != case.risk_level and is_lower(risk_level, case.risk_level):
        graded = case.risk_gradings.order_by("-graded_at", "-id").first()
        if graded is not None and is_lower(risk_level, graded.level):
            raise ValidationError(
                {
                    "risk_level": _(
                        "The risk questionnaire set this case's level. To lower it, answer the "
                        "questionnaire again and give the reason."
                    )
                }
            )
    changed = [
        name
        for name, value in {
            "title": title,
            "summary": summary,
            "engagement_plan": engagement_plan,
            "risk_level": risk_level,
            "risk_reasoning": risk_reasoning,
        }.items()
        if getattr(case, name) != value
    ]
    if not changed:
        return case
    case.title, case.summary, case.engagement_plan = title, summary, engagement_plan
    case.risk_level, case.risk_reasoning = risk_level, risk_reasoning
    case.full_clean(exclude=["stage"])  # protected FSM field: cleaning would reassign it
    save_with_actor(case, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="case_updated",
        data={"fields": changed},
    )
    _tell_if_gate_ready(case)
    return case


@transaction.atomic
def case_assign_union_representative(
    *, actor: User, case: ProcurementCase, representative: User
) -> None:
    case = _locked(case)
    require(permissions.can_assign_union_representatives(actor, case))
    if not has_role(representative, case.organisation_id, Role.UNION_REPRESENTATIVE):
        raise ValidationError(
            {"representative": _("Choose a union representative of this organisation.")}
        )
    if permissions.is_assigned_union_representative(representative, case):
        return
    assign_perm(permissions.VIEW_CODENAME, representative, case)
    assign_perm(SIGN_OFF_CODENAME, representative, case)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="union_representative_assigned",
        data={"representative": representative.get_full_name() or representative.username},
    )
    transaction.on_commit(
        lambda: notify_union_representative_assigned.delay(case.pk, representative.pk)
    )
    _tell_if_gate_ready(case)


@transaction.atomic
def case_unassign_union_representative(
    *, actor: User, case: ProcurementCase, representative: User
) -> None:
    case = _locked(case)
    require(permissions.can_assign_union_representatives(actor, case))
    remove_perm(permissions.VIEW_CODENAME, representative, case)
    remove_perm(SIGN_OFF_CODENAME, representative, case)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="union_representative_unassigned",
        data={"representative": representative.get_full_name() or representative.username},
    )


@transaction.atomic
def engagement_record(
    *,
    actor: User,
    case: ProcurementCase,
    approach: EngagementApproach,
    held_on: date,
    worker_groups: str,
    worker_count: int,
    issues_raised: str,
    employer_response: str = "",
    union_involved: bool = False,
    union_involvement: str = "",
    protected_characteristics_involved: bool = False,
    protected_characteristics_detail: str = "",
    attachments: list[tuple[IO[bytes] | File[bytes], str]] | None = None,
) -> EngagementActivity:
    case = _locked(case)
    require(permissions.can_record_engagement(actor, case))
    errors: dict[str, str] = {}
    if approach.stage != case.stage:
        errors["approach"] = _("Choose an approach from the case's current stage.")
    if held_on > uk_today():
        errors["held_on"] = _("The date must be today or in the past.")
    if union_involved and not union_involvement.strip():
        errors["union_involvement"] = _("Say how the union was involved.")
    if protected_characteristics_involved and not protected_characteristics_detail.strip():
        errors["protected_characteristics_detail"] = _(
            "Say which protected characteristics were represented."
        )
    for upload, _description in attachments or []:
        try:
            check_upload(upload)  # by content, before anything is stored
        except ValidationError as error:
            errors["attachment"] = " ".join(error.messages)
    if errors:
        raise ValidationError(errors)
    activity = EngagementActivity(
        case=case,
        stage=case.stage,
        approach=approach,
        held_on=held_on,
        worker_groups=worker_groups,
        worker_count=worker_count,
        union_involved=union_involved,
        union_involvement=union_involvement if union_involved else "",
        protected_characteristics_involved=protected_characteristics_involved,
        protected_characteristics_detail=(
            protected_characteristics_detail if protected_characteristics_involved else ""
        ),
        issues_raised=issues_raised,
        employer_response=employer_response,
        recorded_by=actor,
    )
    activity.full_clean()
    save_with_actor(activity, actor)
    for upload, description in attachments or []:
        EngagementAttachment.objects.create(
            activity=activity,
            file=upload if isinstance(upload, File) else File(upload),
            description=description,
            uploaded_by=actor,
        )
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="engagement_recorded",
        data={
            "activity": activity.pk,
            "approach": approach.key,
            "held_on": held_on.isoformat(),
            "worker_count": worker_count,
        },
    )
    _tell_if_gate_ready(case)
    return activity


@transaction.atomic
def engagement_complete(
    *, actor: User, activity: EngagementActivity, employer_response: str
) -> EngagementActivity:
    """Close the loop on a ledger entry: "we did", written when the answer comes, weeks after
    the engagement itself. Every version stays in the entry's history."""
    activity = (
        EngagementActivity.objects.select_for_update()
        .select_related("case__organisation")
        .get(pk=activity.pk)
    )
    require(permissions.can_complete_engagement(actor, activity.case))
    if not employer_response.strip():
        raise ValidationError(
            {"employer_response": _("Enter what you did in response to what workers raised.")}
        )
    changed = activity.employer_response != employer_response
    activity.employer_response = employer_response
    save_with_actor(activity, actor)
    if changed:
        timeline_record(
            organisation=activity.case.organisation,
            subject=activity.case,
            actor=actor,
            kind="engagement_completed",
            data={"activity": activity.pk, "approach": activity.approach.key},
        )
    return activity


@transaction.atomic
def prompt_comment_add(
    *, actor: User, case: ProcurementCase, prompt: DiscussionPrompt, text: str
) -> PromptComment:
    """A comment beside the case's answer to a prompt, at any stage the case has reached."""
    case = _locked(case)
    require(permissions.can_comment_on_prompts(actor, case))
    if prompt.is_carry_forward:
        raise ValidationError(_("This prompt is answered by the carry-forward record."))
    if not text.strip():
        raise ValidationError({"text": _("Enter your comment.")})
    comment = PromptComment(case=case, prompt=prompt, text=text, author=actor)
    save_with_actor(comment, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="prompt_commented",
        data={"prompt": prompt.key},
    )
    return comment


@transaction.atomic
def prompt_respond(
    *,
    actor: User,
    case: ProcurementCase,
    prompt: DiscussionPrompt,
    agreed_position: str,
    not_applicable: bool,
    not_applicable_reason: str,
) -> PromptResponse:
    case = _locked(case)
    require(permissions.can_answer_prompts(actor, case))
    if prompt.stage != case.stage or prompt.is_carry_forward:
        raise ValidationError(_("This prompt is not open for an answer at the case's stage."))
    if not_applicable and not not_applicable_reason.strip():
        raise ValidationError(
            {"not_applicable_reason": _("Say why the prompt does not apply to this case.")}
        )
    if not not_applicable and not agreed_position.strip():
        raise ValidationError(
            {"agreed_position": _("Write what was agreed, or mark the prompt not applicable.")}
        )
    response, created = PromptResponse.objects.select_for_update().get_or_create(
        case=case,
        prompt=prompt,
        defaults={
            "agreed_position": "" if not_applicable else agreed_position,
            "not_applicable": not_applicable,
            "not_applicable_reason": not_applicable_reason if not_applicable else "",
            "answered_by": actor,
        },
    )
    if not created:
        response.agreed_position = "" if not_applicable else agreed_position
        response.not_applicable = not_applicable
        response.not_applicable_reason = not_applicable_reason if not_applicable else ""
        response.answered_by = actor
        save_with_actor(response, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="prompt_answered",
        data={"prompt": prompt.key, "not_applicable": not_applicable},
    )
    _tell_if_gate_ready(case)
    return response


@transaction.atomic
def carry_forward_save(
    *,
    actor: User,
    case: ProcurementCase,
    stage: str,
    agreed_at_previous_stage: str,
    what_has_changed: str,
    participants: str,
) -> CarryForward:
    case = _locked(case)
    require(permissions.can_write_carry_forward(actor, case))
    writable = {case.stage, NEXT_STAGE.get(case.stage, "")} & set(CARRY_FORWARD_STAGES)
    if stage not in writable:
        raise ValidationError(
            _("A carry-forward record can be written only for the current or the next stage.")
        )
    record, _created = CarryForward.objects.select_for_update().update_or_create(
        case=case,
        stage=stage,
        defaults={
            "agreed_at_previous_stage": agreed_at_previous_stage,
            "what_has_changed": what_has_changed,
            "participants": participants,
            "recorded_by": actor,
        },
    )
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="carry_forward_saved",
        data={"stage": stage},
    )
    _tell_if_gate_ready(case)
    return record


@transaction.atomic
def gate_decide(*, actor: User, case: ProcurementCase, kind: str, reason: str = "") -> GateDecision:
    """A union representative signs off the current stage's gate, or records dissent."""
    case = _locked(case)
    require(permissions.can_decide_at_gate(actor, case))
    if kind not in (GateDecision.Kind.SIGN_OFF, GateDecision.Kind.DISSENT):
        raise ValidationError({"kind": _("Choose to sign off or to record dissent.")})
    if kind == GateDecision.Kind.DISSENT and not reason.strip():
        raise ValidationError({"reason": _("Say why you dissent: it stays on the record.")})
    decision = GateDecision.objects.create(
        case=case, stage=case.stage, kind=kind, reason=reason, decided_by=actor
    )
    event = timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind=f"gate_{kind}",
        from_state=case.stage,
        reason=reason,
    )
    if kind == GateDecision.Kind.DISSENT:
        events.tell_gate_decision(case, event, events.DISSENT_RECORDED)
    return decision


def case_advance(
    *, actor: User, case: ProcurementCase, override_reason: str = ""
) -> ProcurementCase:
    """Move a case to its next stage if its gate allows. A refusal is recorded on the timeline
    and raised as GateRefused; an override needs the commissioner and a written reason."""
    with transaction.atomic():
        case = _locked(case)
        require(permissions.can_advance_case(actor, case))
        source = case.stage
        target = NEXT_STAGE.get(source)
        if target is None:
            raise ValidationError(_("This case has no next stage."))
        result = selectors.exit_gate_for(case)
        override_reason = override_reason.strip()
        if override_reason and result.can_override and not result.overridden:
            # Only soft items can be waived; a hard gate falls through to the refusal below.
            require(permissions.can_override_gate(actor, case))
            GateDecision.objects.create(
                case=case,
                stage=source,
                kind=GateDecision.Kind.OVERRIDE,
                reason=override_reason,
                decided_by=actor,
            )
            overridden = timeline_record(
                organisation=case.organisation,
                subject=case,
                actor=actor,
                kind="gate_overridden",
                from_state=source,
                to_state=target,
                reason=override_reason,
                data={"waived": [item.code for item in result.soft_missing]},
            )
            events.tell_gate_decision(case, overridden, events.GATE_OVERRIDDEN)
            result = selectors.exit_gate_for(case)
        if result.allows_move:
            case.advance()
            save_with_actor(case, actor)
            timeline_record(
                organisation=case.organisation,
                subject=case,
                actor=actor,
                kind="stage_changed",
                from_state=source,
                to_state=case.stage,
                reason=override_reason if result.overridden else "",
            )
            case_moved(case, actor)
            return case
        timeline_record(
            organisation=case.organisation,
            subject=case,
            actor=actor,
            kind="gate_refused",
            from_state=source,
            to_state=target,
            data={"missing": [item.code for item in result.missing]},
        )
    raise GateRefused(result)


@transaction.atomic
def case_cancel(*, actor: User, case: ProcurementCase, reason: str) -> ProcurementCase:
    case = _locked(case)
    require(permissions.can_cancel_case(actor, case))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is being cancelled.")})
    source = case.stage
    case.cancel()
    case.cancellation_reason = reason
    save_with_actor(case, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="stage_changed",
        from_state=source,
        to_state=case.stage,
        reason=reason,
    )
    return case


@transaction.atomic
def case_link_ai_system(*, actor: User, case: ProcurementCase, system: AISystem) -> None:
    case = _locked(case)
    require(permissions.can_link_ai_system(actor, case))
    if system.organisation_id != case.organisation_id:
        raise ValidationError({"system": _("Choose an AI system of this organisation.")})
    case.ai_systems.add(system)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="ai_system_linked",
        data={"system": system.pk, "name": system.name},
    )

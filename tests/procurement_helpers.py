"""Build cases through the real services, so a test's case has met its gates for real."""

import datetime
from collections.abc import Collection

from core.clock import uk_today
from core.models import Organisation, User
from procurement import services
from procurement.gates import engagement_for
from procurement.models import DiscussionPrompt, EngagementApproach, GateDecision, ProcurementCase
from procurement.stages import (
    CARRY_FORWARD_STAGES,
    NEXT_STAGE,
    PROTECTED_CHARACTERISTICS_WORKSHOP,
    Stage,
)
from registers import services as register_services

# Everything a stage's exit gate can ask for, so a test can leave exactly one out.
# The UK day, time-machine aware (core.clock), under the name the tests use.
today = uk_today

REQUIREMENTS = ("engagement", "prompts", "carry_forward", "sign_off", "ai_system")


def new_case(
    commissioner: User,
    organisation: Organisation,
    union_rep: User | None = None,
    *,
    risk_level: str = "medium",
) -> ProcurementCase:
    case = services.case_create(
        actor=commissioner,
        organisation=organisation,
        title="Rostering assistant for home care",
        summary="Shift allocation for 400 home-care workers.",
        engagement_plan="Home-care workers on all shifts, including disabled and part-time staff.",
        risk_level=risk_level,
        risk_reasoning="Allocates work and so affects pay.",
    )
    if union_rep is not None:
        services.case_assign_union_representative(
            actor=commissioner, case=case, representative=union_rep
        )
    return case


def meet_gate(
    case: ProcurementCase, commissioner: User, union_rep: User, *, skip: Collection[str] = ()
) -> ProcurementCase:
    """Record what the current stage's gate needs, leaving out the named requirements."""
    stage = case.stage
    if "engagement" not in skip:
        # One activity per approach the case's risk level requires here (ADR 0016), or any one.
        required = engagement_for(case.risk_level, stage).required
        keys = [options[0] for options in required]
        approaches = EngagementApproach.objects.filter(stage=stage)
        chosen = list(approaches.filter(key__in=keys)) if keys else []
        if not chosen:
            first = (
                approaches.filter(key=PROTECTED_CHARACTERISTICS_WORKSHOP).first()
                or approaches.first()
            )
            assert first is not None, f"no engagement approach for {stage}"
            chosen = [first]
        for approach in chosen:
            services.engagement_record(
                actor=commissioner,
                case=case,
                approach=approach,
                held_on=today(),
                worker_groups="Home-care workers, day and night shifts",
                worker_count=14,
                issues_raised="Rotas must respect travel time between visits.",
                employer_response="Travel time is a hard constraint in the specification.",
                protected_characteristics_involved=True,
                protected_characteristics_detail="Disabled workers; carers.",
            )
    if "prompts" not in skip:
        for prompt in DiscussionPrompt.objects.filter(stage=stage, is_carry_forward=False):
            services.prompt_respond(
                actor=commissioner,
                case=case,
                prompt=prompt,
                agreed_position=f"Agreed with the branch: {prompt.key}.",
                not_applicable=False,
                not_applicable_reason="",
            )
    target = NEXT_STAGE[stage]
    if "carry_forward" not in skip and target in CARRY_FORWARD_STAGES:
        services.carry_forward_save(
            actor=commissioner,
            case=case,
            stage=target,
            agreed_at_previous_stage="Travel time is protected.",
            what_has_changed="Nothing since the last stage.",
            participants="Branch secretary; six home-care workers.",
        )
    if "ai_system" not in skip and target == Stage.DEPLOYMENT and not case.ai_systems.exists():
        system = register_services.ai_system_create(
            actor=commissioner,
            organisation=case.organisation,
            name="RotaWise",
            planned_start=today() + datetime.timedelta(days=60),
        )
        services.case_link_ai_system(actor=commissioner, case=case, system=system)
    if "sign_off" not in skip:
        services.gate_decide(actor=union_rep, case=case, kind=GateDecision.Kind.SIGN_OFF)
    return case


def case_at(
    stage: str, commissioner: User, organisation: Organisation, union_rep: User
) -> ProcurementCase:
    """A case moved, gate by gate, to `stage`."""
    case = new_case(commissioner, organisation, union_rep)
    while case.stage != stage:
        meet_gate(case, commissioner, union_rep)
        case = services.case_advance(actor=commissioner, case=case)
    return case

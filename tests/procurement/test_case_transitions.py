"""Every stage x transition through the services: allowed where the gate is met, refused with the
reason where not, and an override recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed

from core.selectors import timeline_for
from procurement import services
from procurement.gates import engagement_for
from procurement.models import GateDecision, ProcurementCase
from procurement.stages import NEXT_STAGE, OPEN_STAGES, TOOLKIT_STAGES, Stage
from tests.procurement_helpers import case_at, meet_gate, new_case

pytestmark = pytest.mark.django_db

# Which requirement each stage's gate has, and the code a refusal names when it is missing.
MISSING_CODES = {
    "engagement": "ledger_worker_participation",
    "prompts": "prompts_unanswered",
    "carry_forward": "carry_forward",
    "sign_off": "union_sign_off",
    "ai_system": "go_live_ai_system",
}


def missing_codes(stage, item):
    """The codes a refusal names; at medium risk (the helpers' case) planning and tender and
    award also require named approaches (ADR 0016)."""
    codes = [MISSING_CODES[item]]
    if item == "engagement":
        codes += [
            f"engagement_{options[0]}" for options in engagement_for("medium", stage).required
        ]
    return codes


def requirements_of(stage):
    target = NEXT_STAGE[stage]
    needs = ["engagement", "prompts", "sign_off"]
    if target != Stage.CLOSED:
        needs.append("carry_forward")
    if target == Stage.DEPLOYMENT:
        needs.append("ai_system")
    return needs


@pytest.mark.parametrize("stage", TOOLKIT_STAGES)
def test_a_met_gate_moves_the_case_and_records_it(stage, commissioner, organisation, union_rep):
    case = case_at(stage, commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep)

    moved = services.case_advance(actor=commissioner, case=case)

    assert moved.stage == NEXT_STAGE[stage]
    assert ProcurementCase.objects.get(pk=case.pk).stage == NEXT_STAGE[stage]
    event = timeline_for(case).filter(kind="stage_changed").last()
    assert event is not None
    assert (event.from_state, event.to_state, event.actor) == (
        stage,
        NEXT_STAGE[stage],
        commissioner,
    )
    historical = moved.history.first()
    assert historical is not None
    assert historical.stage == NEXT_STAGE[stage]


@pytest.mark.parametrize(
    ("stage", "missing"),
    [(stage, item) for stage in TOOLKIT_STAGES for item in requirements_of(stage)],
)
def test_a_gate_refuses_and_names_what_is_missing(
    stage, missing, commissioner, organisation, union_rep
):
    case = case_at(stage, commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep, skip={missing})

    with pytest.raises(services.GateRefused) as refused:
        services.case_advance(actor=commissioner, case=case)

    assert [item.code for item in refused.value.result.missing] == missing_codes(stage, missing)
    assert ProcurementCase.objects.get(pk=case.pk).stage == stage
    event = timeline_for(case).filter(kind="gate_refused").last()
    assert event is not None
    assert event.data["missing"] == missing_codes(stage, missing)
    assert event.actor == commissioner


@pytest.mark.parametrize(
    ("stage", "missing"),
    [
        (stage, item)
        for stage in TOOLKIT_STAGES
        for item in requirements_of(stage)
        if item != "ai_system"
        and not (item == "sign_off" and engagement_for("medium", stage).union_gate_hard)
    ],
)
def test_the_commissioner_overrides_a_soft_gate_with_a_reason_on_the_record(
    stage, missing, commissioner, organisation, union_rep
):
    case = case_at(stage, commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep, skip={missing})

    moved = services.case_advance(
        actor=commissioner, case=case, override_reason="Urgent safety fix agreed with the branch."
    )

    assert moved.stage == NEXT_STAGE[stage]
    override = GateDecision.objects.get(case=case, kind=GateDecision.Kind.OVERRIDE)
    assert (override.stage, override.decided_by) == (stage, commissioner)
    assert override.reason == "Urgent safety fix agreed with the branch."
    event = timeline_for(case).get(kind="gate_overridden")
    assert event.data["waived"] == missing_codes(stage, missing)
    assert event.reason == "Urgent safety fix agreed with the branch."


@pytest.mark.parametrize("stage", [Stage.TENDER_AWARD, Stage.DEVELOPMENT])
def test_at_medium_risk_the_union_gate_of_award_and_go_live_cannot_be_overridden(
    stage, commissioner, organisation, union_rep
):
    case = case_at(stage, commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep, skip={"sign_off"})

    with pytest.raises(services.GateRefused) as refused:
        services.case_advance(actor=commissioner, case=case, override_reason="We are in a hurry.")

    assert [item.code for item in refused.value.result.hard_missing] == ["union_sign_off"]
    assert ProcurementCase.objects.get(pk=case.pk).stage == stage


def test_the_go_live_gate_cannot_be_overridden(commissioner, organisation, union_rep):
    case = case_at(Stage.DEVELOPMENT, commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep, skip={"ai_system", "sign_off"})

    with pytest.raises(services.GateRefused) as refused:
        services.case_advance(actor=commissioner, case=case, override_reason="We are in a hurry.")

    assert "go_live_ai_system" in [item.code for item in refused.value.result.hard_missing]
    assert not GateDecision.objects.filter(case=case, kind=GateDecision.Kind.OVERRIDE).exists()
    assert ProcurementCase.objects.get(pk=case.pk).stage == Stage.DEVELOPMENT


def test_only_the_commissioner_role_may_override(
    administrator, commissioner, organisation, union_rep
):
    case = new_case(commissioner, organisation, union_rep)
    with pytest.raises(PermissionDenied):
        services.case_advance(actor=administrator, case=case, override_reason="No reason needed?")
    assert ProcurementCase.objects.get(pk=case.pk).stage == Stage.PLANNING


def test_a_high_risk_case_needs_a_protected_characteristics_workshop(
    commissioner, organisation, union_rep
):
    from procurement.models import EngagementApproach

    case = new_case(commissioner, organisation, union_rep, risk_level="high")
    meet_gate(case, commissioner, union_rep, skip={"engagement"})
    services.engagement_record(
        actor=commissioner,
        case=case,
        approach=EngagementApproach.objects.get(key="worker-survey"),
        held_on=case.created_at.date(),
        worker_groups="All staff",
        worker_count=120,
        issues_raised="Pain points in rota swaps.",
    )
    with pytest.raises(services.GateRefused) as refused:
        services.case_advance(actor=commissioner, case=case)
    assert [item.code for item in refused.value.result.missing] == [
        "engagement_protected-characteristics-workshop"
    ]


@pytest.mark.parametrize("stage", OPEN_STAGES)
def test_a_case_can_be_cancelled_from_any_open_stage_with_a_reason(
    stage, commissioner, organisation, union_rep
):
    case = case_at(stage, commissioner, organisation, union_rep)
    with pytest.raises(ValidationError):
        services.case_cancel(actor=commissioner, case=case, reason="  ")

    cancelled = services.case_cancel(actor=commissioner, case=case, reason="Budget withdrawn.")

    assert cancelled.stage == Stage.CANCELLED
    assert cancelled.cancellation_reason == "Budget withdrawn."
    event = timeline_for(case).filter(kind="stage_changed").last()
    assert event is not None
    assert (event.from_state, event.to_state, event.reason) == (
        stage,
        Stage.CANCELLED,
        "Budget withdrawn.",
    )


@pytest.mark.parametrize("ended", [Stage.CLOSED, Stage.CANCELLED])
def test_an_ended_case_moves_nowhere(ended, commissioner, organisation, union_rep):
    case = case_at(Stage.OVERSIGHT, commissioner, organisation, union_rep)
    if ended == Stage.CLOSED:
        meet_gate(case, commissioner, union_rep)
        case = services.case_advance(actor=commissioner, case=case)
    else:
        case = services.case_cancel(actor=commissioner, case=case, reason="Stopped.")
    assert case.stage == ended
    with pytest.raises(PermissionDenied):
        services.case_advance(actor=commissioner, case=case)
    with pytest.raises(PermissionDenied):
        services.case_cancel(actor=commissioner, case=case, reason="Again.")
    with pytest.raises(TransitionNotAllowed):
        case.cancel()


def test_the_stage_cannot_be_set_directly(commissioner, organisation):
    case = new_case(commissioner, organisation)
    with pytest.raises(AttributeError):
        case.stage = Stage.DEPLOYMENT


def test_a_fsm_condition_refuses_a_transition_called_around_the_service(
    commissioner, organisation, union_rep
):
    case = new_case(commissioner, organisation, union_rep)
    with pytest.raises(TransitionNotAllowed):
        case.advance()


def test_dissent_satisfies_the_union_voice_requirement_and_stays_on_record(
    commissioner, organisation, union_rep
):
    case = new_case(commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep, skip={"sign_off"})
    with pytest.raises(ValidationError):
        services.gate_decide(actor=union_rep, case=case, kind=GateDecision.Kind.DISSENT, reason="")
    services.gate_decide(
        actor=union_rep, case=case, kind=GateDecision.Kind.DISSENT, reason="Night staff not heard."
    )

    moved = services.case_advance(actor=commissioner, case=case)

    assert moved.stage == Stage.TENDER_AWARD
    assert timeline_for(case).get(kind="gate_dissent").reason == "Night staff not heard."


def test_the_carry_forward_form_is_prefilled_with_the_previous_stage_agreements(
    commissioner, organisation, union_rep
):
    from procurement.selectors import carry_forward_prefill

    case = new_case(commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep, skip={"carry_forward"})
    text = carry_forward_prefill(case, Stage.TENDER_AWARD)
    assert "What are our priority challenges? How can digital and AI help?" in text
    assert "The branch agreed: priority-challenges." in text

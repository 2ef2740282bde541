"""The stage gates (rules.md §3, G-TK-*) as a pure function of the facts."""

from dataclasses import replace
from typing import Any

import pytest

from procurement.gates import REQUIRED_APPROACH_KEYS, GateFacts, evaluate_exit_gate
from procurement.stages import NEXT_STAGE, TOOLKIT_STAGES, RiskLevel, Stage

MET = GateFacts(
    stage=Stage.PLANNING,
    commissioner_recorded=True,
    engagement_plan_given=True,
    risk_level=RiskLevel.MEDIUM,
    risk_reasoning_given=True,
    union_representatives=1,
    worker_activities=1,
    approaches_used=frozenset(REQUIRED_APPROACH_KEYS),
    prompts_total=4,
    prompts_resolved=4,
    next_stage_carry_forward=True,
    union_decision=True,
    overridden=False,
    ai_systems_with_planned_start=1,
    award_recorded=True,
)


@pytest.mark.parametrize("stage", TOOLKIT_STAGES)
def test_gate_is_met_when_every_item_is_there(stage):
    result = evaluate_exit_gate(replace(MET, stage=stage))
    assert result.met
    assert result.allows_move
    assert result.target == NEXT_STAGE[stage]


@pytest.mark.parametrize("stage", [Stage.CLOSED, Stage.CANCELLED])
def test_an_ended_case_has_no_gate_to_pass(stage):
    result = evaluate_exit_gate(replace(MET, stage=stage))
    assert result.target is None
    assert not result.allows_move


SOFT_ITEMS = [
    ("worker_activities", 0, "ledger_worker_participation", TOOLKIT_STAGES),
    ("prompts_resolved", 3, "prompts_unanswered", TOOLKIT_STAGES),
    # At medium risk the union's word is a hard gate at tender and award and at development.
    (
        "union_decision",
        False,
        "union_sign_off",
        (Stage.PLANNING, Stage.DEPLOYMENT, Stage.OVERSIGHT),
    ),
    # Entering stages 2-5 needs the carry-forward record (TK-01); closing does not.
    ("next_stage_carry_forward", False, "carry_forward", TOOLKIT_STAGES[:-1]),
    ("union_representatives", 0, "union_identified", (Stage.PLANNING,)),
    ("engagement_plan_given", False, "engagement_plan", (Stage.PLANNING,)),
    ("commissioner_recorded", False, "owner", (Stage.PLANNING,)),
    ("risk_level", "", "risk_level", (Stage.PLANNING,)),
    ("risk_reasoning_given", False, "risk_level", (Stage.PLANNING,)),
]


@pytest.mark.parametrize(
    ("field", "value", "code", "stage"),
    [
        pytest.param(field, value, code, stage, id=f"{stage}-{field}")
        for field, value, code, stages in SOFT_ITEMS
        for stage in stages
    ],
)
def test_each_missing_soft_item_refuses_the_move_and_names_itself(field, value, code, stage):
    result = evaluate_exit_gate(replace(MET, stage=stage, **{field: value}))
    assert [item.code for item in result.missing] == [code]
    assert not result.allows_move
    assert result.can_override
    assert str(result.missing[0].message)


@pytest.mark.parametrize(
    ("field", "value", "stage"),
    [
        pytest.param(field, value, stage, id=f"{stage}-{field}")
        for field, value, _code, stages in SOFT_ITEMS
        for stage in stages
    ],
)
def test_an_override_lets_a_soft_gate_pass(field, value, stage):
    result = evaluate_exit_gate(replace(MET, stage=stage, overridden=True, **{field: value}))
    assert result.allows_move


@pytest.mark.parametrize(
    ("stage", "field"),
    [
        (stage, field)
        for stage in (Stage.TENDER_AWARD, Stage.DEVELOPMENT, Stage.DEPLOYMENT, Stage.OVERSIGHT)
        for field in ("union_representatives", "engagement_plan_given", "risk_level")
    ],
)
def test_planning_only_items_do_not_block_later_stages(stage, field):
    value = 0 if field == "union_representatives" else "" if field == "risk_level" else False
    unmet: dict[str, Any] = {field: value}  # each field's own type: int, str or bool
    assert evaluate_exit_gate(replace(MET, stage=stage, **unmet)).met


def test_the_closing_gate_needs_no_carry_forward_record():
    result = evaluate_exit_gate(replace(MET, stage=Stage.OVERSIGHT, next_stage_carry_forward=False))
    assert result.met


def test_a_high_risk_case_needs_a_protected_characteristics_workshop_to_leave_planning():
    high = replace(MET, risk_level=RiskLevel.HIGH, approaches_used=frozenset({"worker-survey"}))
    assert [item.code for item in evaluate_exit_gate(high).missing] == [
        "engagement_protected-characteristics-workshop"
    ]
    workshop = frozenset({"protected-characteristics-workshop"})
    assert evaluate_exit_gate(replace(high, approaches_used=workshop)).met


def test_the_go_live_gate_refuses_a_case_with_no_ai_system_planned_start():
    facts = replace(MET, stage=Stage.DEVELOPMENT, ai_systems_with_planned_start=0)
    result = evaluate_exit_gate(facts)
    assert [item.code for item in result.hard_missing] == ["go_live_ai_system"]
    assert not result.can_override
    assert not evaluate_exit_gate(replace(facts, overridden=True)).allows_move


def test_the_go_live_gate_applies_only_to_the_move_into_deployment():
    for stage in (Stage.PLANNING, Stage.TENDER_AWARD, Stage.DEPLOYMENT, Stage.OVERSIGHT):
        assert evaluate_exit_gate(replace(MET, stage=stage, ai_systems_with_planned_start=0)).met


def test_the_unanswered_prompt_message_counts_what_is_left():
    result = evaluate_exit_gate(replace(MET, prompts_resolved=1))
    assert "3" in str(result.missing[0])


def test_the_tender_stage_needs_the_award_recorded():
    result = evaluate_exit_gate(replace(MET, stage=Stage.TENDER_AWARD, award_recorded=False))
    assert [(item.code, item.hard) for item in result.missing] == [("award_recorded", False)]
    assert result.can_override
    assert evaluate_exit_gate(replace(MET, stage=Stage.TENDER_AWARD)).met

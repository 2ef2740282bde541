"""Proportional engagement (ADR 0016): the questionnaire's grading and what each level requires
at each stage, as pure functions."""

import itertools
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from procurement.gates import (
    ENGAGEMENT,
    REQUIRED_APPROACH_KEYS,
    GateFacts,
    engagement_for,
    evaluate_exit_gate,
)
from procurement.risk import (
    LEVEL_ORDER,
    Automation,
    ProtectedCharacteristics,
    Reversibility,
    RiskAnswers,
    grade,
    is_lower,
)
from procurement.stages import NEXT_STAGE, TOOLKIT_STAGES, RiskLevel, Stage
from procurement.toolkit_content import APPROACHES

# Each answer's values from least to most serious.
CATEGORIES = (0, 1, 2, 5)
WORKERS = (0, 19, 20, 249, 250, 10_000)
PROTECTED = (ProtectedCharacteristics.NO, ProtectedCharacteristics.NOT_KNOWN)
PROTECTED_YES = ProtectedCharacteristics.YES
AUTOMATION = (Automation.INFORMS, Automation.RECOMMENDS, Automation.DECIDES)
REVERSIBILITY = (Reversibility.EASILY, Reversibility.WITH_EFFORT, Reversibility.HARD)
ALL_ANSWERS = [
    RiskAnswers(*combination)
    for combination in itertools.product(
        CATEGORIES, WORKERS, (*PROTECTED, PROTECTED_YES), AUTOMATION, REVERSIBILITY
    )
]
LEAST = RiskAnswers(0, 0, ProtectedCharacteristics.NO, Automation.INFORMS, Reversibility.EASILY)


def rank(level: str) -> int:
    return LEVEL_ORDER[level]


def more_serious(answers: RiskAnswers) -> list[RiskAnswers]:
    """Each answer made one step more serious, where it can be."""
    steps = []
    for field, order in (
        ("decision_categories", CATEGORIES),
        ("workers_affected", WORKERS),
        ("automation", AUTOMATION),
        ("reversibility", REVERSIBILITY),
    ):
        index = order.index(getattr(answers, field))
        if index + 1 < len(order):
            change: dict[str, Any] = {field: order[index + 1]}
            steps.append(replace(answers, **change))
    if answers.protected_characteristics == ProtectedCharacteristics.NO:
        steps.append(replace(answers, protected_characteristics=PROTECTED_YES))
    return steps


def test_a_more_serious_answer_never_lowers_the_level_for_every_combination():
    for answers in ALL_ANSWERS:
        level = rank(grade(answers).level)
        for worse in more_serious(answers):
            assert rank(grade(worse).level) >= level, (answers, worse)


def test_every_grading_gives_one_reason_per_answer_and_one_for_the_level():
    for answers in ALL_ANSWERS:
        assert len(grade(answers).reasons) == 6
        assert all(str(reason) for reason in grade(answers).reasons)


def test_not_known_counts_as_yes_for_protected_characteristics():
    for answers in ALL_ANSWERS:
        if answers.protected_characteristics == ProtectedCharacteristics.NOT_KNOWN:
            yes = replace(answers, protected_characteristics=PROTECTED_YES)
            assert grade(answers).level == grade(yes).level


def test_the_least_serious_answers_are_low():
    assert grade(LEAST).level == RiskLevel.LOW


def test_any_decision_about_workers_is_at_least_medium():
    assert grade(replace(LEAST, decision_categories=1)).level == RiskLevel.MEDIUM


def test_deciding_about_workers_without_a_person_is_high_whatever_else():
    answers = replace(LEAST, decision_categories=1, automation=Automation.DECIDES)
    grading = grade(answers)
    assert grading.level == RiskLevel.HIGH
    assert "without a person" in str(grading.reasons[-1])


def test_points_alone_make_a_case_high_at_seven():
    # 2 (protected) + 2 (workers) + 2 (hard to reverse) + 1 (recommends) = 7, no decisions.
    answers = RiskAnswers(0, 250, PROTECTED_YES, Automation.RECOMMENDS, Reversibility.HARD)
    assert grade(answers).points == 7
    assert grade(answers).level == RiskLevel.HIGH
    assert grade(replace(answers, automation=Automation.INFORMS)).level == RiskLevel.MEDIUM


@settings(deadline=None)  # a shared machine: the property, never the time, is the test
@given(
    categories=st.integers(min_value=0, max_value=50),
    workers=st.integers(min_value=0, max_value=10_000_000),
    protected=st.sampled_from(list(ProtectedCharacteristics)),
    automation=st.sampled_from(list(Automation)),
    reversibility=st.sampled_from(list(Reversibility)),
    extra_categories=st.integers(min_value=0, max_value=5),
    extra_workers=st.integers(min_value=0, max_value=1_000),
)
def test_more_categories_or_more_workers_never_lower_the_level(
    categories, workers, protected, automation, reversibility, extra_categories, extra_workers
):
    answers = RiskAnswers(categories, workers, protected, automation, reversibility)
    more = replace(
        answers,
        decision_categories=categories + extra_categories,
        workers_affected=workers + extra_workers,
    )
    assert rank(grade(more).level) >= rank(grade(answers).level)
    assert grade(more).points >= grade(answers).points


def test_is_lower_orders_levels_and_puts_unset_below_all():
    assert is_lower(RiskLevel.LOW, RiskLevel.MEDIUM)
    assert is_lower(RiskLevel.MEDIUM, RiskLevel.HIGH)
    assert not is_lower(RiskLevel.HIGH, RiskLevel.HIGH)
    assert not is_lower(RiskLevel.HIGH, RiskLevel.LOW)
    assert is_lower("", RiskLevel.LOW)


# --- Each level at each stage -------------------------------------------------------------------

# The level's required approaches (one of each tuple) and whether the union gate is hard.
EXPECTED = {
    (RiskLevel.LOW, Stage.PLANNING): ((), False),
    (RiskLevel.LOW, Stage.TENDER_AWARD): ((), False),
    (RiskLevel.LOW, Stage.DEVELOPMENT): ((), False),
    (RiskLevel.LOW, Stage.DEPLOYMENT): ((), False),
    (RiskLevel.LOW, Stage.OVERSIGHT): ((), False),
    (RiskLevel.MEDIUM, Stage.PLANNING): (
        (("worker-survey", "protected-characteristics-workshop"),),
        False,
    ),
    (RiskLevel.MEDIUM, Stage.TENDER_AWARD): (
        (("specification-co-design", "bid-assessment"),),
        True,
    ),
    (RiskLevel.MEDIUM, Stage.DEVELOPMENT): ((), True),
    (RiskLevel.MEDIUM, Stage.DEPLOYMENT): ((), False),
    (RiskLevel.MEDIUM, Stage.OVERSIGHT): ((), False),
    (RiskLevel.HIGH, Stage.PLANNING): ((("protected-characteristics-workshop",),), True),
    (RiskLevel.HIGH, Stage.TENDER_AWARD): (
        (("specification-co-design", "bid-assessment"),),
        True,
    ),
    (RiskLevel.HIGH, Stage.DEVELOPMENT): (
        (
            (
                "impact-assessment-co-development",
                "consequence-mapping",
                "supplier-workshop-user-testing",
            ),
        ),
        True,
    ),
    (RiskLevel.HIGH, Stage.DEPLOYMENT): (
        (("worker-management-forum", "feedback-complaints-process", "pilot-evaluation"),),
        True,
    ),
    (RiskLevel.HIGH, Stage.OVERSIGHT): ((("governance-body",),), True),
}

MET = GateFacts(
    stage=Stage.PLANNING,
    commissioner_recorded=True,
    engagement_plan_given=True,
    risk_level=RiskLevel.LOW,
    risk_reasoning_given=True,
    union_representatives=1,
    worker_activities=1,
    approaches_used=frozenset(),
    prompts_total=1,
    prompts_resolved=1,
    next_stage_carry_forward=True,
    union_decision=True,
    overridden=False,
    ai_systems_with_planned_start=1,
    award_recorded=True,
)


@pytest.mark.parametrize(("level", "stage"), list(EXPECTED))
def test_each_level_requires_its_approaches_and_gate_strength_at_each_stage(level, stage):
    required, hard = EXPECTED[(level, stage)]
    assert engagement_for(level, stage).required == required
    assert engagement_for(level, stage).union_gate_hard is hard


@pytest.mark.parametrize(("level", "stage"), list(EXPECTED))
def test_the_gate_asks_for_each_required_approach_until_one_is_used(level, stage):
    required, _hard = EXPECTED[(level, stage)]
    facts = replace(MET, risk_level=level, stage=stage)
    result = evaluate_exit_gate(facts)
    assert [item.code for item in result.missing] == [
        f"engagement_{options[0]}" for options in required
    ]
    assert all(not item.hard for item in result.missing)
    # Any one approach of each requirement meets it: the last of each, here.
    used = frozenset(options[-1] for options in required)
    assert evaluate_exit_gate(replace(facts, approaches_used=used)).met


@pytest.mark.parametrize(("level", "stage"), list(EXPECTED))
def test_the_union_gate_is_hard_or_soft_by_level_and_stage(level, stage):
    _required, hard = EXPECTED[(level, stage)]
    used = frozenset(REQUIRED_APPROACH_KEYS)
    facts = replace(MET, risk_level=level, stage=stage, approaches_used=used, union_decision=False)
    result = evaluate_exit_gate(facts)
    assert [item.code for item in result.missing] == ["union_sign_off"]
    assert result.missing[0].hard is hard
    assert evaluate_exit_gate(replace(facts, overridden=True)).allows_move is not hard


def test_levels_differ_at_every_stage_but_none_asks_less_than_the_level_below():
    for stage in TOOLKIT_STAGES:
        low, medium, high = (engagement_for(level, stage) for level in RiskLevel.values)
        assert len(low.required) <= len(medium.required) <= len(high.required)
        assert low.union_gate_hard <= medium.union_gate_hard <= high.union_gate_hard
    differs = {
        stage: len({engagement_for(level, stage) for level in RiskLevel.values})
        for stage in TOOLKIT_STAGES
    }
    assert all(count >= 2 for count in differs.values())


def test_an_unset_level_is_treated_as_high():
    for stage in TOOLKIT_STAGES:
        assert engagement_for("", stage) == engagement_for(RiskLevel.HIGH, stage)


def test_every_required_approach_belongs_to_its_stage():
    stage_of = {key: stage for stage, key, _en, _cy in APPROACHES}
    for level, stages in ENGAGEMENT.items():
        for stage in NEXT_STAGE:
            if stage not in TOOLKIT_STAGES:
                continue
            for options in stages[stage].required:
                assert {stage_of[key] for key in options} == {stage}, (level, stage)

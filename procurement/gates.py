"""Stage gates (docs/legal-rules.md §3, G-TK-*): what a case needs before it leaves its stage.

The evaluation is pure over `GateFacts`, so one query can gather the facts for a whole
dashboard of cases (`selectors.cases_with_gate_facts`) and one case uses the same path
(`selectors.exit_gate_for`). Nothing here reads the database or imports a selector.
Soft items (the toolkit's guidance) can be overridden by the commissioner with a written reason;
hard items (the Bill's gates) never can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.clock import uk_today
from core.i18n import Language
from procurement.stages import (
    CARRY_FORWARD_STAGES,
    NEXT_STAGE,
    PROTECTED_CHARACTERISTICS_WORKSHOP,
    RiskLevel,
    Stage,
)
from procurement.toolkit_content import APPROACHES
from waira.gates import HighRiskStartFacts, high_risk_start_blockers

if TYPE_CHECKING:
    from procurement.models import ProcurementCase


@dataclass(frozen=True)
class GateFacts:
    stage: str
    commissioner_recorded: bool
    engagement_plan_given: bool
    risk_level: str
    risk_reasoning_given: bool
    union_representatives: int
    worker_activities: int
    # The keys of the approaches (of those any level requires) used in a worker activity at
    # this stage (proportionality.rules.REQUIRED_APPROACH_KEYS).
    approaches_used: frozenset[str]
    prompts_total: int
    prompts_resolved: int
    next_stage_carry_forward: bool
    union_decision: bool
    overridden: bool
    ai_systems_with_planned_start: int
    # The Bill's gates look at every linked AI system used in high-risk decision-making.
    high_risk_systems: tuple[HighRiskStartFacts, ...] = ()
    today: date | None = None
    # The tender question table (issue 18): how many questions, their weightings' total, and
    # whether the union's sign-off is the latest word on it.
    tender_questions: int = 0
    tender_weight_total: int = 0
    weightings_signed_off: bool = False
    # Bid assessment (issue 18, ADR 0017): whether the award is recorded.
    award_recorded: bool = False
    # Closing (issue 15): the linked systems whose use has not ended by `today`, and whether
    # the case's closing oversight review is signed off or dissented from.
    systems_in_use: tuple[int, ...] = ()
    closing_review_decided: bool = True

    @classmethod
    def from_annotated(cls, case: ProcurementCase, *, today: date) -> GateFacts:
        """Read the facts that `selectors.cases_with_gate_facts` annotated on a case."""
        values: Any = case
        return cls(
            stage=case.stage,
            commissioner_recorded=case.commissioner_id is not None,
            engagement_plan_given=bool(case.engagement_plan.strip()),
            risk_level=case.risk_level,
            risk_reasoning_given=bool(case.risk_reasoning.strip()),
            union_representatives=values.gate_union_representatives,
            worker_activities=values.gate_worker_activities,
            approaches_used=frozenset(
                key
                for index, key in enumerate(REQUIRED_APPROACH_KEYS)
                if getattr(values, f"gate_approach_{index}")
            ),
            prompts_total=values.gate_prompts_total,
            prompts_resolved=values.gate_prompts_resolved,
            next_stage_carry_forward=values.gate_next_carry_forward,
            union_decision=values.gate_union_decision,
            overridden=values.gate_overridden,
            ai_systems_with_planned_start=values.gate_ai_systems_with_planned_start,
            high_risk_systems=tuple(
                HighRiskStartFacts.of(system)
                for system in case.ai_systems.all()  # prefetched by cases_with_gate_facts
                if system.used_in_high_risk_decision_making
            ),
            today=today,
            tender_questions=values.gate_tender_questions,
            tender_weight_total=values.gate_tender_weight_total,
            weightings_signed_off=values.gate_weighting_latest == "sign_off",
            award_recorded=values.gate_award_recorded,
            systems_in_use=tuple(
                system.pk
                for system in case.ai_systems.all()
                if system.end_of_use is None or system.end_of_use > today
            ),
            closing_review_decided=values.gate_closing_review_decided,
        )


@dataclass(frozen=True)
class Missing:
    code: str
    message: str | Promise
    hard: bool = False
    system_id: int | None = None  # the AI system a go-live blocker is about

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class GateResult:
    stage: str
    target: str | None
    missing: tuple[Missing, ...] = field(default_factory=tuple)
    overridden: bool = False

    @property
    def hard_missing(self) -> tuple[Missing, ...]:
        return tuple(item for item in self.missing if item.hard)

    @property
    def soft_missing(self) -> tuple[Missing, ...]:
        return tuple(item for item in self.missing if not item.hard)

    @property
    def met(self) -> bool:
        return self.target is not None and not self.missing

    @property
    def can_override(self) -> bool:
        """A soft gate can be overridden; a hard gate never."""
        return self.target is not None and bool(self.soft_missing) and not self.hard_missing

    @property
    def allows_move(self) -> bool:
        if self.target is None or self.hard_missing:
            return False
        return not self.soft_missing or self.overridden


def go_live_blockers(facts: GateFacts) -> list[Missing]:
    """G-TK-GO-LIVE: the hard gate on the move into deployment. No override exists.

    Moving into deployment starts use today, so each linked system used in high-risk
    decision-making must have a completed initial WAIRA, a concluded consultation, and today
    must be at least a clear month after it (R-WAIRA-INIT, R-CONS-INIT; waira.gates)."""
    blockers = []
    if facts.ai_systems_with_planned_start == 0:
        blockers.append(
            Missing(
                "go_live_ai_system",
                _("Record the AI system being procured, with its planned start date."),
                hard=True,
            )
        )
    today = facts.today or uk_today()
    for system in facts.high_risk_systems:
        for blocker in high_risk_start_blockers(system, today):
            blockers.append(
                Missing(
                    f"go_live_{blocker.code}",
                    blocker.message,
                    hard=True,
                    system_id=system.system_id,
                )
            )
    return blockers


def evaluate_exit_gate(facts: GateFacts) -> GateResult:
    target = NEXT_STAGE.get(facts.stage)
    if target is None:
        return GateResult(stage=facts.stage, target=None)
    missing: list[Missing] = []

    if facts.stage == Stage.PLANNING:
        missing.extend(_owner_items(facts))
        missing.extend(_risk_items(facts))

    if facts.worker_activities == 0:
        missing.append(
            Missing(
                "ledger_worker_participation",
                _(
                    "Record at least one engagement activity at this stage in which workers "
                    "took part."
                ),
            )
        )
    engagement = engagement_for(facts.risk_level, facts.stage)
    missing.extend(_approach_items(facts, engagement.required))
    if facts.stage == Stage.TENDER_AWARD:
        missing.extend(_weighting_items(facts, hard_sign_off=engagement.union_gate_hard))
        if not facts.award_recorded:
            missing.append(
                Missing(
                    "award_recorded",
                    _(
                        "Assess the bids with the evaluation panel and record the award with "
                        "its reasons."
                    ),
                )
            )
    unresolved = facts.prompts_total - facts.prompts_resolved
    if unresolved > 0:
        missing.append(
            Missing(
                "prompts_unanswered",
                _(
                    "Answer every prompt for discussion, or mark it not applicable with a reason "
                    "(%(count)s left)."
                )
                % {"count": unresolved},
            )
        )
    if target in CARRY_FORWARD_STAGES and not facts.next_stage_carry_forward:
        missing.append(
            Missing(
                "carry_forward",
                _(
                    "Write the carry-forward record: what have we agreed at this stage, and what "
                    "has changed?"
                ),
            )
        )
    if not facts.union_decision:
        missing.append(
            Missing(
                "union_sign_off",
                _("A union representative must sign off or record dissent.")
                if not engagement.union_gate_hard
                else _(
                    "A union representative must sign off or record dissent: at this risk "
                    "level no override can stand in for them."
                ),
                hard=engagement.union_gate_hard,
            )
        )
    if target == Stage.DEPLOYMENT:
        missing.extend(go_live_blockers(facts))
    if target == Stage.CLOSED:
        missing.extend(closing_blockers(facts))
    return GateResult(
        stage=facts.stage, target=target, missing=tuple(missing), overridden=facts.overridden
    )


def closing_blockers(facts: GateFacts) -> list[Missing]:
    """Issue 15: a case closes only when the use of each of its systems has ended, with a
    closing oversight review the union signed off or dissented from. No override exists."""
    blockers = [
        Missing(
            "closing_use_not_ended",
            _(
                "Record the end of use of this AI system: a case closes only when its use has "
                "ended."
            ),
            hard=True,
            system_id=system_id,
        )
        for system_id in facts.systems_in_use
    ]
    if not facts.closing_review_decided:
        blockers.append(
            Missing(
                "closing_review",
                _(
                    "Hold the closing oversight review, and have a union representative sign it "
                    "off or record dissent."
                ),
                hard=True,
            )
        )
    return blockers


def _owner_items(facts: GateFacts) -> list[Missing]:
    """G-TK-OWNER: owner, union representatives and a proportionate engagement plan."""
    items = []
    if not facts.commissioner_recorded:
        items.append(Missing("owner", _("Record the commissioner who owns the case.")))
    if facts.union_representatives == 0:
        items.append(
            Missing("union_identified", _("Assign at least one union representative to the case."))
        )
    if not facts.engagement_plan_given:
        items.append(
            Missing(
                "engagement_plan",
                _("Write the engagement plan, naming the workers most affected."),
            )
        )
    return items


def _risk_items(facts: GateFacts) -> list[Missing]:
    if not facts.risk_level or not facts.risk_reasoning_given:
        return [
            Missing(
                "risk_level",
                _("Set the risk level and explain why it is proportionate."),
            )
        ]
    return []


def _weighting_items(facts: GateFacts, *, hard_sign_off: bool) -> list[Missing]:
    """Issue 18: a case with tender questions needs weightings of exactly 100, signed off by
    the union (as hard a gate as the union's word is at this risk level)."""
    if not facts.tender_questions:
        return []
    if facts.tender_weight_total != 100:
        return [
            Missing(
                "weightings_total",
                _("The tender questions' weightings add up to %(total)s: make them 100.")
                % {"total": facts.tender_weight_total},
                hard=True,
            )
        ]
    if not facts.weightings_signed_off:
        return [
            Missing(
                "weightings_sign_off",
                _("A union representative must sign off the tender questions and weightings."),
                hard=hard_sign_off,
            )
        ]
    return []


def _approach_items(facts: GateFacts, required: tuple[tuple[str, ...], ...]) -> list[Missing]:
    """Proportional engagement (ADR 0016): the approaches the case's risk level requires here."""
    items = []
    for options in required:
        if facts.approaches_used.isdisjoint(options):
            items.append(
                Missing(
                    f"engagement_{options[0]}",
                    _(
                        "At this risk level, record an engagement in which workers took part "
                        "using one of these approaches: %(approaches)s."
                    )
                    % {"approaches": ", ".join(approach_name(key) for key in options)},
                )
            )
    return items


# --- Proportional engagement (ADR 0016): what each risk level requires at each stage ---------


@dataclass(frozen=True)
class StageEngagement:
    """At one stage, for one level: each inner tuple is a requirement met by any one of its
    approaches (EngagementApproach keys); `union_gate_hard` makes the union's sign-off or
    dissent a gate no override can waive."""

    required: tuple[tuple[str, ...], ...]
    union_gate_hard: bool


_LOW = StageEngagement(required=(), union_gate_hard=False)
_SPECIFICATION = ("specification-co-design", "bid-assessment")
_MONITORING = ("worker-management-forum", "feedback-complaints-process", "pilot-evaluation")

ENGAGEMENT: dict[str, dict[str, StageEngagement]] = {
    # Low: any engagement in which workers took part, at every stage; the union's sign-off is
    # expected but a commissioner may override its absence with a reason.
    RiskLevel.LOW: {stage: _LOW for stage in Stage.values},
    # Medium: workers heard at planning and in setting the specification; the union's word is a
    # hard gate on the two moves that commit the body: the award, and go-live.
    RiskLevel.MEDIUM: {
        **{stage: _LOW for stage in Stage.values},
        Stage.PLANNING: StageEngagement(
            required=(("worker-survey", PROTECTED_CHARACTERISTICS_WORKSHOP),),
            union_gate_hard=False,
        ),
        Stage.TENDER_AWARD: StageEngagement(required=(_SPECIFICATION,), union_gate_hard=True),
        Stage.DEVELOPMENT: StageEngagement(required=(), union_gate_hard=True),
    },
    # High: workers with protected characteristics at planning, workers in the specification
    # or bid assessment, impact work in development, standing monitoring in deployment, a
    # governance body in oversight; the union's word is a hard gate at every stage.
    RiskLevel.HIGH: {
        **{stage: StageEngagement(required=(), union_gate_hard=True) for stage in Stage.values},
        Stage.PLANNING: StageEngagement(
            required=((PROTECTED_CHARACTERISTICS_WORKSHOP,),), union_gate_hard=True
        ),
        Stage.TENDER_AWARD: StageEngagement(required=(_SPECIFICATION,), union_gate_hard=True),
        Stage.DEVELOPMENT: StageEngagement(
            required=(
                (
                    "impact-assessment-co-development",
                    "consequence-mapping",
                    "supplier-workshop-user-testing",
                ),
            ),
            union_gate_hard=True,
        ),
        Stage.DEPLOYMENT: StageEngagement(required=(_MONITORING,), union_gate_hard=True),
        Stage.OVERSIGHT: StageEngagement(required=(("governance-body",),), union_gate_hard=True),
    },
}

# Every approach key any requirement names, so the gate's facts can say which were used.
REQUIRED_APPROACH_KEYS: tuple[str, ...] = tuple(
    sorted(
        {
            key
            for stages in ENGAGEMENT.values()
            for engagement in stages.values()
            for options in engagement.required
            for key in options
        }
    )
)


def engagement_for(level: str, stage: str) -> StageEngagement:
    """What `level` requires at `stage`. An unset level is treated as high (worker-protective):
    a case cannot leave planning unset without a commissioner's written override."""
    return ENGAGEMENT.get(level or RiskLevel.HIGH, ENGAGEMENT[RiskLevel.HIGH])[stage]


_APPROACH_TEXT = {key: (english, welsh) for _stage, key, english, welsh in APPROACHES}


def approach_name(key: str) -> str:
    """The toolkit's name of an approach, in the page's language (toolkit_content, as loaded)."""
    english, welsh = _APPROACH_TEXT.get(key, (key, key))
    return welsh if get_language() == Language.WELSH else english

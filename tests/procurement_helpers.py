"""Build cases through the real services, so a test's case has met its gates for real."""

import datetime
from collections.abc import Collection
from typing import TYPE_CHECKING

from core.clock import uk_today
from core.models import Organisation, User
from procurement import services
from procurement.bids import services as bid_services
from procurement.bids_models import Award, Bid, PanelMember
from procurement.gates import engagement_for
from procurement.models import DiscussionPrompt, EngagementApproach, GateDecision, ProcurementCase
from procurement.stages import (
    CARRY_FORWARD_STAGES,
    NEXT_STAGE,
    PROTECTED_CHARACTERISTICS_WORKSHOP,
    Stage,
)
from procurement.tender import services as tender_services
from registers import services as register_services

if TYPE_CHECKING:
    from oversight.models import OversightReview

# Everything a stage's exit gate can ask for, so a test can leave exactly one out.
# The UK day, time-machine aware (core.clock), under the name the tests use.
today = uk_today

REQUIREMENTS = ("engagement", "prompts", "carry_forward", "sign_off", "ai_system", "award")


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
                agreed_position=f"The branch agreed: {prompt.key}.",
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
    if (
        "award" not in skip
        and stage == Stage.TENDER_AWARD
        and not Award.objects.filter(case=case).exists()
    ):
        record_award(case, commissioner, union_rep)
    if "closing" not in skip and target == Stage.CLOSED:
        hold_closing_review(case, commissioner, union_rep)
    if "sign_off" not in skip:
        services.gate_decide(actor=union_rep, case=case, kind=GateDecision.Kind.SIGN_OFF)
    return case


def end_use_of_systems(case: ProcurementCase, commissioner: User) -> None:
    """Record that the use of each of the case's AI systems ended today."""
    for system in case.ai_systems.filter(end_of_use__isnull=True):
        register_services.ai_system_update(
            actor=commissioner,
            system=system,
            name=system.name,
            supplier=system.supplier,
            description=system.description,
            value_chain=system.value_chain,
            decision_categories=list(system.decision_categories.all()),
            used_in_high_risk_decision_making=system.used_in_high_risk_decision_making,
            planned_start=system.planned_start,
            first_use=system.first_use or today(),
            end_of_use=today(),
        )


def answer_review(review: "OversightReview", commissioner: User, *, closing: bool = False) -> None:
    from oversight import review_selectors, review_services

    review_services.review_answer(
        actor=commissioner,
        review=review,
        answers={
            item.prompt.pk: f"Settled at review {review.number}: {item.prompt.key}."
            for item in review_selectors.review_prompts(review)
        },
        what_has_changed=f"Review {review.number}: the rota now respects travel time.",
        closing=closing,
    )


def hold_closing_review(case: ProcurementCase, commissioner: User, union_rep: User) -> None:
    """End the use of the case's systems, then answer, submit and sign off its current
    oversight review as the closing review."""
    from oversight import review_selectors, review_services

    end_use_of_systems(case, commissioner)
    review = review_selectors.unfinished_review_of(case)
    assert review is not None, "a case in oversight has an open review"
    answer_review(review, commissioner, closing=True)
    review = review_services.review_submit(actor=commissioner, review=review)
    review_services.review_decide(actor=union_rep, review=review, kind="sign_off")


def open_scoring(case: ProcurementCase, commissioner: User, panel: dict[User, str]) -> Bid:
    """Questions weighted and signed off by the case's union representative (when not yet),
    one bid, `panel` (person: panel role) each declaring no conflict, and scoring open."""
    if not case.tender_questions.exists():
        first = tender_services.question_create(
            actor=commissioner, case=case, text_en="How will workers shape the rota rules?"
        )
        second = tender_services.question_create(
            actor=commissioner, case=case, text_en="How will you support Welsh-speaking staff?"
        )
        tender_services.weights_set(
            actor=commissioner, case=case, weights={first.pk: 60, second.pk: 40}
        )
    latest = case.weighting_decisions.order_by("-decided_at", "-id").first()
    if latest is None or latest.kind != "sign_off":
        representative = User.objects.filter(
            procurementcaseuserobjectpermission__content_object=case
        ).first()
        assert representative is not None, "the case needs a union representative"
        tender_services.weightings_sign_off(actor=representative, case=case)
    bid = bid_services.bid_record(
        actor=commissioner,
        case=case,
        supplier_name="Rota Cymru Ltd",
        companies_house_number="01234567",
        received_on=today(),
        summary="Rostering with travel time built in.",
    )
    for person, role in panel.items():
        member = bid_services.panel_member_add(
            actor=commissioner, case=case, person=person, panel_role=role
        )
        bid_services.conflict_declare(actor=person, member=member, has_conflict=False)
    bid_services.scoring_open(actor=commissioner, case=case)
    return bid


def score_and_submit(case: ProcurementCase, person: User, bid: Bid, value: int = 7) -> None:
    questions = list(case.tender_questions.all())
    bid_services.scores_save(
        actor=person, bid=bid, scores={question.pk: (value, "") for question in questions}
    )
    bid_services.scores_submit(actor=person, case=case)


def record_award(case: ProcurementCase, commissioner: User, union_rep: User) -> Award:
    """Assess one bid through the real services (questions weighted and signed off by the union,
    a panel with the union representative on it, scored, moderated) and record the award."""
    bid = open_scoring(case, commissioner, {union_rep: PanelMember.PanelRole.UNION_REPRESENTATIVE})
    score_and_submit(case, union_rep, bid)
    for question in case.tender_questions.all():
        bid_services.moderation_record(
            actor=commissioner, bid=bid, question=question, agreed_score=7
        )
    return bid_services.award_record(
        actor=commissioner,
        case=case,
        bid=bid,
        decided_on=today(),
        reasons="The only bid, and it scored well on workers' questions.",
    )


def case_at(
    stage: str, commissioner: User, organisation: Organisation, union_rep: User
) -> ProcurementCase:
    """A case moved, gate by gate, to `stage`."""
    case = new_case(commissioner, organisation, union_rep)
    while case.stage != stage:
        meet_gate(case, commissioner, union_rep)
        case = services.case_advance(actor=commissioner, case=case)
    return case

"""Each demo case taken through the services to its stage, gate by gate, as a commissioner, a
procurement officer and a union representative would take it: engagement with workers at each
stage, every prompt answered, the carry-forward written, the union's sign-off (or dissent), then
the move. So the timeline, the history and the gates are real, and a change to a gate shows up
here as a refusal.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from core import legal_time
from core.clock import uk_today
from core.models import Organisation, User
from core.roles import Role
from demo import waira as demo_waira
from demo.bids import assess_bids
from demo.cases import STANDARD_ANSWERS, Activity, CaseSpec, NotApplicable, System
from demo.oversight_reviews import hold_review
from procurement import selectors, services
from procurement.models import DiscussionPrompt, EngagementApproach, GateDecision, ProcurementCase
from procurement.stages import CARRY_FORWARD_STAGES, NEXT_STAGE, TOOLKIT_STAGES, Stage
from registers.models import DecisionCategory
from registers.services import ai_system_create, ai_system_update

# The winning supplier of a case whose AI system is not recorded (a fictional company).
DEFAULT_WINNER = "Cymru Digital Services Ltd"


def build_case(
    spec: CaseSpec, organisation: Organisation, people: dict[Role, User]
) -> ProcurementCase:
    """Take one case through the services to `spec.stage`, meeting every gate on the way."""
    commissioner = people[Role.COMMISSIONER]
    officer = people[Role.PROCUREMENT_OFFICER]
    rep = people[Role.UNION_REPRESENTATIVE]
    today = uk_today()

    case = services.case_create(
        actor=commissioner,
        organisation=organisation,
        title=spec.title,
        summary=spec.summary,
        engagement_plan=spec.engagement_plan,
        risk_level=spec.risk_level,
        risk_reasoning=spec.risk_reasoning,
    )
    services.case_assign_union_representative(actor=commissioner, case=case, representative=rep)
    for stage in TOOLKIT_STAGES:
        activities = spec.activities.get(stage, [])
        for activity in activities:
            services.engagement_record(
                actor=officer,
                case=case,
                approach=EngagementApproach.objects.get(key=activity.approach),
                held_on=today - timedelta(days=activity.days_ago),
                worker_groups=activity.worker_groups,
                worker_count=activity.worker_count,
                issues_raised=activity.issues_raised,
                employer_response=activity.employer_response,
                union_involved=bool(activity.union_involvement),
                union_involvement=activity.union_involvement,
                protected_characteristics_involved=bool(activity.protected_characteristics),
                protected_characteristics_detail=activity.protected_characteristics,
            )
        if spec.system and spec.system.linked_at == stage:
            _record_system(spec.system, case, people, today)
        if stage == spec.stage:
            break
        for prompt in DiscussionPrompt.objects.filter(stage=stage, is_carry_forward=False):
            answer = spec.answers.get(prompt.key) or _standard_answer(prompt.key, spec)
            services.prompt_respond(
                actor=officer,
                case=case,
                prompt=prompt,
                agreed_position="" if isinstance(answer, NotApplicable) else answer,
                not_applicable=isinstance(answer, NotApplicable),
                not_applicable_reason=answer.reason if isinstance(answer, NotApplicable) else "",
            )
        target = NEXT_STAGE[stage]
        if target in CARRY_FORWARD_STAGES:
            services.carry_forward_save(
                actor=commissioner,
                case=case,
                stage=target,
                agreed_at_previous_stage=selectors.carry_forward_prefill(case, target),
                what_has_changed=spec.changes.get(stage) or _what_changed(activities, today),
                participants=f"{rep.get_full_name()} ({spec.unions}); "
                + "; ".join(f"{a.worker_groups} ({a.worker_count})" for a in activities),
            )
        if stage == Stage.TENDER_AWARD:
            assess_bids(
                case, spec.system.supplier if spec.system else DEFAULT_WINNER, people, today
            )
        if stage == Stage.OVERSIGHT:
            # Closing needs every system's use ended and a closing review signed off (issue 15).
            hold_review(
                case,
                people,
                what_has_changed="Use of the system has ended; the board recommended it.",
                closing=True,
            )
        if stage in spec.dissent:
            services.gate_decide(
                actor=rep, case=case, kind=GateDecision.Kind.DISSENT, reason=spec.dissent[stage]
            )
        else:
            services.gate_decide(
                actor=rep,
                case=case,
                kind=GateDecision.Kind.SIGN_OFF,
                reason=f"Signed off for {spec.unions}: the record matches what members agreed.",
            )
        case = services.case_advance(actor=commissioner, case=case)
    return case


def _standard_answer(key: str, spec: CaseSpec) -> str:
    answer = STANDARD_ANSWERS[key].format(workers=spec.workers, unions=spec.unions)
    return answer[0].upper() + answer[1:]


def _what_changed(activities: list[Activity], today: date) -> str:
    latest = min(activities, key=lambda activity: activity.days_ago)
    held_on = today - timedelta(days=latest.days_ago)
    return f"After the engagement of {held_on.day} {held_on:%B %Y}: {latest.employer_response}"


def _record_system(
    spec: System, case: ProcurementCase, people: dict[Role, User], today: date
) -> None:
    """Record the system; where it is in high-risk use, replay its WAIRA and consultation two
    months before first use and record the start through the gate (demo.waira)."""
    officer, commissioner = people[Role.PROCUREMENT_OFFICER], people[Role.COMMISSIONER]

    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    gated = spec.high_risk and spec.first_use is not None
    categories = list(DecisionCategory.objects.filter(key__in=spec.categories))
    fields: dict[str, Any] = {
        "name": spec.name,
        "supplier": spec.supplier,
        "description": case.summary,
        "value_chain": spec.value_chain,
        "decision_categories": categories,
        "used_in_high_risk_decision_making": spec.high_risk,
        "planned_start": day(spec.planned_start),
    }
    system = ai_system_create(
        actor=officer,
        organisation=case.organisation,
        **fields,
        first_use=None if gated or spec.first_use is None else day(spec.first_use),
    )
    services.case_link_ai_system(actor=officer, case=case, system=system)
    if not gated:
        return
    assert spec.first_use is not None and spec.assessment is not None
    first_use = day(spec.first_use)
    demo_waira.assess(
        system=system,
        commissioner=commissioner,
        officer=officer,
        worker=people[Role.WORKER],
        on=legal_time.add_months(first_use, -2),
        spec=spec.assessment,
    )
    system = demo_waira.start_high_risk_use(
        system=system, commissioner=commissioner, started_on=first_use
    )
    if spec.reassessed is not None:
        demo_waira.assess(
            system=system,
            commissioner=commissioner,
            officer=officer,
            worker=people[Role.WORKER],
            on=day(spec.reassessed),
            spec=spec.assessment,
        )
    if spec.end_of_use is not None:
        ai_system_update(
            actor=officer,
            system=system,
            **fields,
            first_use=first_use,
            end_of_use=day(spec.end_of_use),
        )

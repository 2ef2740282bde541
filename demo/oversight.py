"""The demo council's governance body (toolkit stage 5), recorded through the services as its
oversight member would: its members, two meetings, decisions and actions on the cases and
systems in use, one action done, one due soon and one overdue (so tonight's sweep reminds).

Then three incidents on RotaCare Planner, so that tonight's sweep raises an outcome signal on it
(the default threshold is three incidents in 90 days) and tells its commissioner and the
oversight member; and the lessons log, one lesson shared with other organisations."""

from __future__ import annotations

from core import legal_time
from core.clock import uk_today
from core.models import Organisation, User
from core.roles import Role
from oversight import services
from oversight.models import ActionStatus, DecisionKind, IncidentKind, MemberRole
from procurement.models import EngagementApproach, ProcurementCase
from procurement.stages import RiskLevel, Stage
from registers.models import AISystem


def load_oversight_demo(organisation: Organisation, people: dict[Role, User]) -> None:
    chair = people[Role.OVERSIGHT_MEMBER]
    today = uk_today()
    founded = legal_time.add_months(today, -8)
    for user, role in (
        (chair, MemberRole.MANAGER),
        (people[Role.COMMISSIONER], MemberRole.MANAGER),
        (people[Role.UNION_REPRESENTATIVE], MemberRole.UNION_REPRESENTATIVE),
        (people[Role.WORKER], MemberRole.WORKER),
    ):
        services.governance_member_add(
            actor=chair,
            organisation=organisation,
            name=user.get_full_name(),
            role=role,
            joined_on=founded,
            user=user,
        )
    # A member without a Llais account: the body's seat for the people the council supports.
    services.governance_member_add(
        actor=chair,
        organisation=organisation,
        name="Mair Davies",
        role=MemberRole.SERVICE_USER,
        joined_on=founded,
    )
    systems = {
        system.name: system
        for system in AISystem.objects.filter(
            organisation=organisation, name__in=["RotaCare Planner", "AttendanceInsight"]
        )
    }
    rota = [systems["RotaCare Planner"]] if "RotaCare Planner" in systems else []
    attendance = [systems["AttendanceInsight"]] if "AttendanceInsight" in systems else []
    rota_cases = list(ProcurementCase.objects.filter(ai_systems__in=rota).distinct())
    attendance_cases = list(ProcurementCase.objects.filter(ai_systems__in=attendance).distinct())

    spring = services.meeting_record(
        actor=chair,
        organisation=organisation,
        held_on=legal_time.add_months(today, -4),
        title="Oversight board: RotaCare Planner after six months",
        minutes_text=(
            "Care workers reported rotas with too little travel time between rural visits. "
            "The union asked for the error reports by locality. The board agreed to ask the "
            "supplier for travel-time errors by postcode area."
        ),
    )
    services.decision_record(
        actor=chair,
        meeting=spring,
        kind=DecisionKind.DECISION,
        text="Co-ordinators keep checking every rota before it is sent until the travel-time "
        "errors are fixed.",
        cases=rota_cases,
        systems=rota,
    )
    done = services.decision_record(
        actor=chair,
        meeting=spring,
        kind=DecisionKind.ACTION,
        text="Ask the supplier for travel-time errors by postcode area.",
        owner=people[Role.PROCUREMENT_OFFICER],
        due_on=legal_time.add_months(today, -3),
        cases=rota_cases,
        systems=rota,
    )
    services.action_update(
        actor=chair,
        action=done,
        status=ActionStatus.DONE,
        note="The supplier sent the figures: rural visits were short by 9 minutes on average.",
    )
    autumn = services.meeting_record(
        actor=chair,
        organisation=organisation,
        held_on=legal_time.add_days(today, -20),
        title="Oversight board: annual review of systems in use",
        minutes_text=(
            "The board reviewed RotaCare Planner and AttendanceInsight with the union and two "
            "care workers. Workers asked how the attendance triggers treat disability-related "
            "absence."
        ),
    )
    services.decision_record(
        actor=chair,
        meeting=autumn,
        kind=DecisionKind.ACTION,
        text="Report how AttendanceInsight's triggers treat disability-related absence.",
        owner=people[Role.COMMISSIONER],
        due_on=legal_time.add_days(today, 10),
        cases=attendance_cases,
        systems=attendance,
    )
    services.decision_record(
        actor=chair,
        meeting=autumn,
        kind=DecisionKind.ACTION,
        text="Share the supplier's travel-time fix plan with the union.",
        owner=people[Role.PROCUREMENT_OFFICER],
        due_on=legal_time.add_days(today, -5),
        cases=rota_cases,
        systems=rota,
    )

    if rota:
        load_incidents(rota[0], people)
    load_lessons(organisation, people, rota_cases[0] if rota_cases else None)


def load_incidents(system: AISystem, people: dict[Role, User]) -> None:
    for actor, kind, description, group in (
        (
            people[Role.WORKER],
            IncidentKind.ERROR,
            "The rota gave me a visit in Llanidloes ten minutes after one in Newtown.",
            "",
        ),
        (
            people[Role.UNION_REPRESENTATIVE],
            IncidentKind.DIFFERENT_EFFECT,
            "Care workers without a car are offered fewer visits since the last update.",
            "Care workers who travel by bus",
        ),
        (
            people[Role.COMMISSIONER],
            IncidentKind.BUG,
            "The planner dropped two visits from Tuesday's rota without a warning.",
            "",
        ),
    ):
        services.incident_report(
            actor=actor, system=system, kind=kind, description=description, group_affected=group
        )


def load_lessons(
    organisation: Organisation, people: dict[Role, User], case: ProcurementCase | None
) -> None:
    author = people[Role.COMMISSIONER]
    approaches = {
        approach.key: approach
        for approach in EngagementApproach.objects.filter(
            key__in=["worker-survey", "bid-assessment"]
        )
    }
    services.lesson_record(
        actor=author,
        organisation=organisation,
        title="Ask night and weekend workers separately",
        stage=Stage.PLANNING,
        approach=approaches.get("worker-survey"),
        risk_level=RiskLevel.HIGH,
        what_worked="A short survey handed out at shift change reached the night care workers.",
        what_did_not="The daytime workshop was attended by office-based staff only.",
        case=case,
        shareable=True,
    )
    services.lesson_record(
        actor=author,
        organisation=organisation,
        title="Give union representatives paid time to score bids",
        stage=Stage.TENDER_AWARD,
        approach=approaches.get("bid-assessment"),
        risk_level=RiskLevel.HIGH,
        what_worked="Paid release time meant both representatives scored every bid.",
        what_did_not="The scoring guide arrived the day before the panel met.",
        case=case,
    )
    services.lesson_record(
        actor=people[Role.OVERSIGHT_MEMBER],
        organisation=organisation,
        title="Check travel time before a rota goes live",
        stage=Stage.DEPLOYMENT,
        risk_level=RiskLevel.MEDIUM,
        what_did_not="Travel-time errors in rural areas were found by care workers, not testing.",
        case=case,
    )

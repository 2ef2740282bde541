"""Failures in the demo council, one of each kind (issue 13): a missed further WAIRA, a late
register entry, a start of high-risk use recorded in breach and a refused request, each built
through the real services with time-machine replaying the past, its failure opened by the real
sweep, and a step taken and chaser letter on the first."""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.files.base import ContentFile

from accountability import services as accountability_services
from accountability.models import Failure, Obligation
from core import legal_time
from core.clock import uk_today
from core.i18n import Language
from core.models import Organisation, User
from core.roles import Role
from core.services import sweep_run
from demo import waira as demo_waira
from demo.cases import CASES
from procurement import services as procurement_services
from procurement.models import ProcurementCase
from registers import services as register_services
from registers.models import AISystem, DecisionCategory
from rights_requests import services as rights_services
from rights_requests.models import RequesterStatus, RequestKind
from waira import services as waira_services

REGISTER_TEXT = {
    "description_en": "Suggests shift patterns from staffing levels and leave requests.",
    "description_cy": "Mae'n awgrymu patrymau sifft o lefelau staffio a cheisiadau am wyliau.",
    "purpose_en": "To plan cover fairly across teams.",
    "purpose_cy": "Cynllunio cyflenwi'n deg ar draws timau.",
    "data_types_en": "Rotas, leave records, contracted hours.",
    "data_types_cy": "Rotâu, cofnodion gwyliau, oriau dan gontract.",
}


def _noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=legal_time.UK)


def _system(name: str, organisation: Organisation, officer: User, planned: date) -> AISystem:
    return register_services.ai_system_create(
        actor=officer,
        organisation=organisation,
        name=name,
        supplier="Demo Systems Ltd",
        description="Allocates work and reviews attendance for front-line teams.",
        value_chain="Built and hosted by Demo Systems Ltd; configured by the council's IT team.",
        decision_categories=list(DecisionCategory.objects.all()[:2]),
        used_in_high_risk_decision_making=True,
        planned_start=planned,
    )


def load_failures_demo(organisation: Organisation, people: dict[Role, User]) -> None:
    """The systems and requests that fail, before tonight's sweeps open their failures."""
    import time_machine  # the demo's replay clock; the product itself never moves time

    today = uk_today()
    commissioner, officer = people[Role.COMMISSIONER], people[Role.PROCUREMENT_OFFICER]
    worker = people[Role.WORKER]
    spec = next(case.system.assessment for case in CASES if case.system and case.system.assessment)
    case = ProcurementCase.objects.filter(organisation=organisation).order_by("pk").first()

    def link(system: AISystem) -> None:
        if case is not None:
            procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)

    def months_ago(months: int) -> date:
        return legal_time.add_months(today, -months)

    # 1. A further WAIRA missed (s.14(4), s.15(4)): assessed 15 months ago, never again.
    assessed = months_ago(15)
    with time_machine.travel(_noon(assessed), tick=False):
        shifts = _system("ShiftMatch", organisation, officer, months_ago(13))
        link(shifts)
    demo_waira.assess(
        system=shifts,
        commissioner=commissioner,
        officer=officer,
        worker=worker,
        on=assessed,
        spec=spec,
    )
    with time_machine.travel(_noon(months_ago(13)), tick=False):
        shifts = demo_waira.start_high_risk_use(
            system=shifts, commissioner=commissioner, started_on=months_ago(13)
        )
        entry = register_services.register_entry_save(
            actor=commissioner, system=shifts, name_cy="", **REGISTER_TEXT
        )
        register_services.register_entry_publish(actor=commissioner, entry=entry)

    # 2. A register entry published late (s.16(4)): in use 8 months ago, due 5 months ago, the
    # failure opened the night after, published a month ago.
    assessed = months_ago(10)
    with time_machine.travel(_noon(assessed), tick=False):
        leave = _system("LeaveBalancer", organisation, officer, months_ago(8))
        link(leave)
    demo_waira.assess(
        system=leave,
        commissioner=commissioner,
        officer=officer,
        worker=worker,
        on=assessed,
        spec=spec,
    )
    with time_machine.travel(_noon(months_ago(8)), tick=False):
        leave = demo_waira.start_high_risk_use(
            system=leave, commissioner=commissioner, started_on=months_ago(8)
        )
    due = legal_time.register_update_due(months_ago(8))
    with time_machine.travel(_noon(legal_time.add_days(due, 1)), tick=False):
        sweep_run("accountability", triggered_by="load_demo")
    with time_machine.travel(_noon(months_ago(1)), tick=False):
        entry = register_services.register_entry_save(
            actor=commissioner, system=leave, name_cy="", **REGISTER_TEXT
        )
        register_services.register_entry_publish(actor=commissioner, entry=entry)

    # 3. High-risk use begun before a clear month had passed since the consultation (s.15(1)),
    # recorded as a breach with the evidence.
    concluded = legal_time.add_days(today, -50)
    with time_machine.travel(_noon(legal_time.add_days(concluded, -5)), tick=False):
        calls = _system("CallScreen", organisation, officer, legal_time.add_days(today, -20))
        link(calls)
    demo_waira.assess(
        system=calls,
        commissioner=commissioner,
        officer=officer,
        worker=worker,
        on=concluded,
        spec=spec,
    )
    started = legal_time.add_days(concluded, 20)
    with time_machine.travel(_noon(legal_time.add_days(started, 3)), tick=False):
        waira_services.high_risk_start_breach_record(
            actor=commissioner,
            system=calls,
            started_on=started,
            account="The contact centre switched on automated call routing decisions before "
            "the month after the consultation had passed; the supplier's log shows the day.",
            evidence=ContentFile(
                f"{started.isoformat()} routing decisions enabled\n".encode(), name="log.txt"
            ),
        )

    # 4. A request refused on an exemption the worker may dispute (s.17(5)(a)).
    with time_machine.travel(_noon(legal_time.add_days(today, -20)), tick=False):
        refused = rights_services.rights_request_make(
            actor=worker,
            organisation=organisation,
            kind=RequestKind.EXPLANATION,
            requester_status=RequesterStatus.EMPLOYEE,
            decision="ShiftMatch stopped offering me weekend shifts.",
            decision_date=legal_time.add_days(today, -25),
            ai_system=shifts,
            aware_on=legal_time.add_days(today, -24),
            request_text="Please explain why ShiftMatch no longer offers me weekend shifts.",
            language=Language.WELSH,
        )
    with time_machine.travel(_noon(legal_time.add_days(today, -12)), tick=False):
        contact = people[Role.NOMINATED_CONTACT]
        claim = rights_services.exemption_claim(
            actor=contact,
            request=refused,
            ground="s17_5_a",
            reasons="The supplier no longer holds the data for that week.",
        )
        rights_services.exemption_decide(
            actor=contact,
            claim=claim,
            decision="applies",
            reasons="Nothing is left to explain the decision from.",
        )


def load_failure_letters(organisation: Organisation, people: dict[Role, User]) -> None:
    """After tonight's sweeps opened the failures: the union representative's step and chaser
    letter on the missed further WAIRA (s.19(6)(a))."""
    rep = people[Role.UNION_REPRESENTATIVE]
    failure = Failure.objects.filter(
        organisation=organisation, system__name="ShiftMatch", obligation=Obligation.WAIRA_REVIEW
    ).first()
    if failure is None:
        return
    accountability_services.step_taken_record(
        actor=rep,
        failure=failure,
        taken_on=legal_time.add_days(uk_today(), -7),
        description="Asked the Head of Digital, at the joint consultative committee, when the "
        "further WAIRA of ShiftMatch would be done. No date was given.",
    )
    accountability_services.chaser_letter_draft(
        actor=rep, failure=failure, language=Language.ENGLISH, sender_name=rep.get_full_name()
    )

"""The demo council's workers' rights requests (`make run`), through the real services.

The administrator publishes the nominated contact (s.17(8)) and the competent agent (s.18(3)),
with the evidence for each limb of s.18(5). Then the demo worker's small history is replayed on the
days it happened (time-machine moves the clock for the replay only, as in demo/waira.py): an
explanation of an AttendanceInsight decision, answered in Welsh as he asked; his request for it to
be reconsidered, which the competent agent altered after the system's further WAIRA was completed
(so the next one counts it under s.14(5)(b)); and a request about RotaCare Planner still open, with
days left, that he has shared with his union representative.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from core import legal_time
from core.clock import uk_today
from core.i18n import Language
from core.models import Organisation, User
from core.roles import Role
from registers.models import AISystem
from rights_requests import services
from rights_requests.models import (
    ContactKind,
    ReconsiderationOutcome,
    RequesterStatus,
    RequestKind,
)

ADDRESS = "County Hall, Council Road, Colwyn Bay LL29 0AA"

ATTENDANCE_DECISION = (
    "My manager booked me into a stage 1 attendance review after AttendanceInsight flagged "
    "my sickness absence."
)
EXPLANATION = (
    "Mae AttendanceInsight yn cyfrif cyfnodau o absenoldeb salwch dros gyfnod treigl o 12 mis. "
    "Pan fydd gan weithiwr dri chyfnod, mae'n rhoi gwybod i'r rheolwr llinell bod adolygiad "
    "presenoldeb yn ddyledus. Cofnodwyd tri chyfnod o absenoldeb i chi, felly rhoddodd y system "
    "wybod i'ch rheolwr, a threfnodd hi gyfarfod adolygu cam 1.\n\n"
    "Nid y system a benderfynodd gynnal y cyfarfod: eich rheolwr a wnaeth hynny. Defnyddiodd y "
    "system ddyddiadau a hyd eich absenoldebau a'r rhesymau a gofnodwyd. Nid oedd yr un o'r "
    "cyfnodau wedi'i gofnodi fel absenoldeb sy'n ymwneud ag anabledd; pe bai wedi'i gofnodi "
    "felly, ni fyddai wedi cael ei gyfrif."
)
WHAT_CHANGED = (
    "Mae'r cyfarfod adolygu cam 1 wedi'i ganslo. Mae dau o'r tri chyfnod bellach wedi'u "
    "cofnodi fel absenoldeb sy'n ymwneud ag anabledd, felly nid ydynt yn cyfrif tuag at sbardunau."
)
RECONSIDERATION = (
    "Siaradais â chi ac â'ch rheolwr ar y ffôn. Roedd dau o'r cyfnodau o absenoldeb oherwydd "
    "eich cyflwr, ac roedd eich meddyg teulu wedi dweud hynny ar eich nodiadau ffitrwydd. Dylent "
    "fod wedi cael eu cofnodi fel absenoldeb sy'n ymwneud ag anabledd o'r dechrau. Heb y ddau "
    "gyfnod hynny ni fyddai'r system wedi rhoi gwybod i'ch rheolwr, felly nid oes sail i'r "
    "adolygiad."
)


def load_rights_demo(organisation: Organisation, people: dict[Role, User]) -> None:
    import time_machine  # the demo's replay clock; the product itself never moves time

    admin, worker = people[Role.ADMINISTRATOR], people[Role.WORKER]
    eleri, owain = people[Role.NOMINATED_CONTACT], people[Role.COMPETENT_AGENT]
    today = uk_today()

    def at(days_ago: int, hour: int, minute: int = 0) -> datetime:
        day = legal_time.add_days(today, -days_ago)
        return datetime.combine(day, time(hour, minute), tzinfo=legal_time.UK)

    def day(days_ago: int) -> date:
        return legal_time.add_days(today, -days_ago)

    systems = {s.name: s for s in AISystem.objects.filter(organisation=organisation)}

    with time_machine.travel(at(120, 11), tick=False):
        _publish_contacts(admin, organisation, eleri, owain, day)

    with time_machine.travel(at(38, 19, 40), tick=False):
        explanation = services.rights_request_make(
            actor=worker,
            organisation=organisation,
            kind=RequestKind.EXPLANATION,
            requester_status=RequesterStatus.EMPLOYEE,
            decision=ATTENDANCE_DECISION,
            decision_date=day(41),
            ai_system=systems["AttendanceInsight"],
            aware_on=day(40),
            request_text="Please explain how the system decided I should have an attendance "
            "review, and what information about me it used.",
            language=Language.WELSH,
        )
    with time_machine.travel(at(31, 14, 5), tick=False):
        services.explanation_issue(
            actor=eleri,
            request=explanation,
            text=EXPLANATION,
            text_language=Language.WELSH,
            readily_understandable=True,
            personal=True,
            in_writing=True,
            accessible_format=True,
            free_of_charge=True,
        )

    with time_machine.travel(at(29, 8, 15), tick=False):
        reconsideration = services.rights_request_make(
            actor=worker,
            organisation=organisation,
            kind=RequestKind.RECONSIDERATION,
            requester_status=RequesterStatus.EMPLOYEE,
            decision=ATTENDANCE_DECISION,
            decision_date=day(41),
            ai_system=systems["AttendanceInsight"],
            aware_on=day(40),
            request_text="Two of the three absences were because of my disability, and my fit "
            "notes say so. Please have a person look at the decision again.",
            language=Language.WELSH,
            follows=explanation,
        )
    with time_machine.travel(at(28, 9, 30), tick=False):
        agent = next(
            choice.contact
            for choice in services.agent_choices(organisation)
            if choice.contact.user_id == owain.pk
        )
        services.reconsideration_assign(actor=admin, request=reconsideration, agent=agent)
    reconsideration.refresh_from_db()
    with time_machine.travel(at(15, 16, 20), tick=False):
        services.reconsideration_conclude(
            actor=owain,
            request=reconsideration,
            outcome=ReconsiderationOutcome.ALTERED,
            what_changed=WHAT_CHANGED,
            text=RECONSIDERATION,
            text_language=Language.WELSH,
        )

    with time_machine.travel(at(6, 21, 10), tick=False):
        still_open = services.rights_request_make(
            actor=worker,
            organisation=organisation,
            kind=RequestKind.EXPLANATION,
            requester_status=RequesterStatus.EMPLOYEE,
            decision="RotaCare Planner gave my regular Tuesday and Thursday visits in Abergele "
            "to another care worker.",
            decision_date=day(8),
            ai_system=systems["RotaCare Planner"],
            aware_on=day(7),
            request_text="Please explain why the planner moved visits I have done for two years, "
            "and what it took into account about me.",
            language=Language.WELSH,
        )
        services.rights_request_share(
            actor=worker, request=still_open, representative=people[Role.UNION_REPRESENTATIVE]
        )


def _publish_contacts(
    admin: User, organisation: Organisation, eleri: User, owain: User, day: Callable[[int], date]
) -> None:
    services.rights_contact_create(
        actor=admin,
        organisation=organisation,
        kind=ContactKind.NOMINATED_CONTACT,
        user=eleri,
        name=eleri.get_full_name(),
        job_title="Information Governance Manager",
        address=ADDRESS,
        email="ai-explanations@example.org",
        phone="01632 960100",
    )
    services.rights_contact_create(
        actor=admin,
        organisation=organisation,
        kind=ContactKind.COMPETENT_AGENT,
        user=owain,
        name=owain.get_full_name(),
        job_title="Head of HR Operations",
        address=ADDRESS,
        email="ai-reconsiderations@example.org",
        phone="01632 960101",
        trained_on=day(150),
        training_evidence="Completed the council's one-day course on reconsidering decisions made "
        "with AI, with the equality and data protection modules; certificate on his HR file.",
        designated_on=day(125),
        designation_evidence="Designated competent agent by the Chief Executive's letter, "
        "recorded in the minutes of the Corporate Management Team.",
        can_discuss_facts_and_reasons=True,
        discussion_evidence="Has read access to the decision logs of each AI system in use and "
        "to the HR and rota records behind them, and meets workers in person or by phone.",
        can_alter_decision=True,
        authority_evidence="Scheme of delegation, part 3: the Head of HR Operations may cancel or "
        "change any attendance, rota or capability decision about an employee.",
    )

"""`load_demo` builds its cases through the services: every stage is reached through its gate."""

import base64
import io
import itertools

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp

from core.clock import uk_today
from core.models import Membership, Organisation, TimelineEvent, User
from core.roles import Role
from core.selectors import timeline_for
from demo.council import DEFAULT_PASSWORD, DEMO_SLUG, OPERATOR_USERNAME
from procurement.models import EngagementActivity, GateDecision, ProcurementCase
from procurement.stages import TOOLKIT_STAGES, Stage
from registers.models import AISystem
from rights_requests.competence import contact_limbs_failed
from rights_requests.models import (
    ComplianceFailure,
    ContactKind,
    ReconsiderationOutcome,
    RequestKind,
    RequestState,
    RightsContact,
    RightsRequest,
)
from rights_requests.selectors import days_left, decisions_altered_count, published_contacts_for
from waira.models import Waira, WairaKind

pytestmark = pytest.mark.django_db

COUNTED = [
    Organisation,
    User,
    Membership,
    ProcurementCase,
    EngagementActivity,
    GateDecision,
    AISystem,
    TimelineEvent,
    RightsContact,
    RightsRequest,
]


@pytest.fixture
def demo_cases(demo_loaded, db):
    return ProcurementCase.objects.filter(organisation__slug=DEMO_SLUG)


def test_there_is_one_case_at_each_stage_and_one_closed(demo_cases):
    stages = sorted(demo_cases.values_list("stage", flat=True))
    assert stages == sorted([*TOOLKIT_STAGES, Stage.CLOSED])


def test_every_role_has_a_person(demo_cases):
    held = set(
        Membership.objects.filter(organisation__slug=DEMO_SLUG).values_list("role", flat=True)
    )
    assert held == set(Role.values)


def test_nobody_in_the_council_is_staff_or_superuser(demo_cases):
    """The council's administrator works in Llais's administration pages; the Django admin is
    the platform operator's alone."""
    members = User.objects.filter(memberships__organisation__slug=DEMO_SLUG).distinct()
    assert members.filter(memberships__role=Role.ADMINISTRATOR).exists()
    assert not members.filter(is_staff=True).exists()
    assert not members.filter(is_superuser=True).exists()


def test_one_platform_operator_is_the_only_superuser(demo_cases):
    operator = User.objects.get(is_superuser=True)
    assert operator.username == OPERATOR_USERNAME and operator.is_staff
    assert not operator.memberships.exists()


def test_the_demo_administrator_administers_the_council_but_not_the_admin(demo_cases, client):
    organisation = Organisation.objects.get(slug=DEMO_SLUG)
    detail = reverse("core:organisation_detail", args=[organisation.pk])
    client.force_login(User.objects.get(username="admin"))
    assert client.get(detail).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(User.objects.get(username=OPERATOR_USERNAME))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize("case_stage", [*TOOLKIT_STAGES, Stage.CLOSED])
def test_each_case_reached_its_stage_through_every_gate(demo_cases, case_stage):
    case = demo_cases.get(stage=case_stage)
    moves = list(
        timeline_for(case).filter(kind="stage_changed").values_list("from_state", "to_state")
    )
    path = [*TOOLKIT_STAGES, Stage.CLOSED]
    reached = path[: path.index(case_stage) + 1]
    assert moves == list(itertools.pairwise(reached))
    assert not timeline_for(case).filter(kind__in=["gate_refused", "gate_overridden"]).exists()


def test_running_it_again_creates_nothing(demo_cases):
    before = {model: model._default_manager.count() for model in COUNTED}

    call_command("load_demo", stdout=io.StringIO())

    assert {model: model._default_manager.count() for model in COUNTED} == before


def test_running_it_again_still_prints_the_credentials(demo_cases, capsys):
    call_command("load_demo", password="another-password")

    output = capsys.readouterr().out
    assert "nothing was created" in output
    assert "union_rep" in output and "another-password" in output
    assert "operator" in output and "Django admin, superuser, no organisation" in output


def test_the_rights_contacts_are_published_and_the_agent_is_competent(demo_cases):
    organisation = Organisation.objects.get(slug=DEMO_SLUG)
    published = published_contacts_for([organisation.pk])[organisation.pk]
    assert [(c.role, c.name, c.is_default_most_senior) for c in published] == [
        (ContactKind.NOMINATED_CONTACT, "Eleri Roberts", False),
        (ContactKind.COMPETENT_AGENT, "Owain Price", False),
    ]
    agent = RightsContact.objects.get(organisation=organisation, kind=ContactKind.COMPETENT_AGENT)
    assert agent.user is not None
    assert agent.user.username == "competent_agent" and contact_limbs_failed(agent) == []


def test_the_worker_has_an_explanation_a_reconsideration_that_altered_and_one_open(demo_cases):
    # The request refused on an exemption belongs to the failures' demo (below).
    explanation, reconsideration, still_open = (
        RightsRequest.objects.filter(organisation__slug=DEMO_SLUG, requester__username="worker")
        .exclude(state=RequestState.REFUSED)
        .order_by("made_at")
    )
    assert explanation.kind == RequestKind.EXPLANATION
    assert explanation.state == RequestState.ANSWERED and explanation.answer.in_time
    assert not explanation.answer.english_where_welsh_asked  # asked in Welsh, answered in Welsh
    assert explanation.answer.answered_by.username == "nominated_contact"
    assert reconsideration.follows == explanation
    assert reconsideration.assigned_agent is not None
    assert reconsideration.assigned_agent.user is not None
    assert reconsideration.assigned_agent.user.username == "competent_agent"
    assert reconsideration.answer.outcome == ReconsiderationOutcome.ALTERED
    assert reconsideration.answer.in_time
    assert still_open.is_open and days_left(still_open) > 0
    assert not ComplianceFailure.objects.exists()
    # The alteration came after AttendanceInsight's further WAIRA: the next one counts it.
    system = reconsideration.ai_system
    assert system is not None
    further = Waira.objects.get(system=system, kind=WairaKind.FURTHER)
    assert further.completed_on is not None
    today = uk_today()
    assert decisions_altered_count(system=system, since=further.completed_on, until=today) == 1
    assert decisions_altered_count(system=system, since=None, until=further.completed_on) == 0


def test_the_demo_people_who_must_use_a_second_factor_can_sign_in_with_what_it_prints(
    demo_cases, capsys
):
    """The printed key is a working authenticator key, and a printed recovery code signs in."""
    call_command("load_demo")
    output = capsys.readouterr().out
    for username in ("admin", "oversight", "nominated_contact", "competent_agent"):
        block = output.split(f"\n  {username}\n", 1)[1]
        key = block.split("authenticator key: ", 1)[1].split("\n", 1)[0].replace(" ", "")
        codes = block.split("recovery codes:    ", 1)[1].split("\n", 1)[0].split()
        assert len(codes) == 10
        client = Client()
        assert client.post("/sign-in/", {"username": username, "password": DEFAULT_PASSWORD})[
            "Location"
        ] == reverse("core:dashboard")
        code = f"{totp(base64.b32decode(key)):06d}"
        assert client.post(reverse("core:two_factor_verify"), {"token": code}).status_code == 302
        assert client.get(reverse("core:dashboard")).status_code == 200
        other = Client()
        other.post("/sign-in/", {"username": username, "password": DEFAULT_PASSWORD})
        assert other.post(reverse("core:two_factor_verify"), {"token": codes[0]}).status_code == 302
        assert other.get(reverse("core:dashboard")).status_code == 200


def test_the_demo_shows_each_kind_of_failure_with_its_dates_and_a_chaser_letter(demo_cases):
    """Issue 13 (h13a): a missed further WAIRA, a late register entry, a start recorded in
    breach and a refused request, each opened by the real sweep, and a chaser letter."""
    from accountability.models import Basis, ChaserLetter, Failure, Obligation

    failures = Failure.objects.filter(organisation__slug=DEMO_SLUG)
    kinds = {
        (failure.obligation, failure.basis, failure.system.name if failure.system else "")
        for failure in failures
    }
    assert (Obligation.WAIRA_REVIEW, Basis.MISSED, "ShiftMatch") in kinds
    assert (Obligation.REGISTER_ENTRY, Basis.MISSED, "LeaveBalancer") in kinds
    assert (Obligation.CONSULT_BEFORE_USE, Basis.STARTED_IN_BREACH, "CallScreen") in kinds
    assert (Obligation.EXPLANATION, Basis.REFUSED_EXEMPTION, "") in kinds
    breach = failures.get(obligation=Obligation.CONSULT_BEFORE_USE, system__name="CallScreen")
    assert breach.failure_date_safe < breach.failure_date_protective
    late = failures.get(obligation=Obligation.REGISTER_ENTRY, system__name="LeaveBalancer")
    assert late.register_published_days == 0  # not on the register while it was overdue
    letter = ChaserLetter.objects.get(failure__system__name="ShiftMatch")
    assert letter.dated == uk_today()
    assert "joint consultative committee" in letter.body


# --- The governance body and the oversight dashboard (issue 15) --------------------------------


def test_the_demo_has_a_governance_body_with_workers_and_the_union_on_it(demo_loaded, db):
    from oversight.models import GovernanceMember, MemberRole

    roles = set(
        GovernanceMember.objects.filter(organisation__slug=DEMO_SLUG).values_list("role", flat=True)
    )
    assert {MemberRole.WORKER, MemberRole.UNION_REPRESENTATIVE} <= roles


def test_the_demo_overdue_action_is_escalated_to_the_oversight_member(demo_loaded, db):
    from core.models import Notification
    from oversight.sweeps import GOVERNANCE_ACTION

    assert Notification.objects.filter(
        kind=GOVERNANCE_ACTION,
        recipient__username="oversight",
        threshold=Notification.OVERDUE,
    ).exists()


def test_the_demo_oversight_dashboard_shows_its_cases(demo_loaded, db):
    client = Client()
    client.force_login(User.objects.get(username="oversight"))
    organisation = Organisation.objects.get(slug=DEMO_SLUG)
    response = client.get(reverse("oversight:dashboard", args=[organisation.pk]))
    assert response.status_code == 200
    assert response.content.decode().count('role="img"') >= 6


def test_the_demo_has_an_outcome_signal_told_to_the_oversight_member(demo_loaded, db):
    from core.models import Notification
    from oversight.models import Signal, SignalFigure
    from oversight.sweeps import OUTCOME_SIGNAL

    signal = Signal.objects.get(organisation__slug=DEMO_SLUG)
    assert (signal.system.name, signal.figure) == ("RotaCare Planner", SignalFigure.INCIDENTS)
    assert Notification.objects.filter(
        kind=OUTCOME_SIGNAL, recipient__username="oversight", object_id=signal.pk
    ).exists()


def test_the_demo_lessons_log_has_a_shared_lesson(demo_loaded, db):
    from oversight.models import Lesson

    lessons = Lesson.objects.filter(organisation__slug=DEMO_SLUG)
    assert lessons.count() == 3 and lessons.filter(shareable=True).count() == 1


def test_the_case_in_oversight_has_a_pack_and_an_intact_bundle(demo_cases, tmp_path):
    """packs (issue 16): a new user can open the demo's pack and check its bundle at once."""
    from packs.models import Pack

    case = demo_cases.get(stage=Stage.OVERSIGHT)
    pack = Pack.objects.get(case=case)
    assert pack.state == Pack.State.DONE and pack.version == 1 and pack.sha256
    path = tmp_path / "bundle.zip"
    with pack.bundle.open("rb") as bundle:
        path.write_bytes(bundle.read())
    out = io.StringIO()
    call_command("verify_bundle", str(path), stdout=out)
    assert "INTACT" in out.getvalue()
    call_command("check_timeline_chain", DEMO_SLUG, stdout=out)
    assert "is whole" in out.getvalue()


def test_the_demo_contract_has_clauses_in_force_one_obligation_met_and_one_late(demo_cases):
    from procurement.contract_clauses import CLAUSES
    from procurement.models import Contract, SupplierObligationInstance

    contract = Contract.objects.get(case__in=demo_cases)
    assert contract.supplier_name == "Dyfodol Care Systems Ltd"
    assert contract.obligations.count() == len(CLAUSES)
    instances = SupplierObligationInstance.objects.filter(obligation__contract=contract)
    met = instances.filter(met_on__isnull=False).get()
    assert met.met_on is not None and met.met_on <= met.due_on
    late = instances.get(rights_request__isnull=False)
    assert late.met_on is None and late.due_on < uk_today()
    assert late.missed_flagged_at is not None  # tonight's sweep flagged it
    assert late.rights_request is not None and late.rights_request.is_open


def test_the_case_in_oversight_has_a_signed_off_review_and_an_open_one(demo_cases):
    from oversight.models import OversightReview, ReviewState

    case = demo_cases.get(stage=Stage.OVERSIGHT)
    reviews = OversightReview.objects.filter(case=case).order_by("number")
    assert [(r.number, r.state, r.closing) for r in reviews] == [
        (1, ReviewState.SIGNED_OFF, False),
        (2, ReviewState.OPEN, False),
    ]


def test_the_closed_case_closed_with_a_signed_off_closing_review(demo_cases):
    from oversight.models import OversightReview, ReviewState

    case = demo_cases.get(stage=Stage.CLOSED)
    assert list(
        OversightReview.objects.filter(case=case).values_list("number", "state", "closing")
    ) == [(1, ReviewState.SIGNED_OFF, True)]

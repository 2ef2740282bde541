"""`load_demo` builds its cases through the services: every stage is reached through its gate."""

import io
import itertools

import pytest
from django.core.management import call_command

from core.models import Membership, Organisation, TimelineEvent, User
from core.roles import Role
from core.selectors import timeline_for
from procurement.demo_data import DEMO_SLUG
from procurement.models import EngagementActivity, GateDecision, ProcurementCase
from procurement.stages import TOOLKIT_STAGES, Stage
from registers.models import AISystem

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
]


@pytest.fixture
def demo_cases():
    call_command("load_demo", stdout=io.StringIO())
    return ProcurementCase.objects.filter(organisation__slug=DEMO_SLUG)


def test_there_is_one_case_at_each_stage_and_one_closed(demo_cases):
    stages = sorted(demo_cases.values_list("stage", flat=True))
    assert stages == sorted([*TOOLKIT_STAGES, Stage.CLOSED])


def test_every_role_has_a_person(demo_cases):
    held = set(
        Membership.objects.filter(organisation__slug=DEMO_SLUG).values_list("role", flat=True)
    )
    assert held == set(Role.values)


def test_the_administrator_can_use_the_django_admin(demo_cases):
    administrator = User.objects.get(
        memberships__organisation__slug=DEMO_SLUG, memberships__role=Role.ADMINISTRATOR
    )
    assert administrator.is_staff and administrator.is_superuser


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
    before = {model: model.objects.count() for model in COUNTED}

    call_command("load_demo", stdout=io.StringIO())

    assert {model: model.objects.count() for model in COUNTED} == before


def test_running_it_again_still_prints_the_credentials(demo_cases, capsys):
    call_command("load_demo", password="another-password")

    output = capsys.readouterr().out
    assert "nothing was created" in output
    assert "union_rep" in output and "another-password" in output

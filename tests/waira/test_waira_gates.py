"""The Bill's hard gates (R-WAIRA-INIT, R-CONS-INIT, G-TK-GO-LIVE): the move into deployment
and the start of high-risk decision-making, refused in every missing-piece combination, allowed on
the first permitted day and not the day before, driven by the worked examples."""

from __future__ import annotations

import datetime
import itertools

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core.selectors import timeline_for
from procurement import services as procurement_services
from procurement.selectors import exit_gate_for
from procurement.stages import Stage
from registers import services as register_services
from tests.data import legal_time_cases_by_id
from tests.procurement_helpers import case_at, meet_gate
from tests.waira_helpers import assessable_system, at_noon, complete_waira, complete_waira_on
from waira import services
from waira.gates import HighRiskStartFacts, high_risk_start_blockers

pytestmark = pytest.mark.django_db

CASES = legal_time_cases_by_id()


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def facts(completed: datetime.date | None, concluded: datetime.date | None) -> HighRiskStartFacts:
    return HighRiskStartFacts(
        system_id=1, system_name="RotaWise", waira_completed_on=completed,
        consultation_concluded_on=concluded,
    )  # fmt: skip


# --- The pure gate ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "concluded", "expected"),
    [
        (None, None, ["waira_initial", "consultation"]),
        (None, datetime.date(2025, 3, 15), ["waira_initial"]),
        (datetime.date(2025, 2, 20), None, ["consultation"]),
    ],
)
def test_every_missing_piece_is_named(completed, concluded, expected):
    blockers = high_risk_start_blockers(facts(completed, concluded), datetime.date(2030, 1, 1))
    assert [blocker.code for blocker in blockers] == expected


def test_waira_init_01_no_initial_waira_blocks():
    case = CASES["WAIRA-INIT-01"]
    start = d(case["inputs"]["planned_start"])
    blockers = high_risk_start_blockers(facts(None, None), start)
    assert case["expected"]["gate"] == "block"
    assert "waira_initial" in [blocker.code for blocker in blockers]


@pytest.mark.parametrize("case_id", ["TK-02", "CONS-01"])
def test_the_gate_opens_on_the_first_permitted_day_and_not_the_day_before(case_id):
    case = CASES[case_id]
    inputs = case["inputs"]
    concluded = d(inputs["consultation_completed"])
    completed = d(inputs.get("initial_waira_completed", inputs["consultation_completed"]))
    permitted = d(case["expected"]["gate" if case_id == "TK-02" else "gate_default"][-10:])
    planned = d(inputs.get("planned_go_live") or inputs["planned_start"])
    the_day_before = permitted - datetime.timedelta(days=1)
    assert planned <= the_day_before  # the planned go-live itself is refused

    refused = high_risk_start_blockers(facts(completed, concluded), the_day_before)
    assert [blocker.code for blocker in refused] == ["consultation_month"]
    assert refused[0].earliest == permitted
    assert "16 April 2025" in str(refused[0])
    assert high_risk_start_blockers(facts(completed, concluded), permitted) == []


# --- The case's move into deployment (G-TK-GO-LIVE) ------------------------------------------


@pytest.fixture
def case_in_development(commissioner, organisation, union_rep):
    with time_machine.travel(at_noon(datetime.date(2025, 2, 1)), tick=False):
        case = case_at(Stage.DEVELOPMENT, commissioner, organisation, union_rep)
        system = assessable_system(
            commissioner, organisation, planned_start=datetime.date(2025, 4, 15)
        )
        procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
        meet_gate(case, commissioner, union_rep)
    return case, system


def advance_on(day, commissioner, case):
    with time_machine.travel(at_noon(day), tick=False):
        return procurement_services.case_advance(actor=commissioner, case=case)


def test_go_live_is_refused_without_an_initial_waira_and_no_override_exists(
    commissioner, case_in_development
):
    case, _system = case_in_development
    with time_machine.travel(at_noon(datetime.date(2025, 6, 1)), tick=False):
        gate = exit_gate_for(case)
        assert {item.code for item in gate.hard_missing} == {
            "go_live_waira_initial",
            "go_live_consultation",
        }
        assert not gate.can_override
        with pytest.raises(procurement_services.GateRefused):
            procurement_services.case_advance(
                actor=commissioner, case=case, override_reason="We are in a hurry."
            )
    case.refresh_from_db()
    assert case.stage == Stage.DEVELOPMENT
    assert timeline_for(case).filter(kind="gate_refused").count() == 1
    assert timeline_for(case).filter(kind="gate_overridden").count() == 0


def test_go_live_is_refused_while_the_waira_is_still_being_consulted_on(
    commissioner, case_in_development
):
    case, system = case_in_development
    with time_machine.travel(at_noon(datetime.date(2025, 3, 1)), tick=False):
        waira = services.waira_create(actor=commissioner, system=system)
    with pytest.raises(procurement_services.GateRefused) as refused:
        advance_on(datetime.date(2025, 6, 1), commissioner, case)
    assert {item.code for item in refused.value.result.missing} == {
        "go_live_waira_initial",
        "go_live_consultation",
    }
    assert waira.pk


def test_tk_02_go_live_opens_a_clear_month_after_the_consultation(
    commissioner, case_in_development
):
    """TK-02: consultation concluded 15 Mar 2025: refused on 15 Apr, allowed on 16 Apr."""
    case, system = case_in_development
    complete_waira_on(commissioner, system, datetime.date(2025, 3, 15))
    with pytest.raises(procurement_services.GateRefused) as refused:
        advance_on(datetime.date(2025, 4, 15), commissioner, case)
    (item,) = refused.value.result.missing
    assert item.code == "go_live_consultation_month"
    assert "16 April 2025" in str(item) and "15 March 2025" in str(item)
    event = timeline_for(case).filter(kind="gate_refused").last()
    assert event is not None
    assert event.data["missing"] == ["go_live_consultation_month"]

    case = advance_on(datetime.date(2025, 4, 16), commissioner, case)
    assert case.stage == Stage.DEPLOYMENT


def test_systems_not_used_in_high_risk_decisions_do_not_need_a_waira(
    commissioner, organisation, union_rep
):
    case = case_at(Stage.DEPLOYMENT, commissioner, organisation, union_rep)
    assert case.stage == Stage.DEPLOYMENT


# --- Recording the start of high-risk decision-making ----------------------------------------


@pytest.fixture
def system(commissioner, organisation):
    with time_machine.travel(at_noon(datetime.date(2025, 3, 1)), tick=False):
        return assessable_system(
            commissioner, organisation, planned_start=datetime.date(2025, 4, 16)
        )


def record_start(commissioner, system, started_on, today):
    with time_machine.travel(at_noon(today), tick=False):
        return services.high_risk_start_record(
            actor=commissioner, system=system, started_on=started_on
        )


@pytest.mark.parametrize("with_waira", [False, True])
def test_recording_a_start_before_the_permitted_day_is_refused_and_kept_on_the_timeline(
    commissioner, system, with_waira
):
    if with_waira:
        complete_waira_on(commissioner, system, datetime.date(2025, 3, 15))
    with pytest.raises(services.HighRiskStartRefused) as refused:
        record_start(commissioner, system, datetime.date(2025, 4, 15), datetime.date(2025, 5, 1))
    codes = [blocker.code for blocker in refused.value.blockers]
    assert codes == (["consultation_month"] if with_waira else ["waira_initial", "consultation"])
    system.refresh_from_db()
    assert system.first_use is None
    event = timeline_for(system).get(kind="high_risk_start_refused")
    assert event.data["missing"] == codes
    assert event.data["earliest"] == ("2025-04-16" if with_waira else None)


def test_recording_the_start_on_the_first_permitted_day_is_allowed(commissioner, system):
    complete_waira_on(commissioner, system, datetime.date(2025, 3, 15))
    system = record_start(
        commissioner, system, datetime.date(2025, 4, 16), datetime.date(2025, 4, 16)
    )
    assert system.first_use == datetime.date(2025, 4, 16)
    assert timeline_for(system).filter(kind="high_risk_start_recorded").count() == 1


def test_a_start_in_the_future_cannot_be_recorded(commissioner, system):
    complete_waira_on(commissioner, system, datetime.date(2025, 3, 15))
    with pytest.raises(ValidationError):
        record_start(commissioner, system, datetime.date(2025, 5, 2), datetime.date(2025, 5, 1))


def test_high_risk_use_cannot_start_by_editing_the_system(commissioner, organisation, system):
    complete_waira(commissioner, system)
    fields = {
        "name": system.name,
        "supplier": system.supplier,
        "description": system.description,
        "value_chain": system.value_chain,
        "decision_categories": list(system.decision_categories.all()),
        "planned_start": system.planned_start,
        "end_of_use": None,
    }
    with pytest.raises(ValidationError) as refused:
        register_services.ai_system_update(
            actor=commissioner,
            system=system,
            used_in_high_risk_decision_making=True,
            first_use=datetime.date(2020, 1, 1),
            **fields,
        )
    assert "first_use" in refused.value.message_dict
    with pytest.raises(ValidationError):
        register_services.ai_system_create(
            actor=commissioner,
            organisation=organisation,
            name="Shortcut",
            used_in_high_risk_decision_making=True,
            first_use=datetime.date(2020, 1, 1),
        )


def test_a_system_already_in_use_cannot_become_high_risk_by_editing(commissioner, organisation):
    system = register_services.ai_system_create(
        actor=commissioner,
        organisation=organisation,
        name="Plain use",
        first_use=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError):
        register_services.ai_system_update(
            actor=commissioner,
            system=system,
            name=system.name,
            supplier="",
            description="",
            value_chain="",
            decision_categories=[],
            used_in_high_risk_decision_making=True,
            planned_start=None,
            first_use=system.first_use,
            end_of_use=None,
        )


@pytest.mark.parametrize(
    ("completed", "concluded"), list(itertools.product([None, "2025-02-20"], repeat=2))
)
def test_earliest_start_exists_only_once_both_are_done(completed, concluded):
    result = facts(completed and d(completed), concluded and d(concluded)).earliest_start
    assert (result is not None) == bool(completed and concluded)

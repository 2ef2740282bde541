"""Tender questions and weightings (issue 18): exactly 100, the toolkit's supplier questions by
default, the union's sign-off as a gate, and a change after it needing a reason."""

from dataclasses import replace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from core.selectors import timeline_for
from procurement import selectors as case_selectors
from procurement.gates import GateFacts, evaluate_exit_gate
from procurement.models import TenderQuestion, WeightingDecision
from procurement.stages import RiskLevel, Stage
from procurement.tender import selectors
from procurement.tender.services import (
    questions_offer_toolkit,
    weightings_sign_off,
    weights_set,
)
from procurement.toolkit_content import SUPPLIER_QUESTIONS
from tests.procurement_helpers import case_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def tender_case(commissioner, organisation, union_rep):
    case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
    questions_offer_toolkit(actor=commissioner, case=case)
    return case


def even_weights(case, total=100):
    """The first question carries the total (split with the second above 100)."""
    questions = list(case.tender_questions.order_by("id"))
    weights = {question.pk: 0 for question in questions}
    weights[questions[0].pk] = min(total, 100)
    weights[questions[1].pk] = total - min(total, 100)
    return weights


def test_the_toolkit_questions_are_offered_once_with_welsh(commissioner, tender_case):
    assert tender_case.tender_questions.count() == len(SUPPLIER_QUESTIONS)
    assert questions_offer_toolkit(actor=commissioner, case=tender_case) == 0
    question = tender_case.tender_questions.get(toolkit_key="workforce-development")
    with translation.override("cy"):
        assert question.text.startswith("Sut y byddwch yn cefnogi")


@pytest.mark.parametrize("total", [0, 99, 101, 150])
def test_weightings_that_do_not_add_up_to_100_are_refused(commissioner, tender_case, total):
    with pytest.raises(ValidationError) as refused:
        weights_set(actor=commissioner, case=tender_case, weights=even_weights(tender_case, total))
    assert "exactly 100" in " ".join(refused.value.messages)
    assert not tender_case.tender_questions.exclude(weight=0).exists()


def test_weightings_of_exactly_100_are_saved(commissioner, tender_case):
    weights = {
        question.pk: weight
        for question, weight in zip(
            tender_case.tender_questions.order_by("id"), [30, 25, 20, 15, 10], strict=True
        )
    }
    weights_set(actor=commissioner, case=tender_case, weights=weights)
    assert sum(tender_case.tender_questions.values_list("weight", flat=True)) == 100
    assert timeline_for(tender_case).filter(kind="weightings_set").exists()


def test_the_form_refuses_a_total_other_than_100_with_the_error_summary(
    client, procurement_officer, tender_case
):
    client.force_login(procurement_officer)
    questions = list(tender_case.tender_questions.order_by("order", "id"))
    data = {f"weight_{question.pk}": "10" for question in questions}  # 50
    response = client.post(reverse("procurement:tender_questions", args=[tender_case.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert f'href="#id_weight_{questions[0].pk}"' in html
    assert "add up to 50" in html
    assert 'value="10"' in html


def test_the_union_signs_off_and_a_later_change_needs_a_reason_and_asks_again(
    commissioner, union_rep, tender_case
):
    weights_set(actor=commissioner, case=tender_case, weights=even_weights(tender_case))
    weightings_sign_off(actor=union_rep, case=tender_case, comment="Agreed at the branch.")
    assert selectors.table_signed_off(tender_case)

    changed = even_weights(tender_case)
    first, second = list(changed)[:2]
    changed[first], changed[second] = 60, 40
    with pytest.raises(ValidationError) as refused:
        weights_set(actor=commissioner, case=tender_case, weights=changed)
    assert "reason" in refused.value.message_dict

    weights_set(
        actor=commissioner, case=tender_case, weights=changed, reason="Bidders asked for balance."
    )
    change = WeightingDecision.objects.get(kind=WeightingDecision.Kind.CHANGE)
    assert change.reason == "Bidders asked for balance."
    assert change.weights[str(first)] == 100  # the table as the union signed it off
    assert not selectors.table_signed_off(tender_case)
    weightings_sign_off(actor=union_rep, case=tender_case)
    assert selectors.table_signed_off(tender_case)


def test_only_an_assigned_union_representative_signs_off(commissioner, tender_case, union_rep):
    weights_set(actor=commissioner, case=tender_case, weights=even_weights(tender_case))
    with pytest.raises(PermissionDenied):
        weightings_sign_off(actor=commissioner, case=tender_case)
    with pytest.raises(PermissionDenied):
        weights_set(actor=union_rep, case=tender_case, weights=even_weights(tender_case))


def test_a_table_that_does_not_add_up_cannot_be_signed_off(union_rep, tender_case):
    with pytest.raises(ValidationError):
        weightings_sign_off(actor=union_rep, case=tender_case)


def test_the_tender_gate_waits_for_the_unions_sign_off_of_the_table(
    commissioner, union_rep, tender_case
):
    codes = [item.code for item in case_selectors.exit_gate_for(tender_case).missing]
    assert "weightings_total" in codes
    weights_set(actor=commissioner, case=tender_case, weights=even_weights(tender_case))
    gate = case_selectors.exit_gate_for(tender_case)
    assert [item.code for item in gate.hard_missing if item.code.startswith("weight")] == [
        "weightings_sign_off"
    ]
    weightings_sign_off(actor=union_rep, case=tender_case)
    codes = [item.code for item in case_selectors.exit_gate_for(tender_case).missing]
    assert not [code for code in codes if code.startswith("weight")]


FACTS = GateFacts(
    stage=Stage.TENDER_AWARD,
    commissioner_recorded=True,
    engagement_plan_given=True,
    risk_level=RiskLevel.LOW,
    risk_reasoning_given=True,
    union_representatives=1,
    worker_activities=1,
    approaches_used=frozenset({"specification-co-design"}),
    prompts_total=1,
    prompts_resolved=1,
    next_stage_carry_forward=True,
    union_decision=True,
    overridden=False,
    ai_systems_with_planned_start=1,
    tender_questions=5,
    tender_weight_total=100,
    weightings_signed_off=False,
    award_recorded=True,
)


@pytest.mark.parametrize(
    ("level", "hard"), [(RiskLevel.LOW, False), (RiskLevel.MEDIUM, True), (RiskLevel.HIGH, True)]
)
def test_the_table_sign_off_is_as_hard_as_the_unions_word_at_the_level(level, hard):
    result = evaluate_exit_gate(replace(FACTS, risk_level=level))
    assert [(item.code, item.hard) for item in result.missing] == [("weightings_sign_off", hard)]


def test_a_case_with_no_tender_questions_has_no_table_to_sign_off():
    assert evaluate_exit_gate(replace(FACTS, tender_questions=0, tender_weight_total=0)).met


def test_the_question_table_page_reaches_sign_off_by_clicking(
    client, commissioner, union_rep, tender_case
):
    weights_set(actor=commissioner, case=tender_case, weights=even_weights(tender_case))
    client.force_login(union_rep)
    page = client.get(reverse("procurement:tender_questions", args=[tender_case.pk]))
    sign_off = reverse("procurement:weightings_sign_off", args=[tender_case.pk])
    assert sign_off in page.content.decode()
    assert client.post(sign_off, {"comment": ""}).status_code == 302
    assert TenderQuestion.objects.filter(case=tender_case).count() == len(SUPPLIER_QUESTIONS)
    assert selectors.table_signed_off(tender_case)

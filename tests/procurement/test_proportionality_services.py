"""The risk questionnaire through its service and page (ADR 0016): it sets the level with its
reasoning; grading again needs a reason; the level never goes down silently."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.selectors import timeline_for
from procurement import services
from procurement.models import ProcurementCase, RiskGrading
from procurement.proportionality.services import risk_grade
from procurement.stages import RiskLevel, Stage
from registers.models import DecisionCategory
from tests.procurement_helpers import case_at, new_case

pytestmark = pytest.mark.django_db

LOW_ANSWERS: dict[str, Any] = {
    "decision_categories": [],
    "workers_affected": 10,
    "protected_characteristics": "no",
    "automation": "informs",
    "reversibility": "easily",
}


def high_answers() -> dict[str, Any]:
    return {
        **LOW_ANSWERS,
        "decision_categories": list(DecisionCategory.objects.all()[:1]),
        "automation": "decides",
    }


def test_the_first_answers_set_the_level_and_write_the_reasoning(commissioner, organisation):
    case = new_case(commissioner, organisation, risk_level="")
    services.case_update(
        actor=commissioner,
        case=case,
        title=case.title,
        summary=case.summary,
        engagement_plan=case.engagement_plan,
        risk_level="",
        risk_reasoning="",
    )

    grading = risk_grade(actor=commissioner, case=case, **high_answers())

    case.refresh_from_db()
    assert (grading.level, grading.previous_level) == (RiskLevel.HIGH, "")
    assert case.risk_level == RiskLevel.HIGH
    assert "without a person" in case.risk_reasoning
    assert timeline_for(case).filter(kind="risk_graded").exists()


def test_grading_again_needs_a_reason(commissioner, organisation):
    case = new_case(commissioner, organisation)  # medium, set by hand
    with pytest.raises(ValidationError) as refused:
        risk_grade(actor=commissioner, case=case, **high_answers())
    assert "reason" in refused.value.message_dict
    assert not RiskGrading.objects.exists()


def test_a_lower_level_is_refused_until_confirmed(commissioner, organisation):
    case = new_case(commissioner, organisation)  # medium
    with pytest.raises(ValidationError) as refused:
        risk_grade(actor=commissioner, case=case, reason="Scope cut to one team.", **LOW_ANSWERS)
    assert "confirm_lower" in refused.value.message_dict
    assert ProcurementCase.objects.get(pk=case.pk).risk_level == RiskLevel.MEDIUM


def test_a_confirmed_lower_level_keeps_both_levels_and_the_reason(commissioner, organisation):
    case = new_case(commissioner, organisation)
    grading = risk_grade(
        actor=commissioner,
        case=case,
        reason="Scope cut to one team.",
        confirm_lower=True,
        **LOW_ANSWERS,
    )
    assert (grading.previous_level, grading.level) == (RiskLevel.MEDIUM, RiskLevel.LOW)
    event = timeline_for(case).get(kind="risk_lowered")
    assert event.reason == "Scope cut to one team."
    assert event.data["previous"] == RiskLevel.MEDIUM


def test_a_later_stage_can_grade_again_up(commissioner, organisation, union_rep):
    case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
    grading = risk_grade(
        actor=commissioner, case=case, reason="Bids show it will decide alone.", **high_answers()
    )
    assert (grading.stage, grading.level) == (Stage.TENDER_AWARD, RiskLevel.HIGH)
    assert timeline_for(case).filter(kind="risk_regraded").exists()


def test_an_oversight_member_may_grade_again_and_a_union_rep_may_not(
    commissioner, organisation, union_rep, oversight_member
):
    case = new_case(commissioner, organisation, union_rep)
    with pytest.raises(PermissionDenied):
        risk_grade(actor=union_rep, case=case, reason="x", **high_answers())
    risk_grade(actor=oversight_member, case=case, reason="Review found more.", **high_answers())
    assert ProcurementCase.objects.get(pk=case.pk).risk_level == RiskLevel.HIGH


def test_the_case_form_cannot_lower_a_level_the_questionnaire_set(commissioner, organisation):
    case = new_case(commissioner, organisation)
    risk_grade(actor=commissioner, case=case, reason="Answers given.", **high_answers())
    case.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.case_update(
            actor=commissioner,
            case=case,
            title=case.title,
            summary=case.summary,
            engagement_plan=case.engagement_plan,
            risk_level=RiskLevel.LOW,
            risk_reasoning=case.risk_reasoning,
        )
    assert "risk_level" in refused.value.message_dict


def test_the_page_shows_the_error_summary_and_keeps_the_answers(
    client, procurement_officer, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    client.force_login(procurement_officer)
    url = reverse("procurement:risk_questionnaire", args=[case.pk])
    response = client.post(url, {**LOW_ANSWERS, "workers_affected": "4000", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_reason"' in html
    assert 'value="4000"' in html


def test_the_page_sets_the_level_and_shows_the_table(
    client, procurement_officer, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    client.force_login(procurement_officer)
    url = reverse("procurement:risk_questionnaire", args=[case.pk])
    data = {
        **LOW_ANSWERS,
        "decision_categories": [DecisionCategory.objects.values_list("pk", flat=True)[0]],
        "automation": "decides",
        "reason": "Supplier confirmed it rejects shifts itself.",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Hard gate: cannot be overridden" in page
    assert "Supplier confirmed it rejects shifts itself." in page


def test_hostile_answers_are_refused_not_a_500(
    client, procurement_officer, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    client.force_login(procurement_officer)
    url = reverse("procurement:risk_questionnaire", args=[case.pk])
    response = client.post(
        url,
        {
            "decision_categories": ["x", "999999"],
            "workers_affected": "-1",
            "automation": "<script>",
            "reversibility": "",
            "protected_characteristics": "maybe",
        },
    )
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.content.decode()

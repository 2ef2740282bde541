"""Bad input gets the GOV.UK error summary and keeps what was typed; good input is saved."""

import datetime

import pytest
from django.urls import reverse

from procurement.models import EngagementActivity, EngagementApproach, ProcurementCase
from tests.procurement_helpers import new_case, today

pytestmark = pytest.mark.django_db


def test_an_empty_case_form_lists_each_problem_and_keeps_what_was_typed(client, commissioner):
    client.force_login(commissioner)
    response = client.post(
        reverse("procurement:case_create"),
        {"title": "Rota assistant", "summary": "", "risk_level": "high", "risk_reasoning": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_summary"' in html
    assert 'href="#id_risk_reasoning"' in html
    assert 'value="Rota assistant"' in html
    assert not ProcurementCase.objects.exists()


def test_an_engagement_in_the_future_is_refused_with_the_reason_on_the_date(
    client, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    client.force_login(commissioner)
    tomorrow = today() + datetime.timedelta(days=1)
    typed = {
        "held_on_day": str(tomorrow.day),
        "held_on_month": str(tomorrow.month),
        "held_on_year": str(tomorrow.year),
        "worker_groups": "Night shift",
        "worker_count": "12",
        "issues_raised": "Breaks are not counted.",
    }
    typed["approach"] = str(EngagementApproach.objects.get(key="worker-survey").pk)
    response = client.post(reverse("procurement:activity_create", args=[case.pk]), typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="#id_held_on_day"' in html
    assert "The date must be today or in the past." in html
    assert "Breaks are not counted." in html
    assert f'value="{tomorrow.year}"' in html
    assert not EngagementActivity.objects.exists()


def test_a_date_that_does_not_exist_is_refused_and_kept(client, commissioner, organisation):
    case = new_case(commissioner, organisation)
    client.force_login(commissioner)
    response = client.post(
        reverse("procurement:activity_create", args=[case.pk]),
        {"held_on_day": "31", "held_on_month": "2", "held_on_year": "2026"},
    )
    html = response.content.decode()
    assert "Enter a real date" in html
    assert 'value="31"' in html


def test_a_prompt_needs_an_answer_or_a_reason(client, commissioner, organisation):
    case = new_case(commissioner, organisation)
    client.force_login(commissioner)
    url = reverse("procurement:prompt_respond", args=[case.pk, "priority-challenges"])
    response = client.post(url, {"not_applicable": "on", "not_applicable_reason": ""})
    assert "Say why the prompt does not apply to this case." in response.content.decode()
    response = client.post(url, {"agreed_position": "Missed visits are the priority."})
    assert response.status_code == 302
    assert case.prompt_responses.get().agreed_position == "Missed visits are the priority."


def test_a_prompt_of_another_stage_is_not_found(client, commissioner, organisation):
    case = new_case(commissioner, organisation)
    client.force_login(commissioner)
    url = reverse("procurement:prompt_respond", args=[case.pk, "interoperability"])
    assert client.get(url).status_code == 404


def test_a_refused_move_shows_what_is_missing_in_the_error_summary(
    client, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    client.force_login(commissioner)
    response = client.post(reverse("procurement:case_advance", args=[case.pk]), {})
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert "Assign at least one union representative to the case." in html
    assert "A union representative must sign off or record dissent." in html

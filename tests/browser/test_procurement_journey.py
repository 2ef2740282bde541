"""A commissioner takes a case through planning with a union representative's sign-off."""

import pytest

from core.roles import Role
from procurement.models import ProcurementCase
from procurement.stages import Stage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_case_moves_to_tender_and_award_with_worker_voice(visit, user_with_role):
    commissioner = user_with_role(Role.COMMISSIONER, username="ceri")
    user_with_role(
        Role.UNION_REPRESENTATIVE, username="dafydd", first_name="Dafydd", last_name="Rees"
    )

    ceri = visit()
    ceri.sign_in("ceri")
    ceri.goto("/cases/new/")
    ceri.submit("Create the case")  # empty: the error summary, nothing lost
    assert ceri.page.locator(".govuk-error-summary").is_visible()
    ceri.page.fill("#id_title", "Rostering assistant for home care")
    ceri.page.fill("#id_summary", "Allocates visits to 400 home-care workers.")
    ceri.page.fill("#id_engagement_plan", "All home-care workers, including disabled staff.")
    ceri.page.check("#id_risk_level_1")  # medium
    ceri.submit("Create the case")
    assert ceri.page.locator(".govuk-error-summary").is_visible()  # reasoning is required
    assert ceri.page.input_value("#id_title") == "Rostering assistant for home care"
    ceri.page.fill("#id_risk_reasoning", "It allocates work, so it affects pay.")
    ceri.submit("Create the case")
    case = ProcurementCase.objects.get(commissioner=commissioner)
    case_path = f"/cases/{case.pk}/"
    assert ceri.page.url.endswith(case_path)

    ceri.page.get_by_role("link", name="Change union representatives").click()
    ceri.check()
    ceri.page.select_option("#id_representative", label="Dafydd Rees")
    ceri.submit("Assign")

    ceri.goto(f"{case_path}engagement/new/")
    ceri.page.get_by_label("Surveys of workers to identify pain points").check()
    ceri.page.fill("#id_held_on_day", "3")
    ceri.page.fill("#id_held_on_month", "11")
    ceri.page.fill("#id_held_on_year", "2026")
    ceri.page.fill("#id_worker_groups", "Home-care workers on day and night rotas")
    ceri.page.fill("#id_worker_count", "87")
    ceri.page.check("#id_union_involved")
    ceri.page.fill("#id_union_involvement", "UNISON branch co-designed the survey.")
    ceri.page.fill("#id_issues_raised", "Travel time between visits is never counted.")
    ceri.page.fill("#id_employer_response", "Travel time is a requirement in the specification.")
    ceri.submit("Save the engagement")

    for prompt_key in (
        "priority-challenges",
        "specific-risks",
        "proportional-approach",
        "fair-work-features",
    ):
        ceri.goto(f"{case_path}prompts/{prompt_key}/")
        ceri.page.fill("#id_agreed_position", f"Agreed with the branch on {prompt_key}.")
        ceri.submit("Save the answer")

    ceri.goto(f"{case_path}carry-forward/{Stage.TENDER_AWARD}/")
    assert "priority challenges" in ceri.page.input_value("#id_agreed_at_previous_stage")
    ceri.page.fill("#id_what_has_changed", "The survey added travel time as a requirement.")
    ceri.page.fill("#id_participants", "Dafydd Rees (UNISON); 87 home-care workers.")
    ceri.submit("Save the record")

    ceri.goto(f"{case_path}advance/")
    ceri.submit("Move to Tender and award")
    assert "A union representative must sign off" in ceri.page.inner_text(".govuk-error-summary")

    dafydd = visit(viewport={"width": 390, "height": 844})  # on a phone
    dafydd.sign_in("dafydd")
    dafydd.page.get_by_role("link", name="Sign off or record dissent: Rostering assistant").click()
    dafydd.check()
    dafydd.page.get_by_label("Sign off: the worker-voice evidence is there").check()
    dafydd.page.fill("#id_reason", "The survey reached night staff.")
    dafydd.submit("Record my decision")

    ceri.goto(f"{case_path}advance/")
    ceri.submit("Move to Tender and award")
    case.refresh_from_db()
    assert case.stage == Stage.TENDER_AWARD
    assert "Tender and award" in ceri.page.inner_text(".govuk-tag >> nth=0")
    assert len(ceri.checked) + len(dafydd.checked) >= 15


def test_the_pages_are_in_welsh_after_the_switch(visit, user_with_role):
    user_with_role(Role.COMMISSIONER, username="ceri")
    ceri = visit(viewport={"width": 320, "height": 640})  # the narrowest phone WCAG asks for
    ceri.sign_in("ceri")
    ceri.page.get_by_role("button", name="Cymraeg").click()
    ceri.check()
    assert ceri.page.locator("html").get_attribute("lang") == "cy"
    assert "Dangosfwrdd" in ceri.page.inner_text("nav")
    ceri.page.get_by_role("button", name="English").click()
    ceri.check()
    assert "Dashboard" in ceri.page.inner_text("nav")


def test_a_case_can_be_started_and_its_gate_read_without_javascript(visit, user_with_role):
    user_with_role(Role.COMMISSIONER, username="ceri")
    ceri = visit(javascript=False)
    ceri.sign_in("ceri")
    ceri.goto("/cases/new/")
    ceri.page.fill("#id_title", "Absence analytics")
    ceri.page.fill("#id_summary", "Flags absence patterns for managers.")
    ceri.submit("Create the case")
    assert "Absence analytics" in ceri.page.inner_text("h1")
    ceri.page.get_by_role("button", name="Move to Tender and award").click()
    ceri.submit("Move to Tender and award")
    summary = ceri.page.inner_text(".govuk-error-summary")
    assert "Set the risk level and explain why it is proportionate." in summary
    assert ProcurementCase.objects.get().stage == Stage.PLANNING

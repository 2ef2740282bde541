"""A procurement officer (the case's commissioner) takes a case from its specification to the
award by clicking only, with axe on every page, in English and in Welsh (issue 18, ADR 0017).
The union's sign-off, the panel's declarations and the panel's scores are other people's acts,
done through the services."""

import pytest
from django.urls import reverse

from core.roles import Role
from procurement.bids import services as bid_services
from procurement.bids_models import Award, PanelMember
from procurement.models import ProcurementCase
from procurement.stages import Stage
from procurement.tender import services as tender_services
from tests.procurement_helpers import case_at

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def click(visitor, url_name: str, *args) -> None:
    """Click the link in the page's main content that leads to `url_name` (no URL is typed)."""
    visitor.page.locator(f"main a[href='{reverse(url_name, args=args)}']").first.click()
    visitor.check()


def press(visitor) -> None:
    """Press the form's button, whatever the page's language."""
    visitor.page.locator("main form button.govuk-button").first.click()
    visitor.check()


def fill_date(visitor, name: str) -> None:
    visitor.page.fill(f"#id_{name}_day", "2")
    visitor.page.fill(f"#id_{name}_month", "12")
    visitor.page.fill(f"#id_{name}_year", "2026")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_an_officer_goes_from_specification_to_award_by_clicking(
    visit, user_with_role, organisation, language
):
    officer = user_with_role(Role.COMMISSIONER, username="ceri", first_name="Ceri")
    rep = user_with_role(Role.UNION_REPRESENTATIVE, first_name="Dafydd", last_name="Rees")
    worker = user_with_role(Role.WORKER, first_name="Dylan", last_name="Hughes")
    colleague = user_with_role(Role.PROCUREMENT_OFFICER, first_name="Nia", last_name="Evans")
    case = case_at(Stage.TENDER_AWARD, officer, organisation, rep)

    ceri = visit()
    ceri.sign_in("ceri")
    if language == "cy":
        ceri.page.get_by_role("button", name="Cymraeg").click()
        ceri.check()
        assert ceri.page.locator("html").get_attribute("lang") == "cy"
    click(ceri, "procurement:case_detail", case.pk)

    # The specification: one requirement, set with workers.
    click(ceri, "procurement:specification", case.pk)
    click(ceri, "procurement:requirement_create", case.pk)
    ceri.page.locator("#id_kind_0").check()
    ceri.page.fill("#id_text", "Travel time between visits is a hard constraint.")
    ceri.page.locator("#id_proposed_by_0").check()
    ceri.page.fill("#id_concern", "Carers lose unpaid time between visits.")
    press(ceri)
    assert case.requirements.count() == 1

    # Two tender questions, weighted 70 and 30.
    ceri.page.locator("main a.govuk-back-link").click()
    ceri.check()
    click(ceri, "procurement:tender_questions", case.pk)
    for text in ("How will workers shape the rota rules?", "How will you support Welsh?"):
        click(ceri, "procurement:question_create", case.pk)
        ceri.page.fill("#id_text_en", text)
        press(ceri)
    first, second = case.tender_questions.order_by("id")
    ceri.page.fill(f"#id_weight_{first.pk}", "70")
    ceri.page.fill(f"#id_weight_{second.pk}", "30")
    press(ceri)
    assert sorted(case.tender_questions.values_list("weight", flat=True)) == [30, 70]
    tender_services.weightings_sign_off(actor=rep, case=case)  # the union's act

    # Bids: three suppliers; a bad Companies House number first (nothing typed is lost).
    ceri.page.locator("main a.govuk-back-link").click()
    ceri.check()
    click(ceri, "procurement:bid_assessment", case.pk)
    suppliers = [
        ("Rota Cymru Ltd", "01234567"),
        ("Shift Ltd", "SC123456"),
        ("Gofal Data Ltd", "07654321"),
    ]
    for index, (name, number) in enumerate(suppliers):
        click(ceri, "procurement:bid_create", case.pk)
        ceri.page.fill("#id_supplier_name", name)
        ceri.page.fill("#id_companies_house_number", "12AB" if index == 0 else number)
        fill_date(ceri, "received_on")
        ceri.page.fill("#id_summary", f"{name}'s answer to the tender.")
        press(ceri)
        if index == 0:
            assert ceri.page.locator(".govuk-error-summary").is_visible()
            assert ceri.page.input_value("#id_supplier_name") == name
            ceri.page.fill("#id_companies_house_number", number)
            press(ceri)
    assert case.bids.count() == 3

    # The panel: a worker, the union representative and a colleague from procurement.
    for person, role in ((worker, 0), (rep, 1), (colleague, 2)):
        click(ceri, "procurement:panel_member_add", case.pk)
        ceri.page.select_option("#id_person", label=person.get_full_name())
        ceri.page.locator(f"#id_panel_role_{role}").check()
        press(ceri)
    for member in PanelMember.objects.filter(case=case):  # each member's own act
        bid_services.conflict_declare(actor=member.person, member=member, has_conflict=False)

    ceri.page.reload()
    ceri.check()
    click(ceri, "procurement:scoring_open", case.pk)
    press(ceri)
    questions = [first, second]
    own = {worker: (8, 6, 4), rep: (7, 7, 5), colleague: (9, 6, 5)}
    for person, values in own.items():  # blind: each member's own scores
        for bid, value in zip(case.bids.order_by("supplier__name"), values, strict=True):
            bid_services.scores_save(
                actor=person, bid=bid, scores={q.pk: (value, "") for q in questions}
            )
        bid_services.scores_submit(actor=person, case=case)

    # Moderation, by clicking each bid's each question.
    ceri.page.reload()
    ceri.check()
    for bid in case.bids.order_by("supplier__name"):
        for question in questions:
            click(ceri, "procurement:moderate", case.pk, bid.pk, question.pk)
            ceri.page.fill(
                "#id_agreed_score", "7" if bid.supplier.name == "Gofal Data Ltd" else "6"
            )
            ceri.page.fill("#id_reason", "Agreed at the moderation meeting.")
            press(ceri)
    assert "70.00" in ceri.page.inner_text("main")

    click(ceri, "procurement:award_record", case.pk)
    ceri.page.get_by_label("Gofal Data Ltd").check()
    fill_date(ceri, "decided_on")
    ceri.page.fill("#id_reasons", "The highest weighted total, and the panel agreed it.")
    press(ceri)
    award = Award.objects.get(case=case)
    assert award.bid.supplier.name == "Gofal Data Ltd"

    ceri.page.locator("main a.govuk-back-link").click()
    ceri.check()
    assert ProcurementCase.objects.get(pk=case.pk).stage == Stage.TENDER_AWARD
    assert "Gofal Data Ltd" in ceri.page.inner_text("main")
    assert len(ceri.checked) >= 25

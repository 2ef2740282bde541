"""A jobseeker on a phone finds an AI system in the public register, reads its entry, and reads
it in Welsh and back in English: no sign-in, and axe finds nothing on any page."""

import datetime

import pytest

from core.roles import Role
from tests.register_helpers import published_entry, register_system, waira_completed

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 667}


def test_an_anonymous_visitor_filters_reads_and_switches_language(
    visit, organisation, other_organisation, user_with_role
):
    commissioner = user_with_role(Role.COMMISSIONER)
    other = user_with_role(Role.COMMISSIONER, organisation=other_organisation)
    rota = register_system(
        commissioner, organisation, first_use=datetime.date(2025, 1, 6), name="RotaWise"
    )
    waira_completed(rota, datetime.date(2024, 12, 1))
    published_entry(commissioner, rota, name_cy="RotaDoeth")
    screen = register_system(
        other,
        other_organisation,
        first_use=datetime.date(2025, 2, 3),
        name="ScreenSure",
        categories=("recruitment",),
    )
    published_entry(other, screen)

    visitor = visit(viewport=PHONE)
    visitor.goto("/")
    visitor.page.get_by_role(
        "link", name="Register of AI systems used in decisions about workers"
    ).click()
    visitor.check()
    assert visitor.page.get_by_role("link", name="ScreenSure").is_visible()

    visitor.page.get_by_label("Decision").select_option(label="Recruitment")
    visitor.submit("Show entries")
    assert visitor.page.get_by_role("link", name="ScreenSure").is_visible()
    assert visitor.page.get_by_role("link", name="RotaWise").count() == 0

    visitor.page.get_by_role("link", name="Clear filters").click()
    visitor.check()
    visitor.page.get_by_label("Search").fill("rota")
    visitor.submit("Show entries")
    visitor.page.get_by_role("link", name="RotaWise").click()
    visitor.check()
    entry_url = visitor.page.url
    assert visitor.page.get_by_role("heading", level=1).inner_text() == "RotaWise"
    assert visitor.page.get_by_text("Review overdue").is_visible()

    visitor.page.get_by_role("button", name="Cymraeg").click()
    visitor.check()
    assert visitor.page.url == entry_url
    assert visitor.page.get_by_role("heading", level=1).inner_text() == "RotaDoeth"
    assert visitor.page.locator("html").get_attribute("lang") == "cy"
    assert visitor.page.get_by_text("Newidiadau i'r cofnod hwn").is_visible()  # the change log

    visitor.page.get_by_role("button", name="English").click()
    visitor.check()
    assert visitor.page.url == entry_url
    assert visitor.page.get_by_role("heading", level=1).inner_text() == "RotaWise"

    visitor.goto("/register/open-data/")
    assert len(visitor.checked) >= 7

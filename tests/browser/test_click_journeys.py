"""Issue 14: for each role, a journey that starts at the dashboard and reaches every action of
that role by clicking only, in English and in Welsh, at desktop and at 320px, with axe.

The trails are planned by reading the pages the person is shown (tests/click_paths.py: breadth
first through their links, from the dashboard); the role's main actions must all be on them. The
browser then follows every trail by clicking the link on each page (opening the phone's menu when
the link is behind it) and going Back to branch, so no address is ever typed after signing in.
Each kind of page reached is checked with axe and for reflow in each language and width.
tests/cross_app/test_every_page_linked.py checks that every page the permission matrix allows a
role is linked; this test proves the links work in a browser for a person using them.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from core.models import User
from core.roles import Role
from tests.browser.test_every_page import pages  # noqa: F401  (the world, as a fixture)
from tests.click_paths import page_name, trails

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1100, "height": 900}
PHONE = {"width": 320, "height": 640}
PER_NAME = 1  # a page of each kind stands for the rest: the browser clicks one of each

# Each role's main actions: the pages of the forms and lists it uses, for the objects the world
# of test_every_page.py holds (the permission matrix gives the whole list; see the module's
# docstring).
EXPECTED = {
    "ceri": {  # a commissioner
        "core:notification_list",
        "core:your_information",
        "procurement:case_list",
        "procurement:case_create",
        "procurement:case_detail",
        "procurement:case_edit",
        "procurement:union_representatives",
        "procurement:activity_create",
        "procurement:prompt_respond",
        "procurement:case_advance",
        "procurement:case_cancel",
        "procurement:case_systems",
        "registers:system_list",
        "registers:system_create",
        "registers:system_detail",
        "registers:entry_list",
        "waira:waira_list",
        "waira:waira_detail",
        "waira:waira_edit",
        "oversight:dashboard",
        "oversight:governance",
        "oversight:incident_list",
        "oversight:incident_report",
        "accountability:failure_list",
    },
    "gwen": {  # a procurement officer
        "core:notification_list",
        "procurement:case_list",
        "procurement:case_detail",
        "procurement:activity_create",
        "procurement:prompt_respond",
        "registers:system_list",
        "waira:waira_list",
        "waira:waira_detail",
        "oversight:dashboard",
        "oversight:incident_report",
    },
    "dafydd": {  # the case's union representative
        "core:notification_list",
        "procurement:case_list",
        "procurement:case_detail",
        "procurement:activity_create",
        "waira:waira_list",
        "waira:waira_detail",
        "rights_requests:figures",
        "oversight:dashboard",
        "oversight:governance",
        "oversight:incident_report",
    },
    "bethan": {  # an oversight member
        "core:notification_list",
        "procurement:case_list",
        "procurement:case_detail",
        "waira:waira_list",
        "registers:entry_list",
        "oversight:dashboard",
        "oversight:governance",
        "oversight:member_add",
        "oversight:meeting_create",
        "oversight:incident_list",
    },
    "dylan": {  # a worker consulted on two WAIRAs
        "core:notification_list",
        "core:your_information",
        "waira:consultation_list",
        "waira:consultation_detail",
        "rights_requests:request_list",
        "rights_requests:request_create",
        "oversight:incident_report",
    },
    "sian": {  # the organisation's administrator
        "core:notification_list",
        "core:administration",
        "core:organisation_detail",
        "core:member_add",
        "procurement:case_list",
        "procurement:case_detail",
        "registers:system_list",
        "registers:entry_list",
        "waira:waira_list",
        "rights_requests:queue",
        "rights_requests:figures",
        "rights_requests:contact_list",
        "rights_requests:contact_create",
        "rights_requests:request_log",
        "oversight:dashboard",
        "oversight:governance",
        "oversight:meeting_create",
        "oversight:incident_list",
    },
}


class Journey:
    """One person in one language and window, clicking along planned trails."""

    def __init__(self, person: Any, viewport: dict[str, int]) -> None:
        self.person = person
        self.page = person.page
        self.phone = viewport == PHONE
        self.at: list[str] = []  # the trail of the page the browser shows
        self.checked: set[str] = {"core:dashboard"}

    def click(self, href: str) -> None:
        """Click the link to `href` on this page, opening the phone's menu if it is behind it."""
        link = self.page.locator(f'a[href="{href}"]').first
        assert link.count(), f"no link to {href} on {self.page.url}"
        if not link.is_visible():
            toggle = self.page.locator(".govuk-service-navigation__toggle")
            if toggle.count() and toggle.is_visible():
                toggle.click()
        with self.page.expect_navigation() as navigation:
            link.click()
        response = navigation.value
        assert response is None or response.status < 400, (href, response.status)
        name = page_name(self.page.url.split("#")[0].removeprefix(self.person.base_url))
        if name is not None and name not in self.checked:
            self.checked.add(name)
            self.person.check()

    def follow(self, trail: list[str]) -> None:
        """From the page shown, Back to where `trail` branches off, then click along it."""
        shared = 0
        while shared < min(len(trail), len(self.at)) and trail[shared] == self.at[shared]:
            shared += 1
        for _ in range(len(self.at) - shared):
            self.page.go_back()
            self.page.wait_for_load_state("load")
        self.at = self.at[:shared]
        for href in trail[shared:]:
            self.click(href)
            self.at.append(href)


def switch_to_welsh(person: Any) -> None:
    toggle = person.page.locator(".govuk-service-navigation__toggle")
    button = person.page.get_by_role("button", name="Cymraeg")
    if not button.is_visible() and toggle.count() and toggle.is_visible():
        toggle.click()
    button.click()
    person.page.wait_for_load_state("load")
    assert person.page.locator("html").get_attribute("lang") == "cy"


@pytest.mark.parametrize("username", list(EXPECTED))
def test_every_action_of_a_role_is_reached_by_clicking(
    visit,
    pages,  # noqa: F811  (the imported fixture)
    user_with_role,
    username,
):
    user_with_role(Role.PROCUREMENT_OFFICER, username="gwen")
    client = Client()
    client.force_login(User.objects.get(username=username))
    planned = trails(client, "/dashboard/", per_name=PER_NAME)
    missing = sorted(EXPECTED[username] - set(planned))
    assert missing == [], f"{username} is shown no link to {missing}"
    ordered = sorted(planned.values())  # a depth-first walk: shared beginnings stay shared
    for language in ("en", "cy"):
        for viewport in (DESKTOP, PHONE):
            person = visit(viewport=viewport)
            person.sign_in(username)
            assert page_name(person.page.url.removeprefix(person.base_url)) == "core:dashboard"
            if language == "cy":
                switch_to_welsh(person)
            journey = Journey(person, viewport)
            for trail in ordered:
                journey.follow(trail)
            assert journey.checked >= EXPECTED[username] | {"core:dashboard"}, (language, viewport)

"""No page breaks the Content-Security-Policy in a real browser: chromium reports every script,
style or other resource the policy refused, both as a `securitypolicyviolation` event and on the
console, and this test fails on either. GOV.UK Frontend's components must still start (the
policy would silently stop an inline script that starts them)."""

import pytest
from django.urls import reverse

from core.roles import Role
from tests.procurement_helpers import new_case, today
from tests.register_helpers import published_entry, register_system
from tests.waira_helpers import assessable_system
from waira import services as waira_services

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Runs in every document before the page's own scripts (an init script: chromium's DevTools
# protocol, which the page's policy does not govern), keeping each violation the page reports.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} at ` +
    `${event.sourceFile}:${event.lineNumber} ${event.sample}`);
});
"""


class PolicyWatch:
    """A visitor whose every page is also checked for policy violations."""

    def __init__(self, visitor) -> None:
        self.visitor = visitor
        self.console: list[str] = []
        self.visited: list[str] = []
        self.policies: dict[str, str | None] = {}
        visitor.page.context.add_init_script(script=RECORD_VIOLATIONS)
        visitor.page.on("console", self.on_console)
        visitor.page.on("response", self.on_response)

    def on_response(self, response) -> None:
        if response.request.resource_type == "document":
            self.policies[response.url] = response.headers.get("content-security-policy")

    def on_console(self, message) -> None:
        if "Content Security Policy" in message.text:
            self.console.append(f"{self.visitor.page.url}: {message.text}")

    def check(self, *, govuk_page: bool = True) -> None:
        page = self.visitor.page
        page.wait_for_load_state("load")
        violations = page.evaluate("window.__cspViolations")
        assert violations == [], f"{page.url}: {violations}"
        assert self.console == []
        # The page came with the policy (a page without one has nothing to violate).
        assert "script-src 'self';" in (self.policies.get(page.url) or "") + ";", page.url
        if govuk_page:  # the external scripts ran: the start-of-body class is there
            assert page.evaluate("document.body.classList.contains('js-enabled')"), page.url
        self.visited.append(page.url)

    def goto(self, path: str) -> None:
        self.visitor.goto(path)
        self.check()


@pytest.fixture
def world(user_with_role, organisation):
    commissioner = user_with_role(Role.COMMISSIONER, username="ceri")
    rep = user_with_role(Role.UNION_REPRESENTATIVE, username="dafydd")
    anwen = user_with_role(Role.ADMINISTRATOR, username="anwen", is_staff=True, is_superuser=True)
    case = new_case(commissioner, organisation, rep)
    public_system = register_system(commissioner, organisation, first_use=today(), name="HireWise")
    entry, _version = published_entry(commissioner, public_system)
    waira = waira_services.waira_create(
        actor=commissioner, system=assessable_system(commissioner, organisation)
    )
    return {"case": case, "entry": entry, "waira": waira, "anwen": anwen}


def test_no_page_breaks_the_content_security_policy(visit, world):
    anonymous = PolicyWatch(visit())
    anonymous.goto(reverse("register:list"))
    anonymous.goto(reverse("register:entry", args=[world["entry"].pk]))

    ceri = PolicyWatch(visit())
    ceri.visitor.sign_in("ceri")
    ceri.check()
    for path in (
        reverse("core:dashboard"),
        reverse("procurement:case_detail", args=[world["case"].pk]),
        reverse("waira:waira_detail", args=[world["waira"].pk]),
        reverse("procurement:case_create"),
    ):
        ceri.goto(path)
    ceri.visitor.submit("Create the case")  # nothing filled in: the error summary
    ceri.check()
    assert ceri.visitor.page.locator(".govuk-error-summary").count() == 1
    # GOV.UK Frontend's error summary component, started by static/js/llais.js, takes the focus.
    assert ceri.visitor.page.evaluate(
        "document.activeElement.classList.contains('govuk-error-summary')"
    )

    anwen = PolicyWatch(visit())
    anwen.visitor.sign_in("anwen")
    anwen.check()
    # The Django admin is not a GOV.UK page (axe is for Llais's own pages): the policy alone.
    page = anwen.visitor.page
    page.goto(anwen.visitor.base_url + reverse("admin:index"))
    anwen.check(govuk_page=False)
    page.get_by_role("link", name="Users").first.click()
    anwen.check(govuk_page=False)
    # A change form: the admin's form scripts (prepopulate, the related-object widgets).
    page.goto(anwen.visitor.base_url + reverse("admin:core_user_change", args=[world["anwen"].pk]))
    anwen.check(govuk_page=False)
    assert page.locator("#user_form").count() == 1
    visited = anonymous.visited + ceri.visited + anwen.visited
    assert len(visited) == 12

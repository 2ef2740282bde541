"""Playwright driving Debian's chromium (never a downloaded browser), with axe-core."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("LLAIS_CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(autouse=True)
def reload_migration_data(data_the_migrations_load):
    """Every browser test is transactional: each starts with the data migrations' rows."""


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is not at {CHROMIUM}: `make test` installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Visitor:
    """A person at a browser: every page they reach is checked with axe."""

    def __init__(self, page, base_url: str, *, javascript: bool = True) -> None:
        self.page = page
        self.base_url = base_url
        self.javascript = javascript
        self.checked: list[str] = []

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        if not self.javascript:
            return  # axe is JavaScript: pages without it are checked by the other visitors
        if not self.page.evaluate("typeof axe !== 'undefined'"):
            self.page.add_script_tag(path=str(AXE))  # a page the context's init script missed
        violations = self.page.evaluate(
            """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                            resultTypes: ['violations']}))
                .violations.map(v => ({id: v.id, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(' '))}))""",
            WCAG_22_AA,
        )
        assert violations == [], f"{self.page.url}: {violations}"
        # WCAG 1.4.10 reflow: nothing wider than the window, so no sideways scrolling.
        overflow = self.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{self.page.url} is {overflow}px wider than the window"
        self.checked.append(self.page.url)

    def check_at(self, viewport: dict[str, int]) -> None:
        """The page as it stands, checked again in a window of another size, then set back: the
        same page need not be fetched again to be checked on a phone."""
        before = self.page.viewport_size
        self.page.set_viewport_size(viewport)
        try:
            self.check()
        finally:
            if before is not None:
                self.page.set_viewport_size(before)

    def submit(self, label: str) -> None:
        self.page.locator("main").get_by_role("button", name=label).click()
        self.check()

    def sign_in(self, username: str, password: str = "test-password") -> None:
        """The password, then, for a person who must use a second factor, a code their
        authenticator app would show (computed from its key, as the app computes it)."""
        from core.models import User
        from tests.factories import authenticator_for, current_code, must_use_second_factor

        user = User.objects.get(username=username)
        device = authenticator_for(user) if must_use_second_factor(user) else None
        self.goto("/sign-in/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.submit("Sign in")
        if device is not None:
            assert "/sign-in/code/" in self.page.url, self.page.url
            self.page.fill("#id_token", current_code(device))
            self.submit("Continue")


@pytest.fixture
def visit(browser, live_server):
    contexts = []

    def make(viewport=None, *, javascript: bool = True) -> Visitor:
        context = browser.new_context(
            viewport=viewport or {"width": 1100, "height": 900}, java_script_enabled=javascript
        )
        if javascript:
            # Chromium loads axe into every page the context opens, before the page's own scripts,
            # instead of the test sending 500 kB of script over the wire after each page.
            context.add_init_script(path=str(AXE))
        contexts.append(context)
        return Visitor(context.new_page(), live_server.url, javascript=javascript)

    yield make
    for context in contexts:
        context.close()

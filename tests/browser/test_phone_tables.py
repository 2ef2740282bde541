"""Issue 14, item 8: on a 320px phone a table becomes a stack of labelled lines and no word is
split mid-word ("Explana tion"), in English and in Welsh; the page still passes axe and reflows."""

import pytest
from django.urls import reverse

from core.roles import Role
from tests.browser.test_every_page import pages  # noqa: F401 (the fixture: every page)
from tests.rights_helpers import contact, make_request

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}
# Every word of every cell of a stacked table: on how many lines its letters lie.
SPLIT_WORDS = """() => {
  const split = [];
  for (const cell of document.querySelectorAll('.llais-stack-table td, .llais-stack-table th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (tops.size > 1) split.push(match[0]);
      }
    }
  }
  return split;
}"""


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_workbench_on_a_phone_splits_no_word(visit, user_with_role, organisation, language):
    admin = user_with_role(Role.ADMINISTRATOR, username="sian")
    nominated = user_with_role(Role.NOMINATED_CONTACT, username="nia")
    contact(admin, organisation, "nominated_contact", user=nominated, name="Nia Nominated")
    worker = user_with_role(Role.WORKER, username="dylan")
    for _ in range(3):
        make_request(worker, organisation, decision="Gwrthodwyd fy nghais am oriau hyblyg.")
    person = visit(viewport=PHONE)
    person.sign_in("nia")
    if language == "cy":
        person.page.get_by_role("button", name="Cymraeg").click()
    person.goto(reverse("rights_requests:queue"))
    person.check_at(PHONE)
    assert person.page.locator(".llais-stack-table td").count() > 0
    assert person.page.evaluate(SPLIT_WORDS) == []


# Every table on the page: those not marked to stack, cells of a stacked table with no label, and
# every word of every cell that lies on two lines.
TABLES_ON_THE_PAGE = """() => {
  const tables = [...document.querySelectorAll('main table, table.govuk-table')];
  const unstacked = tables.filter(t => !t.classList.contains('llais-stack-table'))
    .map(t => (t.caption ? t.caption.textContent : t.textContent).trim().slice(0, 60));
  const unlabelled = [...document.querySelectorAll('.llais-stack-table > tbody > tr > td')]
    .filter(td => !td.hasAttribute('data-label') && !td.hasAttribute('colspan'))
    .map(td => td.textContent.trim().slice(0, 60));
  // A word may end a line at its hyphen ("high-" / "risk"); a token wider than the whole line
  // (a SHA-256 hash, an address) may wrap, as ADR 0012 allows; no other word may.
  const split = [];
  for (const cell of document.querySelectorAll('table td, table th')) {
    const style = getComputedStyle(cell);
    const line = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rects = [...range.getClientRects()];
        const tops = new Set(rects.map(r => Math.round(r.top)));
        const width = rects.reduce((sum, r) => sum + r.width, 0);
        if (tops.size > 1 && width <= line) split.push(match[0]);
      }
    }
  }
  return {tables: tables.length, unstacked, unlabelled, split};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_table_on_every_page_stacks_and_splits_no_word(visit, pages, language):  # noqa: F811
    """Every page a person can reach (the list test_every_page.py checks with axe), at 320px: each
    table is a stack of labelled lines and no word of any cell lies on two lines."""
    problems = {}
    tables = 0
    for username, paths in pages.items():
        person = visit(viewport=PHONE)
        if username:
            person.sign_in(username)
        else:
            person.page.goto(person.base_url + "/")
        if language == "cy":
            person.page.get_by_role("button", name="Cymraeg").click()
            person.page.wait_for_load_state("load")
        for path in paths:
            person.page.goto(person.base_url + path)
            found = person.page.evaluate(TABLES_ON_THE_PAGE)
            tables += found.pop("tables")
            if any(found.values()):
                problems[path] = found
    assert problems == {}
    assert tables >= 20  # the pages hold tables to check

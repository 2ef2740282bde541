"""Issue 14, item 8: on a 320px phone a table becomes a stack of labelled lines and no word is
split mid-word ("Explana tion"), in English and in Welsh; the page still passes axe and reflows."""

import pytest
from django.urls import reverse

from core.roles import Role
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

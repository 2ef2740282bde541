import pytest

from core.roles import Role
from tests.browser.pages_oversight import oversight_pages
from tests.browser.test_every_page import DESKTOP, PHONE
from tests.procurement_helpers import today
from tests.system_helpers import system_in_high_risk_use

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_oversight_pages(visit, user_with_role, organisation, language):
    commissioner = user_with_role(Role.COMMISSIONER, username="ceri")
    user_with_role(Role.UNION_REPRESENTATIVE, username="dafydd")
    user_with_role(Role.OVERSIGHT_MEMBER, username="bethan")
    user_with_role(Role.WORKER, username="dylan")
    system = system_in_high_risk_use(commissioner, organisation, first_use=today())
    pages = oversight_pages(organisation, commissioner, system)
    for username, paths in pages.items():
        person = visit(viewport=DESKTOP)
        person.sign_in(username)
        if language == "cy":
            person.page.get_by_role("button", name="Cymraeg").click()
        for path in paths:
            person.goto(path)
            person.check_at(PHONE)
        assert len(person.checked) >= 2 * len(paths)

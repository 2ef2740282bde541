"""Issue 14, item 5: every page a role may open is reached by clicking from its dashboard.

The permission matrix (test_permission_matrix.py) says, for each role, every page it may open in
a world with one object of each kind. Here each role signs in to that same world, starts at its
dashboard and follows the links it is shown, breadth first, as a person clicking would (every link
on each page; never a typed address). Every page the matrix
allows the role must be among those reached. Take away the last link to one and this test names
it. The browser journeys (tests/browser/test_click_journeys.py) then click the same paths in
English and Welsh, on a desktop and a phone, with axe.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.click_paths import navigable, trails
from tests.cross_app.test_permission_matrix import (  # noqa: F401 (the matrix's world fixtures)
    MATRIX,
    ROLES,
    built_world,
    world,
)

pytestmark = pytest.mark.django_db

# Pages the matrix allows but no person is meant to click to, with the reason.
NOT_LINKED = {
    # The sign-in page: a signed-in person is sent on from it.
    "login",
    # The public site's front page: a signed-in person is sent to their dashboard.
    "core:home",
    # Opened from the link in an email (an invitation, or a request made without an account),
    # whose token is the key: no page could hold it.
    "core:set_password",
    "rights_requests:public_confirm",
    "rights_requests:public_request",
    "rights_requests:public_early_conciliation",
    # A pack's progress: the page "Make a pack" (a form's button) goes to.
    "packs:pack_status",
    # The second step of signing in: signing in sends the person there.
    "core:two_factor_verify",
    # A file: the copy of a request received by letter, linked from its request as a download.
    "rights_requests:request_copy",
}
# Actions offered only in a state the matrix's object is not in: the link shows in that state
# alone, while the page itself answers (and refuses the action) in any state.
OFFERED_IN_ANOTHER_STATE = {
    "procurement:scoring_open",  # before scoring opens; the matrix's assessment has opened
    "procurement:award_record",  # once every bid is moderated; the matrix's is part way
    "procurement:weightings_sign_off",  # weightings at 100 not yet signed; the matrix's are
    "registers:entry_retire",  # once the system's use has ended; the matrix's is in use
    "rights_requests:window_decide",  # a late request; the matrix's came in time
}
PER_NAME = 50  # pages of one kind read for their links (bounds a world with many requests)


def allowed_pages(role: str) -> set[str]:
    """The pages the matrix lets the role open, less those nobody navigates to; "Your
    requests" belongs to those who may make one (any member may open it, and finds it empty)."""
    makes_requests = MATRIX["rights_requests:request_create"][1][role] == 200
    return {
        name
        for name, (method, expected) in MATRIX.items()
        if method == "GET"
        and expected[role] == 200
        and navigable(name)
        and name not in NOT_LINKED | OFFERED_IN_ANOTHER_STATE
        and not name.startswith("register:")
        and (makes_requests or name != "rights_requests:request_list")
    }


SIGNED_IN = [role for role in ROLES if role != "anonymous"]


@pytest.mark.parametrize("role", SIGNED_IN)
def test_every_page_a_role_may_open_is_reached_by_clicking(world, role):  # noqa: F811
    people, _kwargs = world
    client = Client()
    client.force_login(people[role])
    reached = trails(client, "/dashboard/", per_name=PER_NAME)
    missing = sorted(allowed_pages(role) - set(reached))
    assert missing == [], f"{role} cannot click to: {missing}"


def test_the_public_register_is_reached_by_clicking_from_the_home_page(world):  # noqa: F811
    reached = trails(Client(), "/", per_name=PER_NAME)
    public = {
        name
        for name, (method, expected) in MATRIX.items()
        if method == "GET"
        and expected["anonymous"] == 200
        and navigable(name)
        and name not in NOT_LINKED
        and name != "register:version"  # linked once there is an earlier version; there is one
    }
    assert sorted(public - set(reached)) == []

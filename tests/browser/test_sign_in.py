"""Signing in with a second factor in a browser, with and without JavaScript, and the page a
locked-out person sees: each page checked with axe, on a desktop and a 320px phone."""

import base64
import re

import pytest
from django.conf import settings
from django_otp.oath import totp

from core.roles import Role

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("javascript", [True, False])
def test_an_administrator_sets_up_an_app_at_first_sign_in(visit, user_with_role, javascript):
    user_with_role(Role.ADMINISTRATOR, username="gareth")
    person = visit(javascript=javascript)
    person.goto("/sign-in/")
    person.page.fill("#id_username", "gareth")
    person.page.fill("#id_password", "test-password")
    person.submit("Sign in")
    assert "/account/authenticator/" in person.page.url  # no other page before the second factor
    person.check_at(PHONE)
    # The key can be read without the QR image, and the image has a text alternative.
    key = person.page.locator(".llais-setup-key code").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{4})+", key), key
    assert person.page.get_by_role("img", name=re.compile("QR code")).count() == 1
    person.page.fill("#id_token", f"{totp(base64.b32decode(key.replace(' ', ''))):06d}")
    person.submit("Continue")
    assert "/account/recovery-codes/" in person.page.url
    assert person.page.locator(".llais-recovery-codes li").count() == 10
    person.check_at(PHONE)
    person.page.get_by_role("link", name="I have kept my codes, continue").click()
    person.check()
    assert person.page.url.endswith("/dashboard/")


@pytest.mark.parametrize("language", ["en", "cy"])
def test_the_locked_out_page(visit, worker, language):
    person = visit()
    person.goto("/")
    if language == "cy":
        person.page.get_by_role("button", name="Cymraeg").click()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        person.goto("/sign-in/")
        person.page.fill("#id_username", worker.username)
        person.page.fill("#id_password", "wrong-password")
        person.page.locator("main").get_by_role("button").click()
        person.check()
    heading = person.page.get_by_role("heading", level=1).inner_text()
    assert (
        heading
        == {"en": "You cannot sign in for now", "cy": "Ni allwch fewngofnodi am y tro"}[language]
    )
    person.check_at(PHONE)

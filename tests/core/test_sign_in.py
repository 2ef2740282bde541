"""Signing in as public services do it: guessing is throttled and locked out (django-axes), a
second factor is required of the roles that see the most (django-otp) and offered to everyone
else, sessions end when idle or old, and passwords follow the NCSC's advice."""

import base64
import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import User
from core.roles import SECOND_FACTOR_ROLES, Role
from tests.factories import TEST_PASSWORD, authenticator_for, current_code, member

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
SIGN_IN = "/sign-in/"
ADMIN_SIGN_IN = "/admin/login/"


def sign_in(client: Client, username: str, password: str, url: str = SIGN_IN):
    return client.post(url, {"username": username, "password": password, "next": "/dashboard/"})


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


# --- Throttling and lock-out (django-axes) -------------------------------------------------------


@pytest.mark.parametrize("role", [Role.WORKER, Role.ADMINISTRATOR])
def test_five_wrong_passwords_lock_the_username_even_against_the_right_one(organisation, role):
    """The finding: 30 wrong passwords, then the right one signed in, the admin included."""
    person = member(role, organisation)
    with time_machine.travel(NOON, tick=False) as clock:
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            assert sign_in(Client(), person.username, "wrong-guess").status_code == 200
        # The fifth wrong password locks the username.
        assert sign_in(Client(), person.username, "wrong-guess").status_code == 429
        client = Client()
        refused = sign_in(client, person.username, TEST_PASSWORD)
        assert refused.status_code == 429
        assert not signed_in(client)
        page = refused.content.decode()
        assert "You cannot sign in for now" in page
        assert "You can try again after 12:15 on 2 March 2026 (UK time)." in page

        clock.shift(datetime.timedelta(minutes=14))
        assert sign_in(Client(), person.username, TEST_PASSWORD).status_code == 429
        # A guess while locked does not lengthen the lock, so the time the page gave holds.
        clock.shift(datetime.timedelta(minutes=1, seconds=1))
        client = Client()
        assert sign_in(client, person.username, TEST_PASSWORD).status_code == 302
        assert signed_in(client)


def test_the_django_admin_sign_in_is_locked_too(organisation):
    superuser = User.objects.create_superuser("root", "root@example.org", TEST_PASSWORD)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(Client(), superuser.username, "wrong", ADMIN_SIGN_IN).status_code == 200
    assert sign_in(Client(), superuser.username, "wrong", ADMIN_SIGN_IN).status_code == 429
    client = Client()
    assert sign_in(client, superuser.username, TEST_PASSWORD, ADMIN_SIGN_IN).status_code == 429
    assert not signed_in(client)
    # Failures on one page count on the other: it is the username that is locked.
    assert sign_in(Client(), superuser.username, TEST_PASSWORD).status_code == 429


def test_the_locked_out_page_is_in_welsh_for_a_welsh_visitor(worker):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), worker.username, "wrong")
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
    page = sign_in(client, worker.username, TEST_PASSWORD).content.decode()
    assert "Ni allwch fewngofnodi am y tro" in page
    assert 'lang="cy"' in page


def test_a_successful_sign_in_clears_the_count(worker):
    for _round in range(2):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            sign_in(Client(), worker.username, "wrong")
        client = Client()
        assert sign_in(client, worker.username, TEST_PASSWORD).status_code == 302
        assert not AccessAttempt.objects.filter(username=worker.username).exists()


def test_another_persons_failures_do_not_lock_this_person(organisation, worker):
    """Colleagues behind one council address: one person's typos lock only their username."""
    neighbour = member(Role.WORKER, organisation)
    for _attempt in range(settings.AXES_FAILURE_LIMIT + 2):
        sign_in(Client(), neighbour.username, "wrong")
    assert sign_in(Client(), worker.username, TEST_PASSWORD).status_code == 302


# --- A second factor (django-otp) -----------------------------------------------------------------


def must_verify_people(organisation) -> list[User]:
    people = [member(role, organisation) for role in sorted(SECOND_FACTOR_ROLES)]
    people.append(User.objects.create_superuser("root", "root@example.org", TEST_PASSWORD))
    return people


PAGES = ["/dashboard/", "/notifications/", "/account/", "/cases/", "/admin/", "/requests/"]


@pytest.mark.second_factor_unverified
def test_who_must_verify_sees_no_page_before_setting_up_a_second_factor(organisation):
    for person in must_verify_people(organisation):
        client = Client()
        client.force_login(person)
        for path in PAGES:
            response = client.get(path)
            assert response.status_code == 302, (person, path)
            assert response["Location"].startswith(reverse("core:two_factor_setup")), (person, path)
        # Signing out, the language switch and the set-up page stay open.
        assert client.get(reverse("core:two_factor_setup")).status_code == 200
        assert client.post(reverse("set_language"), {"language": "cy"}).status_code == 302
        assert client.post(reverse("logout")).status_code == 302


@pytest.mark.second_factor_unverified
def test_who_must_verify_and_has_an_app_is_sent_to_enter_a_code(organisation):
    for person in must_verify_people(organisation):
        authenticator_for(person)
        client = Client()
        client.force_login(person)
        for path in [*PAGES, reverse("core:two_factor_setup"), reverse("core:recovery_codes")]:
            response = client.get(path)
            assert response.status_code == 302, (person, path)
            assert response["Location"].startswith(reverse("core:two_factor_verify")), path


@pytest.mark.second_factor_unverified
@pytest.mark.parametrize(
    "role", [Role.WORKER, Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.UNION_REPRESENTATIVE]
)
def test_others_are_not_made_to_use_one(organisation, role):
    client = Client()
    client.force_login(member(role, organisation))
    assert client.get("/dashboard/").status_code == 200
    account = client.get(reverse("core:account"))
    assert reverse("core:two_factor_setup") in account.content.decode()


@pytest.mark.second_factor_unverified
def test_signing_in_with_password_and_code(administrator):
    device = authenticator_for(administrator)
    with time_machine.travel(NOON, tick=False) as clock:
        client = Client()
        response = sign_in(client, administrator.username, TEST_PASSWORD)
        assert response["Location"] == "/dashboard/"
        response = client.get("/dashboard/")
        assert response["Location"] == reverse("core:two_factor_verify") + "?next=%2Fdashboard%2F"
        verify = reverse("core:two_factor_verify")
        wrong = client.post(verify, {"token": "000000", "next": "/dashboard/"})
        assert wrong.status_code == 200
        assert "The code is not right" in wrong.content.decode()
        assert client.get("/dashboard/").status_code == 302
        clock.shift(datetime.timedelta(seconds=5))  # django-otp waits longer after each wrong code
        right = client.post(verify, {"token": current_code(device), "next": "/dashboard/"})
        assert right["Location"] == "/dashboard/"
        assert client.get("/dashboard/").status_code == 200


@pytest.mark.second_factor_unverified
def test_a_code_is_refused_the_second_time(administrator):
    device = authenticator_for(administrator)
    with time_machine.travel(NOON, tick=False):
        code = current_code(device)
        first = Client()
        first.force_login(administrator)
        assert first.post(reverse("core:two_factor_verify"), {"token": code}).status_code == 302
        again = Client()
        again.force_login(administrator)
        assert again.post(reverse("core:two_factor_verify"), {"token": code}).status_code == 200


@pytest.mark.second_factor_unverified
def test_a_recovery_code_works_once(nominated_contact):
    authenticator_for(nominated_contact)
    recovery = StaticDevice.objects.create(user=nominated_contact, name="Recovery codes")
    StaticToken.objects.create(device=recovery, token="abcd2345")
    client = Client()
    client.force_login(nominated_contact)
    used = client.post(reverse("core:two_factor_verify"), {"token": "ABCD 2345"})
    assert used.status_code == 302
    assert client.get("/dashboard/").status_code == 200
    again = Client()
    again.force_login(nominated_contact)
    assert again.post(reverse("core:two_factor_verify"), {"token": "abcd2345"}).status_code == 200
    assert again.get("/dashboard/").status_code == 302


@pytest.mark.second_factor_unverified
def test_setting_up_an_authenticator_app(oversight_member):
    client = Client()
    client.force_login(oversight_member)
    setup = reverse("core:two_factor_setup")
    page = client.get(setup).content.decode()
    device = TOTPDevice.objects.get(user=oversight_member, confirmed=False)
    # The key as text (in groups of four) as well as the QR code, which has a text alternative.
    key = re.search(r'llais-setup-key"><code>([A-Z2-7 ]+)</code>', page)
    assert key is not None
    assert base64.b32decode(key.group(1).replace(" ", "")) == device.bin_key
    assert 'role="img" aria-label="QR code' in page and "<svg" in page
    with time_machine.travel(NOON, tick=False) as clock:
        wrong = client.post(setup, {"token": "12345"})
        assert wrong.status_code == 200 and "The code does not match" in wrong.content.decode()
        clock.shift(datetime.timedelta(seconds=5))
        done = client.post(setup, {"token": current_code(device), "next": "/dashboard/"})
        assert done["Location"].startswith(reverse("core:recovery_codes"))
        codes_response = client.get(done["Location"])
        codes_page = codes_response.content.decode()
        assert codes_response.status_code == 200, codes_response
        codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
        assert len(codes) == 10
        assert set(codes) == set(
            StaticToken.objects.filter(device__user=oversight_member).values_list(
                "token", flat=True
            )
        )
        # Shown once.
        assert not re.findall(
            r"<li><code>", client.get(reverse("core:recovery_codes")).content.decode()
        )
        assert client.get("/dashboard/").status_code == 200


@pytest.mark.second_factor_unverified
def test_a_worker_who_chose_a_second_factor_is_asked_for_it(worker):
    authenticator_for(worker)
    client = Client()
    client.force_login(worker)
    assert client.get("/dashboard/")["Location"].startswith(reverse("core:two_factor_verify"))


def test_a_worker_may_stop_using_it_but_an_administrator_may_not(worker, administrator):
    authenticator_for(worker)
    client = Client()
    client.force_login(worker)
    assert client.post(reverse("core:two_factor_remove")).status_code == 302
    assert not TOTPDevice.objects.filter(user=worker).exists()
    client.force_login(administrator)
    assert client.post(reverse("core:two_factor_remove")).status_code == 403
    assert TOTPDevice.objects.filter(user=administrator).exists()


# --- Sessions -----------------------------------------------------------------------------------


def test_a_session_ends_after_thirty_idle_minutes(worker):
    with time_machine.travel(NOON, tick=False) as clock:
        client = Client()
        client.force_login(worker)
        assert client.get("/dashboard/").status_code == 200
        clock.shift(datetime.timedelta(minutes=29))
        assert client.get("/dashboard/").status_code == 200
        clock.shift(datetime.timedelta(minutes=31))
        response = client.get("/dashboard/")
        assert response.status_code == 302 and response["Location"].startswith(SIGN_IN)
        notice = client.get(response["Location"]).content.decode()
        assert "You were signed out because you had not used Llais for a while" in notice


def test_a_busy_session_still_ends_after_twelve_hours(worker):
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60
    with time_machine.travel(NOON, tick=False) as clock:
        client = Client()
        client.force_login(worker)
        for _quarter in range(12 * 4 - 1):
            assert client.get("/dashboard/").status_code == 200
            clock.shift(datetime.timedelta(minutes=15))
        assert client.get("/dashboard/").status_code == 200  # 11 h 45 min
        clock.shift(datetime.timedelta(minutes=20))
        assert client.get("/dashboard/").status_code == 302


# --- Passwords ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "password", ["wallet river lantern", "482915736251", "correcthorsebattery", "tidy plum moss"]
)
def test_long_passwords_need_no_mix_of_characters(worker, password):
    validate_password(password, worker)


@pytest.mark.parametrize("password", ["Sh0rt!pass1", "password1234", "qwertyuiop12"])
def test_short_or_common_passwords_are_refused(worker, password):
    with pytest.raises(ValidationError):
        validate_password(password, worker)


def test_the_password_change_page_says_the_rule_and_keeps_it(worker):
    client = Client()
    client.force_login(worker)
    url = reverse("core:password_change")
    page = client.get(url).content.decode()
    assert "must be at least 12 characters long" in page
    assert "three random words" in page
    short = client.post(
        url,
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "Sh0rt!pass1",
            "new_password2": "Sh0rt!pass1",
        },
    )
    assert short.status_code == 200 and "govuk-error-summary" in short.content.decode()
    new = "wallet river lantern"
    done = client.post(
        url, {"old_password": TEST_PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert done["Location"] == reverse("core:account")
    assert client.get("/dashboard/").status_code == 200  # still signed in
    worker.refresh_from_db()
    assert worker.check_password(new)

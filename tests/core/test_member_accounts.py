"""An organisation's administrators get people into Llais without ever knowing their password: a
new account is invited by email with a link to set one, the link can be sent again, and a
member who lost their phone can have their second factor reset, each on the timeline."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.accounts.services import authenticator_confirm, authenticator_start
from core.models import Organisation, TimelineEvent, User
from core.roles import Role
from core.services import member_add, member_invite, member_second_factor_reset
from tests.factories import MembershipFactory, member

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "wallet river lantern harbour"


@pytest.fixture(autouse=True)
def emails_are_sent_at_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The services queue their emails for after the commit; a test's transaction never commits,
    so here each callback runs as it is queued, as it would at a real commit."""
    monkeypatch.setattr(
        "core.services.organisation.transaction.on_commit", lambda callback, **_kw: callback()
    )


def invitation_link() -> str:
    (email,) = mail.outbox
    found = re.search(r"https?://\S+/account/set-password/\S+/", str(email.body))
    assert found, email.body
    return "/" + found.group(0).split("://", 1)[1].split("/", 1)[1]


def invite_new_worker(administrator: User, organisation: Organisation) -> User:
    membership = member_add(
        actor=administrator,
        organisation=organisation,
        email="eira.newcomer@example.org",
        role=Role.WORKER,
        first_name="Eira",
        last_name="Newcomer",
    )
    return membership.user


def test_a_new_account_is_invited_by_email_and_sets_its_own_password(
    administrator: User, organisation: Organisation
) -> None:
    person = invite_new_worker(administrator, organisation)
    assert not person.has_usable_password()
    (email,) = mail.outbox
    assert email.to == ["eira.newcomer@example.org"]
    assert "Set your password" in email.subject and person.username in email.body
    assert TimelineEvent.objects.filter(kind="member_invited", data__user=person.pk).count() == 1

    client = Client()
    form = client.get(invitation_link(), follow=True)
    assert "Set your password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password is set" in done.content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    signed_in = Client().post(
        reverse("login"), {"username": person.username, "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302


def test_the_link_works_once(administrator: User, organisation: Organisation) -> None:
    invite_new_worker(administrator, organisation)
    link = invitation_link()
    client = Client()
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    again = Client().get(link, follow=True).content.decode()
    assert "This link does not work any more" in again


def test_the_link_stops_working_after_three_days(
    administrator: User, organisation: Organisation
) -> None:
    with time_machine.travel("2026-12-01T10:00:00Z", tick=False):
        invite_new_worker(administrator, organisation)
    link = invitation_link()
    with time_machine.travel("2026-12-04T09:00:00Z", tick=False):
        assert "Set your password" in Client().get(link, follow=True).content.decode()
    with time_machine.travel("2026-12-04T11:00:00Z", tick=False):
        page = Client().get(link, follow=True).content.decode()
    assert "This link does not work any more" in page


def test_a_weak_password_is_refused_with_the_reason_and_nothing_changes(
    administrator: User, organisation: Organisation
) -> None:
    person = invite_new_worker(administrator, organisation)
    client = Client()
    form = client.get(invitation_link(), follow=True)
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "short", "new_password2": "short"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "at least 12 characters" in html
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_the_invitation_is_in_the_persons_language(
    administrator: User, organisation: Organisation
) -> None:
    person = member(Role.WORKER, organisation)
    person.preferred_language = "cy"
    person.save()
    member_invite(actor=administrator, organisation=organisation, person=person)
    (email,) = mail.outbox
    assert "Gosodwch eich cyfrinair" in email.subject


def test_the_link_can_be_sent_again_from_the_members_page(
    client: Client, administrator: User, worker: User, organisation: Organisation
) -> None:
    client.force_login(administrator)
    page = client.get(reverse("core:member_roles", args=[organisation.pk, worker.pk]))
    invite = reverse("core:member_invite", args=[organisation.pk, worker.pk])
    assert invite in page.content.decode()
    client.post(invite)
    (email,) = mail.outbox
    assert email.to == [worker.email]
    assert TimelineEvent.objects.filter(kind="member_invited", data__user=worker.pk).exists()


def with_authenticator(person: User) -> User:
    authenticator_confirm(user=person, device=authenticator_start(user=person))
    return person


def test_an_administrator_resets_a_members_second_factor_and_they_are_told(
    client: Client, administrator: User, organisation: Organisation
) -> None:
    contact = with_authenticator(member(Role.NOMINATED_CONTACT, organisation))
    client.force_login(administrator)
    page = client.get(reverse("core:member_roles", args=[organisation.pk, contact.pk]))
    reset = reverse("core:member_second_factor_reset", args=[organisation.pk, contact.pk])
    assert reset in page.content.decode()
    client.post(reset)
    assert not TOTPDevice.objects.filter(user=contact).exists()
    assert not StaticDevice.objects.filter(user=contact).exists()
    (email,) = mail.outbox
    assert email.to == [contact.email] and "second factor" in email.subject
    assert TimelineEvent.objects.filter(
        kind="member_second_factor_reset", data__user=contact.pk, actor=administrator
    ).exists()


@pytest.mark.parametrize("who", ["themselves", "superuser", "also_elsewhere", "no_device"])
def test_a_reset_is_refused_where_it_could_take_over_someone_else(
    who: str, administrator: User, organisation: Organisation, other_organisation: Organisation
) -> None:
    person = with_authenticator(member(Role.WORKER, organisation))
    if who == "themselves":
        person = with_authenticator(administrator)
    elif who == "superuser":
        person.is_superuser = True
        person.save()
    elif who == "also_elsewhere":
        MembershipFactory.create(user=person, organisation=other_organisation, role=Role.WORKER)
    else:
        TOTPDevice.objects.filter(user=person).delete()
    with pytest.raises(ValidationError):
        member_second_factor_reset(actor=administrator, organisation=organisation, person=person)
    assert not mail.outbox


def test_another_organisations_administrator_reaches_neither_page(
    client: Client, worker: User, organisation: Organisation, other_organisation: Organisation
) -> None:
    client.force_login(member(Role.ADMINISTRATOR, other_organisation))
    for name in ("core:member_invite", "core:member_second_factor_reset"):
        url = reverse(name, args=[organisation.pk, worker.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert not mail.outbox

"""An organisation's administrators at work: who holds which role, and the organisation's own
settings. Every change is scoped to one organisation, is asked of its administrators, keeps one
administrator, and is on the organisation's timeline."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import celery
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.history import save_with_actor
from core.models import Membership, Organisation, User
from core.permissions import (
    can_administer_organisation,
    organisations_administered_by,
    require,
)
from core.roles import Role
from core.selectors import administrator_ids, members_of, roles_by_organisation, users_with_email
from core.services.timeline import timeline_record

# What an organisation's administrators may change about it: the settings form shows exactly
# these fields, so a new setting is one more name here.
ORGANISATION_SETTINGS_FIELDS: tuple[str, ...] = (
    "name_en",
    "name_cy",
    "subject_to_welsh_language_standards",
    "anonymity_minimum_consultees",
    "small_number_threshold",
    "consultation_listening_days",
)

ROLE_GRANTED = "member_role_granted"
ROLE_REMOVED = "member_role_removed"
SETTINGS_CHANGED = "organisation_settings_changed"
INVITED = "member_invited"
SECOND_FACTOR_RESET = "member_second_factor_reset"


def _email_on_commit(person: User, kind: str) -> None:
    """Queue an email about their account to the person (core.tasks.send_account_email): by the
    task's name, as core never imports its own tasks from a service."""
    transaction.on_commit(
        celery.signature("core.tasks.send_account_email", args=(person.pk, kind)).delay
    )


def _locked(organisation: Organisation) -> Organisation:
    """The organisation's row, locked: every change to its memberships takes its turn, so two
    administrators removing each other at once cannot leave it with none."""
    return Organisation.objects.select_for_update().get(pk=organisation.pk)


def _forget_roles(user: User) -> None:
    """The roles cached on this user object for the request are stale once they change (the
    request's user may be a lazy proxy, so the attribute is deleted through it)."""
    if hasattr(user, "_llais_roles"):
        del user._llais_roles


def _record_role(
    organisation: Organisation, actor: User, person: User, role: str, *, granted: bool
) -> None:
    timeline_record(
        organisation=organisation,
        subject=organisation,
        actor=actor,
        kind=ROLE_GRANTED if granted else ROLE_REMOVED,
        from_state="" if granted else role,
        to_state=role if granted else "",
        reason=str(person),
        data={"user": person.pk, "role": role},
    )


def organisation_settings_update(
    *, actor: User, organisation: Organisation, **settings: Any
) -> Organisation:
    """Change the organisation's own settings (`ORGANISATION_SETTINGS_FIELDS`)."""
    unknown = set(settings) - set(ORGANISATION_SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"Not an organisation setting: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        locked = _locked(organisation)
        require(can_administer_organisation(actor, locked))
        changed = {
            name: value for name, value in settings.items() if getattr(locked, name) != value
        }
        if not changed:
            return locked
        before = {name: getattr(locked, name) for name in changed}
        for name, value in changed.items():
            setattr(locked, name, value)
        save_with_actor(locked, actor, update_fields=list(changed))
        timeline_record(
            organisation=locked,
            subject=locked,
            actor=actor,
            kind=SETTINGS_CHANGED,
            data={"before": before, "after": changed},
        )
    return locked


def _new_username(email: str) -> str:
    base = slugify(email.split("@")[0])[:100] or "person"
    while True:
        username = f"{base}-{get_random_string(6).lower()}"
        if not User.objects.filter(username=username).exists():
            return username


def member_add(
    *,
    actor: User,
    organisation: Organisation,
    email: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    job_title: str = "",
) -> Membership:
    """Give a person a role in the organisation: the account with this email address, or a new
    account (with no password yet) when there is none."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    with transaction.atomic():
        locked = _locked(organisation)
        require(can_administer_organisation(actor, locked))
        found = list(users_with_email(email)[:2])
        if len(found) > 1:
            raise ValidationError(
                {
                    "email": _(
                        "More than one account has this email address. Ask the people who run "
                        "Llais to sort it out."
                    )
                }
            )
        if found:
            person = found[0]
            if Membership.objects.filter(user=person, organisation=locked, role=role).exists():
                raise ValidationError({"role": _("This person already has this role here.")})
        else:
            missing = {
                field: _("Enter their name: nobody has an account with this email address yet.")
                for field, value in (("first_name", first_name), ("last_name", last_name))
                if not value.strip()
            }
            if missing:
                raise ValidationError(missing)
            person = User(
                username=_new_username(email),
                email=email.strip(),
                first_name=first_name.strip(),
                last_name=last_name.strip(),
            )
            person.set_unusable_password()
            save_with_actor(person, actor)
            _invite(locked, actor, person)
        membership = Membership(
            user=person, organisation=locked, role=role, job_title=job_title.strip()
        )
        save_with_actor(membership, actor)
        _record_role(locked, actor, person, role, granted=True)
    return membership


def _invite(organisation: Organisation, actor: User, person: User) -> None:
    timeline_record(
        organisation=organisation,
        subject=organisation,
        actor=actor,
        kind=INVITED,
        reason=str(person),
        data={"user": person.pk},
    )
    _email_on_commit(person, "invitation")


def member_invite(*, actor: User, organisation: Organisation, person: User) -> None:
    """Email a member a link to set their password: the invitation of a new account, sent again,
    or a way back in for someone who forgot theirs. The link goes to the person's own address
    only, so the administrator never learns or sets anyone's password."""
    with transaction.atomic():
        locked = _locked(organisation)
        require(can_administer_organisation(actor, locked))
        person = members_of(locked).get(pk=person.pk)
        if not person.email:
            raise ValidationError(
                _("This person has no email address. Ask the people who run Llais to add one.")
            )
        _invite(locked, actor, person)


def member_second_factor_reset(*, actor: User, organisation: Organisation, person: User) -> None:
    """Remove a member's authenticator app and recovery codes (they lost their phone): at their
    next sign-in they set up a new one. Only for someone whose every organisation the
    administrator runs, never for themselves or a platform operator; they are told by email."""
    with transaction.atomic():
        locked = _locked(organisation)
        require(can_administer_organisation(actor, locked))
        person = members_of(locked).get(pk=person.pk)
        if person.pk == actor.pk:
            raise ValidationError(
                _("To change your own second factor, use the “Your account” page.")
            )
        elsewhere = set(roles_by_organisation(person)) - set(organisations_administered_by(actor))
        if person.is_superuser or elsewhere:
            raise ValidationError(
                _(
                    "This person also works somewhere you do not administer. Ask the people "
                    "who run Llais to reset their second factor."
                )
            )
        had = TOTPDevice.objects.filter(user=person).exists()
        if not had:
            raise ValidationError(_("This person has no authenticator app to reset."))
        TOTPDevice.objects.filter(user=person).delete()
        StaticDevice.objects.filter(user=person).delete()
        timeline_record(
            organisation=locked,
            subject=locked,
            actor=actor,
            kind=SECOND_FACTOR_RESET,
            reason=str(person),
            data={"user": person.pk},
        )
        _email_on_commit(person, "second_factor_reset")


def member_roles_set(
    *, actor: User, organisation: Organisation, person: User, roles: Iterable[str]
) -> tuple[set[str], set[str]]:
    """Make `person`'s roles in the organisation exactly `roles` (none: they leave it). Returns
    the roles granted and the roles removed. The organisation always keeps one administrator."""
    wanted = set(roles)
    if not wanted <= set(Role.values):
        raise ValidationError({"roles": _("Choose roles from the list.")})
    with transaction.atomic():
        locked = _locked(organisation)
        require(can_administer_organisation(actor, locked))
        if not members_of(locked).filter(pk=person.pk).exists():
            raise ValidationError(_("This person is not a member of this organisation."))
        held = {
            membership.role: membership
            for membership in Membership.objects.filter(user=person, organisation=locked)
        }
        granted, removed = wanted - set(held), set(held) - wanted
        if Role.ADMINISTRATOR in removed and administrator_ids(locked) == {person.pk}:
            raise ValidationError(
                {
                    "roles": _(
                        "An organisation must keep one administrator: give the role to someone "
                        "else first."
                    )
                }
            )
        job_title = next((m.job_title for m in held.values() if m.job_title), "")
        for role in sorted(removed):
            membership = held[role]
            membership._history_user = actor  # type: ignore[attr-defined]
            membership.delete()
            _record_role(locked, actor, person, role, granted=False)
        for role in sorted(granted):
            save_with_actor(
                Membership(user=person, organisation=locked, role=role, job_title=job_title), actor
            )
            _record_role(locked, actor, person, role, granted=True)
    _forget_roles(person)
    if person.pk == actor.pk:
        _forget_roles(actor)
    return granted, removed

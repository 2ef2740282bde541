"""Writes about a person's second factor."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.accounts.selectors import unconfirmed_authenticator_of
from core.models import User
from core.permissions import must_use_second_factor, require

RECOVERY_CODE_COUNT = 10


def authenticator_start(*, user: User) -> TOTPDevice:
    """The authenticator app being set up: a new secret, kept (unconfirmed) until a first code
    from it is typed, so reloading the page shows the same secret."""
    device = unconfirmed_authenticator_of(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


@transaction.atomic
def authenticator_confirm(*, user: User, device: TOTPDevice) -> list[str]:
    """The first code matched: this device is the person's authenticator app (any other is
    removed) and they get a fresh set of recovery codes, returned to be shown once."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_replace(user=user)


@transaction.atomic
def recovery_codes_replace(*, user: User) -> list[str]:
    """Ten new one-off recovery codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, defaults={"name": "Recovery codes", "confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _number in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def second_factor_remove(*, user: User) -> None:
    """For a person who chose a second factor and no longer wants it (never one who must)."""
    require(not must_use_second_factor(user))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()

"""Reads about a person's second factor and their failed sign-ins."""

from __future__ import annotations

import base64
import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.db.models import Max
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import User


def authenticator_of(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if they set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def unconfirmed_authenticator_of(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()


def recovery_device_of(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def recovery_codes_left(user: User) -> int:
    device = recovery_device_of(user)
    return device.token_set.count() if device else 0


def has_second_factor(user: User) -> bool:
    return authenticator_of(user) is not None


def sign_in_locked_until(username: str) -> datetime.datetime | None:
    """When django-axes lets this username try again: its cool-off after the last failure it
    counted (failures while locked are not counted, so this time does not move)."""
    cool_off = get_cool_off()
    last = AccessAttempt.objects.filter(username=username).aggregate(last=Max("attempt_time"))
    if cool_off is None or last["last"] is None:
        return None
    locked_until: datetime.datetime = last["last"] + cool_off
    return locked_until


def authenticator_key(device: TOTPDevice) -> str:
    """The key as a person types it into an app: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def recovery_codes_of(user: User) -> list[str]:
    """The recovery codes not used yet (for the demo's printed table; pages never show them
    again after making them)."""
    device = recovery_device_of(user)
    return list(device.token_set.values_list("token", flat=True)) if device else []

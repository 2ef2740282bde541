"""The forms of a person's own account pages."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from core.accounts.selectors import authenticator_of, recovery_device_of
from core.forms import GovUKFormMixin
from core.models import NotificationEmails, User

SIX_DIGITS = re.compile(r"^[0-9]{6}$")


def _typed(value: str) -> str:
    """What people type: spaces and dashes between groups ("123 456") are fine."""
    return re.sub(r"[\s-]", "", value or "").lower()


def _verified(device: Device | None, token: str) -> bool:
    """The device accepts the token (under django-otp's throttling, which waits longer after each
    wrong code)."""
    if device is None:
        return False
    with transaction.atomic():
        locked = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _details = locked.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("You have entered too many wrong codes. Wait a minute, then try again.")
            )
        if locked.verify_token(token):
            device.refresh_from_db()
            return True
    return False


class AuthenticatorConfirmForm(GovUKFormMixin, forms.Form):
    """The first code from the app being set up proves the secret reached it."""

    token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code the app shows now."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args: Any, device: Device, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self) -> str:
        token = _typed(self.cleaned_data["token"])
        if not SIX_DIGITS.match(token) or not _verified(self.device, token):
            raise forms.ValidationError(
                _("The code does not match. Enter the 6-digit code your app shows now.")
            )
        return token


class SecondFactorForm(GovUKFormMixin, forms.Form):
    """At sign-in: a code from the authenticator app, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code"),
        help_text=_(
            "The 6-digit code your authenticator app shows, or one of your recovery codes."
        ),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.device: Device | None = None

    def clean_token(self) -> str:
        token = _typed(self.cleaned_data["token"])
        # Six digits are an app's code; anything else can only be a recovery code (8 letters
        # and digits), so a mistyped code counts against one device, not both.
        device: Device | None = (
            authenticator_of(self.user)
            if SIX_DIGITS.match(token)
            else recovery_device_of(self.user)
        )
        if not token or not _verified(device, token):
            raise forms.ValidationError(
                _(
                    "The code is not right, or it has been used. Enter the code your app shows "
                    "now, or a recovery code you have not used."
                )
            )
        self.device = device
        return token


class GovUKSetPasswordForm(GovUKFormMixin, SetPasswordForm):  # type: ignore[type-arg]
    """Setting a password from an emailed link (an invitation), in GOV.UK dress."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = ""


class GovUKPasswordChangeForm(GovUKFormMixin, PasswordChangeForm):
    """Django's password change, in GOV.UK dress; the rules are said in plain words above it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = ""


class NotificationEmailsForm(GovUKFormMixin, forms.Form):
    notification_emails = forms.ChoiceField(
        label=_("How do you want to be emailed about your notifications?"),
        choices=NotificationEmails.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose an email for each notification or one email a day"),
            "invalid_choice": _("Choose an email for each notification or one email a day"),
        },
    )

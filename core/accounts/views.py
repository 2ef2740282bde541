"""A person's own account: the sign-in page, the second factor's set-up and check, recovery
codes, the password change and the page a locked-out person sees."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from core.accounts.forms import (
    AuthenticatorConfirmForm,
    GovUKPasswordChangeForm,
    GovUKSetPasswordForm,
    NotificationEmailsForm,
    SecondFactorForm,
)
from core.accounts.selectors import (
    authenticator_key,
    authenticator_of,
    recovery_codes_left,
    sign_in_locked_until,
)
from core.accounts.services import (
    authenticator_confirm,
    authenticator_start,
    recovery_codes_replace,
    second_factor_remove,
)
from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.models import User
from core.permissions import must_use_second_factor
from core.services import user_set_notification_emails
from core.views_helpers import action_page

# Session keys: when the person signed in and when they were last seen (core.accounts.middleware),
# why they were signed out, and recovery codes waiting to be shown once.
SIGNED_IN_AT = "llais_signed_in_at"
LAST_SEEN = "llais_last_seen"
SIGNED_OUT_IDLE = "llais_signed_out_idle"
NEW_RECOVERY_CODES = "llais_new_recovery_codes"


class SignInView(LoginView):
    """Django's sign-in, which also says when a session ended for being left idle."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["signed_out_idle"] = self.request.session.pop(SIGNED_OUT_IDLE, False)
        return context


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """django-axes' answer to a username it has locked (AXES_LOCKOUT_CALLABLE): when to try
    again, in the person's language and in UK time."""
    username = str((credentials or {}).get("username") or request.POST.get("username") or "")
    until = sign_in_locked_until(username)
    return render(
        request,
        "accounts/locked_out.html",
        {
            "until": timezone.localtime(until) if until else None,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "has_second_factor": authenticator_of(user) is not None,
            "must_use_second_factor": must_use_second_factor(user),
            "recovery_codes_left": recovery_codes_left(user),
        },
    )


def notification_emails(request: AuthenticatedHttpRequest) -> HttpResponse:
    """An email for each notification, or one a day listing them."""
    user = request.user
    form = NotificationEmailsForm(
        **form_data(request), initial={"notification_emails": user.notification_emails}
    )
    if form_service_succeeded(
        request,
        form,
        lambda: user_set_notification_emails(
            user=user, choice=form.cleaned_data["notification_emails"]
        ),
        _("Your choice of notification emails is saved."),
    ):
        return redirect("core:account")
    return action_page(
        request,
        form=form,
        title=_("Notification emails"),
        submit=_("Save"),
        caption=_("Your account"),
        cancel_url=reverse("core:account"),
        lead=_(
            "Llais tells you on your notifications page when something needs you. It can also "
            "email you each one as it happens, or once a day, at half past seven in the morning, "
            "list the ones since the day before."
        ),
    )


def two_factor_setup(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up an authenticator app: its secret as text and as a QR code, then a first code."""
    user = request.user
    if authenticator_of(user) is not None:
        messages.success(request, _("Your authenticator app is already set up."))
        return redirect("core:account")
    device = authenticator_start(user=user)
    form = AuthenticatorConfirmForm(**form_data(request), device=device)
    if request.method == "POST" and form.is_valid():
        request.session[NEW_RECOVERY_CODES] = authenticator_confirm(user=user, device=device)
        otp_login(request, device)
        return redirect(
            f"{reverse('core:recovery_codes')}?{urlencode({'next': _next_url(request)})}"
        )
    qr = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#0b0c0c", light="#ffffff", omitsize=False
    )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "key": authenticator_key(device),
            # segno's own SVG markup, drawn from our own otpauth: URL (no one else's text).
            "qr_svg": mark_safe(qr),
            "next": _next_url(request),
            "required": must_use_second_factor(user),
        },
    )


def two_factor_verify(request: AuthenticatedHttpRequest) -> HttpResponse:
    """After the password: a code from the app or a recovery code."""
    user = request.user
    if authenticator_of(user) is None:
        return redirect(
            f"{reverse('core:two_factor_setup')}?{urlencode({'next': _next_url(request)})}"
        )
    form = SecondFactorForm(**form_data(request), user=user)
    if request.method == "POST" and form.is_valid() and form.device is not None:
        otp_login(request, form.device)
        if form.device.persistent_id.startswith("otp_static"):
            left = recovery_codes_left(user)
            messages.success(
                request,
                _(
                    "You used a recovery code. You have %(count)s left: make new ones from your "
                    "account page if you are running out."
                )
                % {"count": left},
            )
        return redirect(_next_url(request))
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


def recovery_codes(request: AuthenticatedHttpRequest) -> HttpResponse:
    """New recovery codes are shown once, on the page after they were made."""
    user = request.user
    if authenticator_of(user) is None:
        return redirect("core:account")
    if request.method == "POST":
        request.session[NEW_RECOVERY_CODES] = recovery_codes_replace(user=user)
        return redirect("core:recovery_codes")
    codes = request.session.pop(NEW_RECOVERY_CODES, None)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "left": recovery_codes_left(user), "next": _next_url(request)},
    )


@require_POST
def two_factor_remove(request: AuthenticatedHttpRequest) -> HttpResponse:
    second_factor_remove(user=request.user)
    messages.success(request, _("Your authenticator app and recovery codes are removed."))
    return redirect("core:account")


def password_change(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = GovUKPasswordChangeForm(request.user, **form_data(request))
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, _("Your password is changed."))
        return redirect("core:account")
    return render(
        request,
        "accounts/password_change.html",
        {"form": form, "min_length": settings.PASSWORD_MIN_LENGTH},
    )


class SetPasswordView(PasswordResetConfirmView):
    """The emailed link of an invitation: a new password, with the same rules as any other.
    Django's view checks the link (once, for PASSWORD_RESET_TIMEOUT) and takes the token out of
    the address before the form is shown."""

    form_class = GovUKSetPasswordForm
    template_name = "accounts/set_password.html"

    def get_success_url(self) -> str:
        return reverse("login")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "min_length": settings.PASSWORD_MIN_LENGTH}

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. Sign in with it."))
        return response

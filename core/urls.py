from django.contrib.auth.decorators import login_not_required
from django.urls import path

from core import views
from core.accounts import views as accounts

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("notifications/<int:pk>/", views.notification_open, name="notification_open"),
    path("your-information/", views.your_information, name="your_information"),
    path(
        "your-information/download.json",
        views.your_information_download,
        name="your_information_download",
    ),
    path("operations/sweeps/", views.sweep_runs, name="sweep_runs"),
    path("administration/", views.administration, name="administration"),
    path("administration/<int:org_pk>/", views.organisation_detail, name="organisation_detail"),
    path(
        "administration/<int:org_pk>/settings/",
        views.organisation_settings,
        name="organisation_settings",
    ),
    path("administration/<int:org_pk>/members/add/", views.member_add_view, name="member_add"),
    path(
        "administration/<int:org_pk>/members/<int:user_pk>/",
        views.member_roles,
        name="member_roles",
    ),
    path(
        "administration/<int:org_pk>/members/<int:user_pk>/invite/",
        views.member_invite_view,
        name="member_invite",
    ),
    path(
        "administration/<int:org_pk>/members/<int:user_pk>/second-factor/",
        views.member_second_factor_reset_view,
        name="member_second_factor_reset",
    ),
    path(
        "account/set-password/<uidb64>/<token>/",
        login_not_required(accounts.SetPasswordView.as_view()),
        name="set_password",
    ),
    path("account/", accounts.account, name="account"),
    path("account/authenticator/", accounts.two_factor_setup, name="two_factor_setup"),
    path("account/recovery-codes/", accounts.recovery_codes, name="recovery_codes"),
    path("account/second-factor/remove/", accounts.two_factor_remove, name="two_factor_remove"),
    path("account/password/", accounts.password_change, name="password_change"),
    path("account/notification-emails/", accounts.notification_emails, name="notification_emails"),
    path("sign-in/code/", accounts.two_factor_verify, name="two_factor_verify"),
]

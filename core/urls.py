from django.urls import path

from core import views
from core.accounts import views as accounts

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    path("operations/sweeps/", views.sweep_runs, name="sweep_runs"),
    path("account/", accounts.account, name="account"),
    path("account/authenticator/", accounts.two_factor_setup, name="two_factor_setup"),
    path("account/recovery-codes/", accounts.recovery_codes, name="recovery_codes"),
    path("account/second-factor/remove/", accounts.two_factor_remove, name="two_factor_remove"),
    path("account/password/", accounts.password_change, name="password_change"),
    path("sign-in/code/", accounts.two_factor_verify, name="two_factor_verify"),
]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accountability"
    verbose_name = _("Failures, tribunal dates and the steps taken")

    def ready(self) -> None:
        # Importing these registers the sweep, notification kinds, panels and event labels.
        from accountability import dashboard, figures, sweeps, timeline  # noqa: F401

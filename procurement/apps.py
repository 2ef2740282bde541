from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = _("Procurement")

    def ready(self) -> None:
        from procurement import dashboard  # noqa: F401  (registers panels and navigation)

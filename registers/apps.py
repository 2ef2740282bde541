from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "registers"
    verbose_name = _("AI systems and the public register")

    def ready(self) -> None:
        # Importing these registers the dashboard panels, sweeps, state tags, event labels.
        from registers import dashboard, events, presenters, sweeps, timeline  # noqa: F401

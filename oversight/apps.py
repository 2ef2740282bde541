from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "oversight"
    verbose_name = _("Oversight: the governance body, reviews, incidents and reporting")

    def ready(self) -> None:
        # Importing these registers the navigation item, the sweep, the event labels and the
        # incidents section of the case assessment pack.
        from oversight import dashboard, pack, sweeps, timeline  # noqa: F401

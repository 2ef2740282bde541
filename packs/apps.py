from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "packs"
    verbose_name = _("Assessment packs, evidence bundles and case export")

    def ready(self) -> None:
        # Importing these registers the pack's sections, the panels and the event labels.
        from packs import charts, dashboard, sections, timeline  # noqa: F401

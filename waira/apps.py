from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.extensions import register_atrs_details


class WairaConfig(AppConfig):
    """Workplace AI Risk Assessments (s.14) and direct consultation (s.15)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "waira"
    verbose_name = _("Workplace AI risk assessments")

    def ready(self) -> None:
        # Importing these registers the dashboard panels, sweeps, state tags, event labels.
        from waira import (  # noqa: F401
            dashboard,
            events,
            presenters,
            retention,
            sweeps,
            timeline,
            your_information,
        )
        from waira.selectors import atrs_details

        # The register's ATRS export: the risks and measures of the latest completed WAIRA.
        register_atrs_details(atrs_details)

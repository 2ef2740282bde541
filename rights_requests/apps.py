from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.extensions import register_published_contacts


class RightsRequestsConfig(AppConfig):
    """Explanation (s.17) and reconsideration (s.18) requests, failures and tribunal dates."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "rights_requests"
    verbose_name = _("Workers' rights requests")

    def ready(self) -> None:
        # Importing these registers the dashboard panels, sweeps, state tags, event labels.
        from rights_requests import (  # noqa: F401
            dashboard,
            events,
            presenters,
            retention,
            sweeps,
            timeline,
            your_information,
        )
        from rights_requests.selectors import published_contacts_for

        # The public register shows whom to ask (s.17(9), s.18(4)).
        register_published_contacts(published_contacts_for)

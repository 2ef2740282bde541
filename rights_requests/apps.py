from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsRequestsConfig(AppConfig):
    """Explanation (s.17) and reconsideration (s.18) requests: built by issue 5."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "rights_requests"
    verbose_name = _("Workers' rights requests")

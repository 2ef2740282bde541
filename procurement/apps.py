from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.extensions import (
    register_ai_system_people,
    register_atrs_details,
    register_represented_ai_systems,
    register_rights_request_made,
    register_system_representatives,
)


class ProcurementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procurement"
    verbose_name = _("Procurement")

    def ready(self) -> None:
        # Importing these registers the dashboard panels, navigation, state tags, event labels.
        from procurement import dashboard, events, presenters, timeline  # noqa: F401
        from procurement.contracts import panels, sweeps  # noqa: F401
        from procurement.contracts.selectors import atrs_details
        from procurement.contracts.services import obligations_for_rights_request
        from procurement.permissions import (
            ai_systems_assigned_to,
            representatives_of_ai_systems,
        )

        # waira shows a union representative the WAIRAs of their cases' AI systems.
        register_represented_ai_systems(ai_systems_assigned_to)
        # waira and registers tell a system's cases' commissioners and representatives of events.
        register_ai_system_people(events.ai_system_people)
        # accountability tells the representatives of a system's cases of its failures.
        register_system_representatives(representatives_of_ai_systems)
        # A worker's request on a system a contract covers starts the supplier's clock.
        register_rights_request_made(obligations_for_rights_request)
        # The register's ATRS export: the commissioner's role and the supplier's number.
        register_atrs_details(atrs_details)

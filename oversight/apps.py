from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "oversight"
    verbose_name = _("Oversight: the governance body, reviews, incidents and reporting")

    def ready(self) -> None:
        # Importing these registers the navigation item, the sweep, the event labels, the
        # incidents and reviews sections of the case assessment pack, and the reviews' hooks into
        # procurement (a case entering oversight, the closing gate) and the case page.
        from oversight import (  # noqa: F401
            dashboard,
            pack,
            review_events,
            review_pack,
            review_panels,
            review_selectors,
            review_services,
            sweeps,
            timeline,
        )

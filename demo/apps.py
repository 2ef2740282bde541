from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo council and `load_demo`; no models, nothing any other app depends on."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = _("Organisations and people")

    def ready(self) -> None:
        # Registers core's tasks in every process, web ones included: the notification service
        # queues delivery by the task's name (importing the task would close a cycle), and Celery
        # runs a task it knows eagerly where told to, but sends one it does not to the broker.
        from core import tasks, your_information  # noqa: F401

        # A session's clock starts at each sign-in (core.accounts.middleware.session_timeout).
        from core.accounts import signals  # noqa: F401

from celery import shared_task
from django.core.management import call_command

from core.services.notifications import notifications_deliver, notifications_send_digests
from core.services.sweeps import sweep_run


@shared_task
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task
def run_sweep(name: str) -> int:
    """The beat schedule's entry point: one sweep, by name."""
    return sweep_run(name, triggered_by="beat").pk


@shared_task
def deliver_notifications() -> int:
    return notifications_deliver()


@shared_task
def send_notification_digests() -> int:
    """Once a day: the email listing each notification of those who chose one (ADR 0011)."""
    return notifications_send_digests()

from celery import shared_task
from django.core.management import call_command
from django.db import transaction

from core.services.notifications import notifications_deliver
from core.services.sweeps import sweep_run
from core.services.timeline import timeline_seal


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


SEAL_CHUNK = 5000


@shared_task
def seal_timeline(organisation_ids: list[int]) -> int:
    """Seal the events a sweep wrote in bulk into their organisations' chains, a chunk per
    transaction (docs/adr/0014). Returns how many were sealed."""
    total = 0
    while True:
        with transaction.atomic():
            sealed = len(timeline_seal(organisation_ids, limit=SEAL_CHUNK))
        total += sealed
        if sealed < SEAL_CHUNK:
            return total

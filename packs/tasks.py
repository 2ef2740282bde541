from celery import shared_task

from packs import services


@shared_task
def build_pack(pack_id: int) -> None:
    """Make a pack asked for on a page: the page follows its steps (packs/views.py)."""
    services.pack_build(pack_id=pack_id)

from celery import shared_task

from packs import builder


@shared_task
def build_pack(pack_id: int) -> None:
    """Make a pack asked for on a page: the page follows its steps (packs/views.py)."""
    builder.pack_build(pack_id=pack_id)

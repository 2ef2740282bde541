"""Building a queued pack: the task's work (packs/tasks.py). Its writes are the pack's own
progress, each step in a short write of its own so the progress page sees it at once, and the
finished files; nothing else is changed, so there is no permission to ask: the person who asked
was checked by packs.services when the pack was queued."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from packs import documents
from packs.models import Pack
from packs.selectors import pack_for_task

logger = logging.getLogger(__name__)


def pack_build(*, pack_id: int) -> Pack | None:
    """Build a queued pack, recording each step as it finishes (each in its own short write,
    so the progress page sees it at once). A pack already started is left alone: a task
    delivered twice builds once."""
    started = Pack.objects.filter(pk=pack_id, state=Pack.State.QUEUED).update(
        state=Pack.State.RUNNING
    )
    if not started:
        return None
    pack = pack_for_task(pack_id)
    assert pack is not None
    done: list[str] = []

    def on_step(key: str) -> None:
        done.append(key)
        Pack.objects.filter(pk=pack_id).update(steps_done=list(done))

    try:
        if pack.kind == Pack.Kind.CASE:
            document = documents.case_document(pack, on_step)
        else:
            document = documents.waira_document(pack, on_step)
        pdf = documents.print_pdf(document, pack.language)
        on_step(documents.PRINT)
        bundle = None
        if pack.kind == Pack.Kind.CASE:
            bundle = documents.evidence_bundle(pack, document, pdf)
        name = f"{pack.kind}-{slugify(str(pack.subject))[:60]}-v{pack.version}-{pack.language}"
        with transaction.atomic():
            pack = Pack.objects.select_for_update().get(pk=pack_id)
            pack.sha256 = document.sha256
            pack.file.save(f"{name}.pdf", ContentFile(pdf), save=False)
            pack.file_sha256 = documents.sha256_bytes(pdf)
            if bundle is not None:
                pack.bundle.save(f"{name}.zip", ContentFile(bundle.data), save=False)
                pack.bundle_sha256 = documents.sha256_bytes(bundle.data)
                pack.manifest_sha256 = bundle.manifest_sha256
                done.append(documents.BUNDLE)
            pack.steps_done = list(done)
            pack.state = Pack.State.DONE
            pack.finished_at = timezone.now()
            pack.save()
    except Exception:
        logger.exception("Pack %s could not be made", pack_id)
        Pack.objects.filter(pk=pack_id).update(state=Pack.State.FAILED, finished_at=timezone.now())
        raise
    return pack

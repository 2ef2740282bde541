"""Every write of packs: asking for a pack (a new version, queued) and building it (the task)."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from core.models import User
from core.permissions import require
from core.services import timeline_record
from packs import documents, permissions
from packs.models import Pack
from procurement.models import ProcurementCase
from waira.models import Waira

logger = logging.getLogger(__name__)


def _queue(pack: Pack) -> None:
    from packs.tasks import build_pack

    transaction.on_commit(lambda: build_pack.delay(pack.pk))


@transaction.atomic
def case_pack_request(*, actor: User, case: ProcurementCase, language: str) -> Pack:
    """Queue the next version of the case's assessment pack, made for `actor`."""
    case = ProcurementCase.objects.select_for_update().get(pk=case.pk)
    scope = permissions.scope_for_case(actor, case)
    require(scope is not None)
    assert scope is not None
    version = (case.packs.aggregate(last=Max("version"))["last"] or 0) + 1
    pack = Pack.objects.create(
        organisation_id=case.organisation_id,
        kind=Pack.Kind.CASE,
        case=case,
        version=version,
        language=language,
        scope=scope,
        requested_by=actor,
        steps_total=len(documents.steps_of(Pack.Kind.CASE)),
    )
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="case_pack_requested",
        data={"pack": pack.pk, "version": version, "language": language, "scope": scope},
    )
    _queue(pack)
    return pack


@transaction.atomic
def waira_pack_request(*, actor: User, waira: Waira, language: str) -> Pack:
    waira = Waira.objects.select_for_update().get(pk=waira.pk)
    scope = permissions.scope_for_waira(actor, waira)
    require(scope is not None)
    assert scope is not None
    version = (waira.packs.aggregate(last=Max("version"))["last"] or 0) + 1
    pack = Pack.objects.create(
        organisation_id=waira.organisation_id,
        kind=Pack.Kind.WAIRA,
        waira=waira,
        version=version,
        language=language,
        scope=scope,
        requested_by=actor,
        steps_total=len(documents.steps_of(Pack.Kind.WAIRA)),
    )
    _queue(pack)
    return pack


def pack_build(*, pack_id: int) -> Pack | None:
    """Build a queued pack, recording each step as it finishes (each in its own short write,
    so the progress page sees it at once). A pack already started is left alone: a task
    delivered twice builds once."""
    started = Pack.objects.filter(pk=pack_id, state=Pack.State.QUEUED).update(
        state=Pack.State.RUNNING
    )
    if not started:
        return None
    from packs.selectors import pack_for_task

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
        Pack.objects.filter(pk=pack_id).update(
            state=Pack.State.FAILED, finished_at=timezone.now()
        )
        raise
    return pack

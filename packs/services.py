"""Every write of packs a person makes: asking for a pack (a new version, queued for its task,
which builds it: packs/builder.py)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from core.models import User
from core.permissions import require
from core.services import timeline_record
from packs import documents, permissions
from packs.models import Pack
from packs.tasks import build_pack
from procurement.models import ProcurementCase
from waira.models import Waira


def _queue(pack: Pack) -> None:
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

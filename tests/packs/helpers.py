"""A case with something in every section of its pack, built through the real services."""

from __future__ import annotations

import io
import re

from django.test import TestCase
from pypdf import PdfReader

from core.models import Organisation, User
from packs import services
from packs.models import Pack
from procurement import services as procurement_services
from procurement.models import ProcurementCase
from procurement.stages import Stage
from tests.procurement_helpers import case_at
from tests.waira_helpers import assessable_system, complete_waira


def case_with_records(
    commissioner: User, organisation: Organisation, union_rep: User, *, wairas: int = 1
) -> ProcurementCase:
    case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
    system = assessable_system(commissioner, organisation, name="RotaWise")
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    for _ in range(wairas):
        complete_waira(commissioner, system)
    return case


def make_pack(actor: User, case: ProcurementCase, language: str = "en") -> Pack:
    """Ask for a pack and run its task (Celery runs tasks eagerly in tests, on commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        pack = services.case_pack_request(actor=actor, case=case, language=language)
    pack.refresh_from_db()
    return pack


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def read(field) -> bytes:
    with field.open("rb") as handle:
        data: bytes = handle.read()
    return data

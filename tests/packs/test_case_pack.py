"""The case assessment pack: what it prints, its hash, its language and versions."""

from __future__ import annotations

import pytest

from packs.models import Pack
from tests.packs.helpers import case_with_records, make_pack, pdf_text, read

pytestmark = pytest.mark.django_db


def test_a_pack_prints_every_section_of_the_case(commissioner, organisation, union_rep):
    case = case_with_records(commissioner, organisation, union_rep)
    pack = make_pack(commissioner, case)
    assert pack.state == Pack.State.DONE
    text = pdf_text(read(pack.file))
    for words in (
        "Assessment pack 1: Rostering assistant for home care",
        "Contents",
        "The stages",
        "Worker-voice ledger",
        "Gate decisions",
        "The AI systems",
        "RotaWise",
        "The latest WAIRA, version 1, in full",
        "Explanation and reconsideration requests in figures",
        "The full timeline",
        pack.sha256[:20],
    ):
        assert words in text, words

"""The case assessment pack: what it prints, its hash, its language and versions."""

from __future__ import annotations

import datetime
import difflib
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from accountability.models import Failure, Obligation
from core.clock import uk_today
from core.roles import Role
from core.services import timeline_record
from packs import documents
from packs.models import Pack
from procurement import services as procurement_services
from procurement.models import EngagementApproach, GateDecision, ProcurementCase
from tests.factories import member
from tests.packs.helpers import case_with_records, make_pack, pdf_text, read
from tests.waira_helpers import assessable_system

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


def _document(user, case: ProcurementCase, scope: str = Pack.Scope.FULL) -> documents.Document:
    pack = Pack.objects.create(
        organisation=case.organisation,
        kind=Pack.Kind.CASE,
        case=case,
        version=Pack.objects.filter(case=case).count() + 1,
        language="en",
        scope=scope,
        requested_by=user,
    )
    return documents.case_document(pack, lambda key: None)


def _failure(system, key: str) -> Failure:
    day = datetime.date(2026, 6, 1)
    return Failure.objects.create(
        organisation=system.organisation,
        obligation=Obligation.REGISTER_ENTRY,
        system=system,
        source_key=key,
        failure_date_protective=day,
        failure_date_safe=day,
        limitation_safe=datetime.date(2099, 1, 1),
        limitation_protective=datetime.date(2099, 1, 1),
    )


def _chart(document: documents.Document, key: str) -> dict[str, Any]:
    return next(f for f in document.content["sections"]["charts"] if f["key"] == key)


def test_the_pack_draws_the_case_in_charts_with_their_tables(commissioner, organisation, union_rep):
    case = case_with_records(commissioner, organisation, union_rep)
    document = _document(commissioner, case)
    pdf = documents.print_pdf(document, "en")
    text = pdf_text(pdf)
    # Still tagged PDF/UA with the charts in it.
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert isinstance(root, DictionaryObject)
    mark_info = root["/MarkInfo"]
    assert isinstance(mark_info, DictionaryObject)
    assert bool(mark_info["/Marked"]) and "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "en"
    for words in (
        "The case in charts",
        "Engagement with workers at each stage",
        "Days in each stage",
        "Gate decisions by kind",
        "Requests per AI system and kind",
        "Failures and tribunal dates",
        "Workers taking part",
        "Soonest date to file",
    ):
        assert words in text, words
    signed = GateDecision.objects.filter(case=case, kind=GateDecision.Kind.SIGN_OFF).count()
    assert signed > 0
    label = str(GateDecision.Kind.SIGN_OFF.label)
    assert [label, str(signed)] in _chart(document, "pack-gate-decisions")["rows"]
    assert f"{label} {signed}" in text  # the table's row, printed beside the chart
    # Each chart is the oversight pages' accessible SVG, named and described.
    assert '<svg id="chart-pack-gate-decisions"' in document.html or (
        'id="chart-pack-gate-decisions"' in document.html
    )
    assert '<title id="chart-pack-engagement-title">' in document.html
    assert document.html.count('role="img"') == 5


def test_the_charts_count_only_the_case_and_what_the_reader_may_see(
    commissioner, organisation, union_rep
):
    case = case_with_records(commissioner, organisation, union_rep)
    system = case.ai_systems.get()
    elsewhere = assessable_system(commissioner, organisation, name="PayCheck")
    _failure(system, "s16:system:case")
    _failure(elsewhere, "s16:system:elsewhere")
    label = str(Obligation.REGISTER_ENTRY.label)
    for user, scope in (
        (commissioner, Pack.Scope.FULL),
        (union_rep, Pack.Scope.REPRESENTATIVE),
    ):
        rows = _chart(_document(user, case, scope), "pack-failures")["rows"]
        assert [label, "1", "1", "2099-01-01"] in rows, (scope, rows)
    # A representative not assigned to the case would see none of its failures.
    other = member(Role.UNION_REPRESENTATIVE, organisation)
    document = _document(other, case, Pack.Scope.REPRESENTATIVE)
    keys = [f["key"] for f in document.content["sections"]["charts"]]
    assert "pack-failures" not in keys and "pack-requests" not in keys


def _grow(case: ProcurementCase, commissioner, entries: int) -> None:
    approach = EngagementApproach.objects.filter(stage=case.stage).first()
    assert approach is not None
    for number in range(entries):
        procurement_services.engagement_record(
            actor=commissioner,
            case=case,
            approach=approach,
            held_on=uk_today(),
            worker_groups=f"Care workers, team {number}",
            worker_count=12,
            issues_raised="Travel time between visits.",
            employer_response="Travel time is now a hard constraint.",
        )
        timeline_record(
            organisation=case.organisation,
            subject=case,
            actor=commissioner,
            kind="case_updated",
            reason="The case's details were reviewed.",
        )


def test_the_pack_reads_as_many_rows_in_the_same_number_of_queries(
    commissioner, organisation, union_rep
):
    case = case_with_records(commissioner, organisation, union_rep)
    _grow(case, commissioner, 3)
    _document(commissioner, case)  # warm: content types and the like are cached after this
    with CaptureQueriesContext(connection) as few:
        _document(commissioner, case)
    _grow(case, commissioner, 6)
    with CaptureQueriesContext(connection) as many:
        document = _document(commissioner, case)
    assert len(document.content["sections"]["timeline"]) >= 9
    assert len(many) == len(few), "\n".join(
        difflib.unified_diff(
            [q["sql"][:150] for q in few.captured_queries],
            [q["sql"][:150] for q in many.captured_queries],
            lineterm="",
        )
    )

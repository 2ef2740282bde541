"""The incidents section of the case assessment pack (issue 16, item 1): each incident on the
case's AI systems for staff, with the reporter never named where they chose anonymity; counts
only for a union representative; in English and Welsh; and no more queries for more incidents."""

from __future__ import annotations

import datetime
import difflib

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.roles import Role
from oversight import services
from oversight.models import Incident, IncidentKind, IncidentStatus
from packs import documents
from packs.models import Pack
from procurement import services as procurement_services
from procurement.models import ProcurementCase
from procurement.stages import Stage
from registers.models import DecisionCategory
from tests.procurement_helpers import case_at
from tests.system_helpers import system_in_high_risk_use
from tests.waira_helpers import at_noon

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2026, 1, 5)
REPORTED = datetime.date(2026, 3, 2)
ANSWERED = datetime.date(2026, 3, 9)


@pytest.fixture
def case(commissioner, organisation, union_rep) -> ProcurementCase:
    case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
    system = system_in_high_risk_use(commissioner, organisation, first_use=FIRST_USE)
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    return case


@pytest.fixture
def enough_workers(organisation, user_with_role):
    """Enough workers in Llais for a report to be anonymous among them."""
    for _other in range(organisation.anonymity_minimum_consultees):
        user_with_role(Role.WORKER)


def report(actor, case: ProcurementCase, **fields) -> Incident:
    with time_machine.travel(at_noon(fields.pop("on", REPORTED)), tick=False):
        return services.incident_report(
            actor=actor,
            system=case.ai_systems.get(),
            kind=fields.pop("kind", IncidentKind.ERROR),
            description=fields.pop("description", "The rota gave me a visit while on leave."),
            **fields,
        )


def answer(actor, incident: Incident, response: str = "We have fixed the leave feed.") -> None:
    with time_machine.travel(at_noon(ANSWERED), tick=False):
        services.incident_answer(
            actor=actor, incident=incident, status=IncidentStatus.ANSWERED, response=response
        )


def document(user, case: ProcurementCase, scope=Pack.Scope.FULL, language="en"):
    pack = Pack.objects.create(
        organisation=case.organisation,
        kind=Pack.Kind.CASE,
        case=case,
        version=Pack.objects.filter(case=case).count() + 1,
        language=language,
        scope=scope,
        requested_by=user,
    )
    return documents.case_document(pack, lambda key: None)


def section_html(html: str) -> str:
    start = html.index('<section id="section-incidents">')
    return html[start : html.index("</section>", start)]


def test_the_pack_lists_each_incident_with_its_dates_status_and_answer(case, commissioner, worker):
    category = DecisionCategory.objects.order_by("order").first()
    assert category is not None
    incident = report(
        worker,
        case,
        kind=IncidentKind.DIFFERENT_EFFECT,
        group_affected="Night-shift carers",
        decision_category=category,
    )
    answer(commissioner, incident)
    doc = document(commissioner, case)
    html = section_html(doc.html)
    for words in (
        "Incidents reported on the AI systems",
        "RotaWise, reported on 2 March 2026",
        "A different effect on a group of people",
        category.label_en,
        "Night-shift carers",
        "9 March 2026",
        "Answered",
        "We have fixed the leave feed.",
        worker.get_full_name(),  # reported in their own name: staff see it
    ):
        assert words in html, words
    [row] = doc.content["sections"]["incidents"]["incidents"]
    assert row["reported_on"] == "2026-03-02" and row["answered_on"] == "2026-03-09"
    assert row["status"] == IncidentStatus.ANSWERED
    assert row["decision_category"] == category.key
    assert row["reported_by"] == worker.get_full_name()


def test_a_case_without_incidents_says_so_in_one_line(case, commissioner):
    doc = document(commissioner, case)
    html = section_html(doc.html)
    assert "<p>No incidents have been reported on the case's AI systems.</p>" in html
    assert doc.content["sections"]["incidents"] == {"incidents": []}


def test_an_anonymous_reporter_is_never_named(case, commissioner, worker, enough_workers):
    incident = report(worker, case, anonymous=True)
    answer(commissioner, incident)
    doc = document(commissioner, case)
    html = section_html(doc.html)
    assert "Anonymous" in html
    [row] = doc.content["sections"]["incidents"]["incidents"]
    assert row["anonymous"] and row["reported_by"] is None
    for trace in (worker.get_full_name(), worker.email, worker.username):
        assert trace not in doc.html, trace
        assert trace not in str(doc.content), trace


def test_a_union_representative_reads_counts_only(
    case, commissioner, union_rep, worker, user_with_role, enough_workers
):
    anonymous = user_with_role(Role.WORKER)
    answered = report(anonymous, case, anonymous=True, description="Visits overlapped on Tuesday.")
    answer(commissioner, answered, response="The supplier corrected the overlap rule.")
    report(worker, case, description="Mileage was worked out wrongly.")
    report(union_rep, case, description="A carer was sent to a client she had refused.")
    doc = document(union_rep, case, Pack.Scope.REPRESENTATIVE)
    html = section_html(doc.html)
    assert doc.content["sections"]["incidents"] == {
        "counts": [{"system": "RotaWise", "kind": IncidentKind.ERROR, "total": 3, "open": 2}]
    }
    assert "An error in a decision or a record" in html
    for hidden in (
        "Visits overlapped on Tuesday.",
        "The supplier corrected the overlap rule.",
        "Mileage was worked out wrongly.",
        "A carer was sent to a client she had refused.",
    ):
        assert hidden not in doc.html, hidden
    # Not even their own report is listed: staff may read a representative's pack.
    assert worker.get_full_name() not in html and union_rep.get_full_name() not in html
    for trace in (anonymous.get_full_name(), anonymous.email, anonymous.username):
        assert trace not in doc.html and trace not in str(doc.content), trace


def test_a_representative_of_another_case_reads_nothing_of_this_one(
    case, commissioner, worker, user_with_role
):
    report(worker, case)
    other = user_with_role(Role.UNION_REPRESENTATIVE)
    doc = document(other, case, Pack.Scope.REPRESENTATIVE)
    assert doc.content["sections"]["incidents"] == {"counts": []}


def test_the_section_reads_in_welsh(case, commissioner, worker):
    category = DecisionCategory.objects.order_by("order").first()
    assert category is not None and category.label_cy != category.label_en
    incident = report(worker, case, kind=IncidentKind.BUG, decision_category=category)
    answer(commissioner, incident)
    html = section_html(document(commissioner, case, language="cy").html)
    for words in (
        "Nam: ni weithiodd y system fel y dylai",
        category.label_cy,
        "Wedi&#x27;i ateb",
        "Rhoddwyd gwybod gan",
        "Mawrth 2026",
    ):
        assert words in html, words
    assert "A bug: the system did not work as it should" not in html
    assert category.label_en not in html


def test_more_incidents_take_no_more_queries(case, commissioner, worker, enough_workers):
    category = DecisionCategory.objects.order_by("order").first()
    answer(commissioner, report(worker, case, decision_category=category))
    document(commissioner, case)  # warm: content types and the like are cached after this
    with CaptureQueriesContext(connection) as few:
        document(commissioner, case)
    for number in range(4):
        incident = report(worker, case, anonymous=number % 2 == 0, decision_category=category)
        answer(commissioner, incident)
    report(commissioner, case)
    with CaptureQueriesContext(connection) as many:
        doc = document(commissioner, case)
    assert len(doc.content["sections"]["incidents"]["incidents"]) == 6
    assert len(many) == len(few), "\n".join(
        difflib.unified_diff(
            [q["sql"][:150] for q in few.captured_queries],
            [q["sql"][:150] for q in many.captured_queries],
            lineterm="",
        )
    )

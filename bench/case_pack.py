"""`make bench`, the case assessment pack: a large case (50 ledger entries, 3 WAIRAs, 300
timeline events) built whole, beside WeasyPrint alone on the same HTML (the aim: at most 1.3x),
and the time the "make a pack" request takes to answer (it only writes a row and queues).

Alone: `BENCH_DATABASE=llais_bench_packs .venv/bin/python bench/case_pack_alone.py`."""

from __future__ import annotations

import io
import statistics
import time
from typing import Any

from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from core.clock import uk_today
from core.models import Organisation, User
from core.pdf import html_to_pdf
from core.roles import Role
from core.services import timeline_record
from packs import builder, documents, tasks
from packs.models import Pack
from procurement import services as procurement_services
from procurement.models import EngagementApproach
from tests.procurement_helpers import new_case
from tests.waira_helpers import assessable_system, complete_waira

REPEATS = 5
REQUESTS = 30


def _median_ms(action: Any, repeats: int = REPEATS) -> float:
    action()  # warm: fonts loaded, templates compiled
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def _paired(pack: Pack, repeats: int = REPEATS) -> tuple[float, float, float]:
    """The whole pack and WeasyPrint alone on the HTML that very build made (same options:
    core.pdf.html_to_pdf, tagged PDF/UA-1), timed in pairs, one after the other, so that a
    machine busy with other work slows both sides of a pair alike. Medians of each side, and
    the median of the pairs' ratios."""
    made: list[documents.Document] = []

    def build() -> None:
        document = documents.case_document(pack, lambda key: None)
        made.append(document)
        documents.print_pdf(document, pack.language)

    build()
    html_to_pdf(made[-1].html)  # warm: fonts loaded, templates compiled
    wholes, alones = [], []
    for _ in range(repeats):
        started = time.perf_counter()
        build()
        wholes.append(time.perf_counter() - started)
        started = time.perf_counter()
        html_to_pdf(made[-1].html)
        alones.append(time.perf_counter() - started)
    ratios = [w / a for w, a in zip(wholes, alones, strict=True)]
    return (
        statistics.median(wholes) * 1000,
        statistics.median(alones) * 1000,
        statistics.median(ratios),
    )


def _task_ms(pack: Pack, repeats: int = 3) -> float:
    """The whole task as a worker runs it (packs.builder.pack_build): progress writes, the PDF,
    and the evidence bundle with every WAIRA's PDF printed for it."""
    samples = []
    for _ in range(repeats):
        queued = Pack.objects.create(
            organisation=pack.organisation,
            kind=pack.kind,
            case=pack.case,
            version=Pack.objects.filter(case=pack.case).count() + 1,
            language=pack.language,
            scope=pack.scope,
            requested_by=pack.requested_by,
        )
        started = time.perf_counter()
        builder.pack_build(pack_id=queued.pk)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def large_case(
    organisation: Organisation, commissioner: User, union_rep: User, workers: list[User]
):
    case = new_case(commissioner, organisation, union_rep)
    approach = EngagementApproach.objects.filter(stage=case.stage).first()
    assert approach is not None
    for number in range(50):
        procurement_services.engagement_record(
            actor=commissioner,
            case=case,
            approach=approach,
            held_on=uk_today(),
            worker_groups=f"Care workers, team {number}",
            worker_count=12,
            issues_raised=f"Issue {number}: travel time between visits. " * 4,
            employer_response="Travel time is now a hard constraint. " * 3,
        )
    system = assessable_system(commissioner, organisation, name="RotaWise")
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    for _ in range(3):
        complete_waira(commissioner, system, workers)
    for _ in range(300 - _events(case)):
        timeline_record(
            organisation=organisation,
            subject=case,
            actor=commissioner,
            kind="case_updated",
            reason="Bench: the case's details were reviewed.",
        )
    return case


def _events(case: Any) -> int:
    from packs.selectors import timeline_of

    return len(timeline_of(case, case.commissioner))


def run(organisation: Organisation, person: Any) -> None:
    commissioner = User.objects.get(username="commissioner")
    union_rep = User.objects.get(username="union")
    workers = [person(organisation, f"pack-worker{number}", Role.WORKER) for number in range(5)]
    case = large_case(organisation, commissioner, union_rep, workers)
    pack = Pack.objects.create(
        organisation=organisation,
        kind=Pack.Kind.CASE,
        case=case,
        version=1,
        language="en",
        scope=Pack.Scope.FULL,
        requested_by=commissioner,
    )
    document = documents.case_document(pack, lambda key: None)
    pdf = documents.print_pdf(document, "en")
    whole, alone, ratio = _paired(pack)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)

    # The request: it writes the next version and queues the task (the queueing is replaced by
    # a no-op here, so the figure is the page's own work, not the build).
    client = Client()
    client.force_login(commissioner)
    url = reverse("packs:case_packs", args=[case.pk])
    delay = tasks.build_pack.delay
    tasks.build_pack.delay = lambda *args, **kwargs: None  # type: ignore[method-assign,assignment]
    try:
        answer = _median_ms(lambda: client.post(url, {"language": "en"}), repeats=REQUESTS)
    finally:
        tasks.build_pack.delay = delay  # type: ignore[method-assign]
    print()
    print(
        f"Case assessment pack ({pages} pages, {len(pdf) // 1024} KiB, "
        f"{_events(case)} timeline events, median of {REPEATS} pairs)"
    )
    print(f"{'whole pack':<24}{'WeasyPrint alone':>20}{'ratio':>8}")
    print(f"{whole:>21.0f} ms{alone:>17.0f} ms{ratio:>8.2f}")
    print(
        f"The whole task (progress, PDF and the evidence bundle with its WAIRA PDFs), median of 3: "
        f"{_task_ms(pack):.0f} ms"
    )
    print(f"'Make a pack' request (queues only), median of {REQUESTS}: {answer:.1f} ms")

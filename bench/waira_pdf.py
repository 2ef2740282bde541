"""`make bench`, the WAIRA PDF: a typical pack rendered whole, beside WeasyPrint alone on the
same HTML. The difference is Llais's own work (queries, content, template); the ratio is the
figure on a noisy machine."""

from __future__ import annotations

import io
import statistics
import time

from pypdf import PdfReader

from core.models import Organisation, User
from core.pdf import html_to_pdf
from core.roles import Role
from tests.waira_helpers import answer_everything, assessable_system, complete_waira, share
from waira import services
from waira.pdf import waira_pack_html, waira_pdf_response

REPEATS = 7


def _median_ms(action) -> float:
    action()  # warm: fonts loaded, templates compiled
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def typical_waira(organisation: Organisation, commissioner: User, workers: list[User]):
    """A further WAIRA under consultation: every answer written, a difference from the last,
    five concerns heard and answered."""
    system = assessable_system(commissioner, organisation, name="RotaWise")
    complete_waira(commissioner, system, workers)
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    services.waira_update(
        actor=commissioner,
        waira=waira,
        texts={"purpose": "Fair daily rounds, now with weekend cover. " * 8},
        statute_risks={},
        not_reasonably_practicable={},
    )
    share(commissioner, waira, workers)
    for number, worker in enumerate(workers):
        concern = services.concern_raise(
            actor=worker, waira=waira, text=f"Concern {number}: breaks. " * 10, anonymous=True
        )
        services.concern_respond(
            actor=commissioner, concern=concern, response="Breaks are protected. " * 6
        )
    return waira


def run(organisation: Organisation, person) -> None:
    commissioner = User.objects.get(username="commissioner")
    workers = [person(organisation, f"worker{number}", Role.WORKER) for number in range(5)]
    waira = typical_waira(organisation, commissioner, workers)
    html = waira_pack_html(waira)
    pdf = waira_pdf_response(waira).content
    whole = _median_ms(lambda: waira_pdf_response(waira))
    alone = _median_ms(lambda: html_to_pdf(html))
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    print()
    print(f"WAIRA PDF ({pages} pages, {len(pdf) // 1024} KiB, median of {REPEATS})")
    print(f"{'whole pack':<24}{'WeasyPrint alone':>20}{'ratio':>8}")
    print(f"{whole:>21.0f} ms{alone:>17.0f} ms{whole / alone:>8.2f}")

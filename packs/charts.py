"""The case pack's charts: the oversight dashboard's kind of figure (a title, a description, a
table and the same accessible SVG chart, oversight/charts.py), counted over one case and over
only what the reader may see: the selectors the other sections use decide it (the systems a
union representative may see, their failures). Counts about people (requests) keep the small
numbers hidden, as everywhere else."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from core import legal_time
from core.clock import uk_today
from core.extensions import PackContent, PackSection, ReportFigure, register_pack_section
from oversight.charts import bar_chart
from packs import selectors
from packs.sections import Reader
from procurement.models import GateDecision, ProcurementCase
from procurement.stages import TOOLKIT_STAGES, Stage


def _engagement(case: ProcurementCase) -> ReportFigure:
    activities = selectors.activities_of(case)
    rows = []
    for stage in TOOLKIT_STAGES:
        held = [a for a in activities if a.stage == stage]
        rows.append((str(Stage(stage).label), len(held), sum(a.worker_count or 0 for a in held)))
    return ReportFigure(
        key="pack-engagement",
        title=_("Engagement with workers at each stage"),
        description=_(
            "How many engagement activities were recorded in the ledger at each stage, and how "
            "many workers took part in them."
        ),
        columns=(_("Stage"), _("Activities"), _("Workers taking part")),
        rows=rows,
        bars=[(label, count) for label, count, _workers in rows],
        value_label=_("Activities"),
    )


def _time_in_stage(case: ProcurementCase) -> ReportFigure:
    today = uk_today()
    dates = selectors.stage_dates(case)
    rows: list[tuple[Any, ...]] = []
    for stage in TOOLKIT_STAGES:
        entered, left = dates.get(stage, (None, None))
        if entered is None:
            continue
        until: date = legal_time.uk_date(left) if left is not None else today
        rows.append(
            (
                str(Stage(stage).label),
                legal_time.uk_date(entered).isoformat(),
                legal_time.uk_date(left).isoformat() if left is not None else str(_("not yet")),
                (until - legal_time.uk_date(entered)).days,
            )
        )
    return ReportFigure(
        key="pack-time-in-stage",
        title=_("Days in each stage"),
        description=_(
            "When the case entered and left each stage it reached, and the days it spent there "
            "(up to today for the stage it is in)."
        ),
        columns=(_("Stage"), _("Entered"), _("Left"), _("Days")),
        rows=rows,
        bars=[(row[0], row[3]) for row in rows],
        value_label=_("Days"),
    )


def _gate_decisions(case: ProcurementCase) -> ReportFigure:
    counts = Counter(decision.kind for decision in selectors.gate_decisions_of(case))
    rows = [(str(kind.label), counts[kind]) for kind in GateDecision.Kind]
    bars: list[tuple[str, int | None]] = [(label, count) for label, count in rows]
    return ReportFigure(
        key="pack-gate-decisions",
        title=_("Gate decisions by kind"),
        description=_(
            "The decisions recorded at the case's gates: sign-offs, overrides by the "
            "commissioner and dissents by a union representative."
        ),
        columns=(_("Decision"), _("Number")),
        rows=rows,
        bars=bars,
        value_label=_("Decisions"),
    )


def _requests(systems: list[Any]) -> ReportFigure:
    figures = selectors.request_figures_for(systems)
    kinds = {"explanation": _("Explanation (s.17)"), "reconsideration": _("Reconsideration (s.18)")}
    rows: list[tuple[Any, ...]] = []
    bars: list[tuple[str, int | None]] = []
    for system in systems:
        for row in figures.get(system.pk, []):
            kind = str(kinds.get(row.kind, row.kind))
            rows.append(
                (
                    system.name,
                    kind,
                    str(row.total),
                    str(row.answered_in_time),
                    str(row.altered),
                    str(row.refused),
                )
            )
            bars.append((f"{system.name}: {kind}", row.total.value))
    return ReportFigure(
        key="pack-requests",
        title=_("Requests per AI system and kind"),
        description=_(
            "Explanation and reconsideration requests about each of the case's AI systems: how "
            "many, how many were answered in time, reconsiderations that altered the decision, "
            "and refusals. Small numbers are not shown, so that nobody can be picked out."
        ),
        columns=(
            _("AI system"),
            _("Kind"),
            _("Requests"),
            _("Answered in time"),
            _("Decision altered"),
            _("Refused"),
        ),
        rows=rows,
        bars=bars,
        value_label=_("Requests"),
    )


def _failures(systems: list[Any], reader: Reader) -> ReportFigure:
    today = uk_today()
    rows: list[tuple[Any, ...]] = []
    for obligation, total, in_time, soonest in selectors.failure_counts_for(
        systems, reader.user, today
    ):
        rows.append(
            (
                str(obligation.label),
                total,
                in_time,
                soonest.isoformat() if soonest else str(_("none in time")),
            )
        )
    return ReportFigure(
        key="pack-failures",
        title=_("Failures and tribunal dates"),
        description=_(
            "For each duty of Part 3, the failures recorded about the case's AI systems, how "
            "many are still in time for a claim to an employment tribunal, and the soonest date "
            "to file one."
        ),
        columns=(_("Duty"), _("Failures"), _("Still in time"), _("Soonest date to file")),
        rows=rows,
        bars=[(row[0], row[2]) for row in rows],
        value_label=_("Failures still in time"),
    )


def build_charts(case: ProcurementCase, reader: Reader) -> PackContent:
    systems = selectors.systems_for(case, reader.user)
    figures = [_engagement(case), _time_in_stage(case), _gate_decisions(case)]
    if systems:
        figures += [_requests(systems), _failures(systems, reader)]
    drawn = [
        (
            figure,
            bar_chart(
                key=figure.key,
                title=str(figure.title),
                description=str(figure.description),
                bars=figure.bars,
                printed=True,
            ),
        )
        for figure in figures
    ]
    content = [
        {
            "key": figure.key,
            "columns": [str(column) for column in figure.columns],
            "rows": [[str(value) for value in row] for row in figure.rows],
        }
        for figure in figures
    ]
    return PackContent(content=content, context={"figures": drawn})


SECTION = PackSection("charts", 80, _("The case in charts"), "packs/pdf/charts.html", build_charts)
register_pack_section(SECTION)

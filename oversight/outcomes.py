"""Outcome signals, the reads: per AI system in use, over a rolling window of days ending today,
the requests made, how many answers were late, the reconsiderations that altered the decision,
the exemptions used and the incidents reported; and which of them reached the organisation's
thresholds. Every read is a fixed number of queries, however many systems (tests/oversight/
test_outcome_signals.py counts them at 2 and at 20 systems).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core import legal_time
from core.extensions import ReportFigure
from core.models import Organisation
from core.small_numbers import Figure, figure
from oversight.models import (
    PEOPLE_FIGURES,
    SHARE_FIGURES,
    Incident,
    OutcomeSignalSettings,
    Signal,
    SignalFigure,
)
from registers.models import AISystem
from rights_requests.models import RightsRequest
from rights_requests.models.answers import ReconsiderationOutcome, RequestAnswer
from rights_requests.models.exemptions import ExemptionClaim, ExemptionDecision
from rights_requests.models.requests import RequestKind

FIGURE_LABELS = dict(SignalFigure.choices)


def signal_settings_of(organisation: Organisation) -> OutcomeSignalSettings:
    """The organisation's thresholds, or the defaults (unsaved) if it never set them."""
    found = OutcomeSignalSettings.objects.filter(organisation=organisation).first()
    return found or OutcomeSignalSettings(organisation=organisation)


def signal_settings_for(organisation_ids: Iterable[int]) -> dict[int, OutcomeSignalSettings]:
    ids = set(organisation_ids)
    found = {
        row.organisation_id: row
        for row in OutcomeSignalSettings.objects.filter(organisation_id__in=ids)
    }
    return {pk: found.get(pk) or OutcomeSignalSettings(organisation_id=pk) for pk in ids}


def systems_in_use(today: date) -> QuerySet[AISystem]:
    return AISystem.objects.filter(
        first_use__isnull=False, first_use__lte=today, end_of_use__isnull=True
    )


def systems_in_use_of(organisation: Organisation, today: date) -> QuerySet[AISystem]:
    return systems_in_use(today).filter(organisation=organisation).order_by("name", "id")


def window_start(today: date, window_days: int) -> date:
    """The first day of a window of `window_days` days that ends today (both counted)."""
    return legal_time.add_days(today, -(window_days - 1))


@dataclass(frozen=True)
class OutcomeFigures:
    """One system's counts over the window (raw: pages show them through `figure`)."""

    requests_made: int = 0
    answered: int = 0
    answered_in_time: int = 0
    reconsiderations_answered: int = 0
    decisions_altered: int = 0
    exemptions_used: int = 0
    incidents: int = 0

    def value(self, which: str, minimum_answered: int) -> int | None:
        """The figure `which` as compared with its threshold: a count, or a whole percentage of
        the answers (None while there are fewer answers than `minimum_answered`)."""
        if which == SignalFigure.ANSWERED_LATE:
            return _share(self.answered - self.answered_in_time, self.answered, minimum_answered)
        if which == SignalFigure.DECISIONS_ALTERED:
            return _share(self.decisions_altered, self.reconsiderations_answered, minimum_answered)
        return int(getattr(self, which))


def _share(part: int, whole: int, minimum: int) -> int | None:
    if whole < max(minimum, 1):
        return None
    return part * 100 // whole


def outcome_figures(
    system_ids: Iterable[int], *, today: date, window_days: int
) -> dict[int, OutcomeFigures]:
    """Each system's figures over the `window_days` days ending `today`: four queries."""
    ids = list(system_ids)
    first_day = window_start(today, window_days)
    after = legal_time.end_of_uk_day(legal_time.add_days(first_day, -1))
    until = legal_time.end_of_uk_day(today)
    counts: dict[int, dict[str, int]] = {pk: {} for pk in ids}
    made = (
        RightsRequest.objects.filter(
            ai_system_id__in=ids, request_date__gte=first_day, request_date__lte=today
        )
        .values("ai_system_id")
        .annotate(requests_made=Count("id"))
        .order_by()
    )
    answers = (
        RequestAnswer.objects.filter(
            request__ai_system_id__in=ids, answered_at__gt=after, answered_at__lte=until
        )
        .values("request__ai_system_id")
        .annotate(
            answered=Count("id"),
            answered_in_time=Count("id", filter=Q(in_time=True)),
            reconsiderations_answered=Count(
                "id", filter=Q(request__kind=RequestKind.RECONSIDERATION) & ~Q(outcome="")
            ),
            decisions_altered=Count(
                "id",
                filter=Q(
                    request__kind=RequestKind.RECONSIDERATION,
                    outcome=ReconsiderationOutcome.ALTERED,
                ),
            ),
        )
        .order_by()
    )
    exemptions = (
        ExemptionClaim.objects.filter(
            request__ai_system_id__in=ids,
            decision=ExemptionDecision.APPLIES,
            decided_at__gt=after,
            decided_at__lte=until,
        )
        .values("request__ai_system_id")
        .annotate(exemptions_used=Count("id"))
        .order_by()
    )
    incidents = (
        Incident.objects.filter(
            system_id__in=ids, reported_on__gte=first_day, reported_on__lte=today
        )
        .values("system_id")
        .annotate(incidents=Count("id"))
        .order_by()
    )
    grouped: list[tuple[Any, str]] = [
        (made, "ai_system_id"),
        (answers, "request__ai_system_id"),
        (exemptions, "request__ai_system_id"),
        (incidents, "system_id"),
    ]
    for rows, key in grouped:
        for row in rows:
            found: dict[str, int] = dict(row)
            counts[found.pop(key)].update(found)
    return {pk: OutcomeFigures(**counts[pk]) for pk in ids}


def figures_reached(
    figures: OutcomeFigures, settings: OutcomeSignalSettings
) -> dict[str, tuple[int, int]]:
    """The figures at or above their thresholds: figure -> (value, threshold)."""
    reached = {}
    for which in SignalFigure.values:
        value, threshold = (
            figures.value(which, settings.minimum_answered),
            settings.threshold(which),
        )
        if value is not None and value >= threshold:
            reached[which] = (value, threshold)
    return reached


# --- What the pages show ------------------------------------------------------------------------


@dataclass(frozen=True)
class FigureRow:
    """One figure of a system as a page shows it: a count of people below the small-number
    threshold as "fewer than N"; a share only once there are enough answers to judge it."""

    key: str
    label: str
    shown: Figure | str
    threshold: int
    reached: bool
    # The value as a percentage of its threshold (100: a signal); None where it is not shown.
    of_threshold: int | None


def _shown(which: str, value: int | None, small: int) -> Figure | str:
    if which in SHARE_FIGURES:
        return f"{value}%" if value is not None else str(_("too few answers to judge"))
    if which in PEOPLE_FIGURES:
        return figure(value or 0, small)
    return str(value or 0)


def figure_rows(
    figures: OutcomeFigures, settings: OutcomeSignalSettings, small: int
) -> list[FigureRow]:
    rows = []
    for which in SignalFigure.values:
        value = figures.value(which, settings.minimum_answered)
        threshold = settings.threshold(which)
        shown = _shown(which, value, small)
        hidden = value is None or (isinstance(shown, Figure) and shown.is_hidden)
        rows.append(
            FigureRow(
                key=which,
                label=str(FIGURE_LABELS[which]),
                shown=shown,
                threshold=threshold,
                reached=value is not None and value >= threshold,
                of_threshold=None if hidden else (value or 0) * 100 // max(threshold, 1),
            )
        )
    return rows


def open_signals_of(organisation: Organisation) -> QuerySet[Signal]:
    return Signal.objects.filter(organisation=organisation, cleared_on__isnull=True).select_related(
        "system"
    )


def recent_signals_of(organisation: Organisation, *, limit: int = 50) -> list[Signal]:
    return list(Signal.objects.filter(organisation=organisation).select_related("system")[:limit])


def signals_of_system(system: AISystem) -> QuerySet[Signal]:
    return Signal.objects.filter(system=system)


@dataclass(frozen=True)
class SystemOutcome:
    system: AISystem
    rows: list[FigureRow]
    open_signals: int


def organisation_outcomes(organisation: Organisation, today: date) -> list[SystemOutcome]:
    """Every system in use of the organisation with its figures: six queries, however many."""
    settings = signal_settings_of(organisation)
    systems = list(systems_in_use_of(organisation, today))
    figures = outcome_figures(
        [system.pk for system in systems], today=today, window_days=settings.window_days
    )
    open_counts = dict(
        open_signals_of(organisation).values_list("system_id").annotate(n=Count("id")).order_by()
    )
    small = organisation.small_number_threshold
    return [
        SystemOutcome(
            system=system,
            rows=figure_rows(figures[system.pk], settings, small),
            open_signals=open_counts.get(system.pk, 0),
        )
        for system in systems
    ]


def organisation_outcomes_report(
    outcomes: list[SystemOutcome], settings: OutcomeSignalSettings
) -> ReportFigure:
    """The systems' figures as one table (and CSV), charted as the open signals per system."""
    columns: list[Any] = [_("AI system")]
    columns += [FIGURE_LABELS[which] for which in SignalFigure.values]
    columns.append(_("Open signals"))
    rows = [
        (outcome.system.name, *(str(row.shown) for row in outcome.rows), outcome.open_signals)
        for outcome in outcomes
    ]
    return ReportFigure(
        key="outcome-signals",
        title=_("Open outcome signals per AI system"),
        description=_(
            "For each AI system in use, how many of its figures over the last %(days)s days are "
            "at or above the organisation's thresholds. The table gives every figure."
        )
        % {"days": settings.window_days},
        columns=tuple(columns),
        rows=rows,
        bars=[(outcome.system.name, outcome.open_signals) for outcome in outcomes],
        value_label=_("Open signals"),
    )


def system_outcome_report(
    system: AISystem, rows: list[FigureRow], window_days: int
) -> ReportFigure:
    """One system's figures against their thresholds, charted as a percentage of each."""
    return ReportFigure(
        key="system-outcomes",
        title=_("%(system)s: each figure as a share of its threshold") % {"system": system.name},
        description=_(
            "Each figure over the last %(days)s days as a percentage of the organisation's "
            "threshold for it: at 100 or more, Llais raises a signal. A figure that is not "
            "shown (a small number, or too few answers) draws no bar."
        )
        % {"days": window_days},
        columns=(_("Figure"), _("Value"), _("Threshold"), _("Share of the threshold (%)")),
        rows=[
            (
                row.label,
                str(row.shown),
                row.threshold,
                "" if row.of_threshold is None else row.of_threshold,
            )
            for row in rows
        ],
        bars=[(row.label, row.of_threshold) for row in rows],
        value_label=_("Share of the threshold (%)"),
    )

"""Reads of the risk questionnaire (ADR 0016)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils.functional import Promise

from procurement.gates import approach_name, engagement_for
from procurement.models import ProcurementCase, RiskGrading
from procurement.risk import Grading
from procurement.stages import TOOLKIT_STAGES, Stage


def gradings_of(case: ProcurementCase) -> QuerySet[RiskGrading]:
    """The case's gradings, latest first, each with its number of decision categories."""
    return (
        RiskGrading.objects.filter(case=case)
        .select_related("graded_by")
        .annotate(category_count=Count("decision_categories"))
        .order_by("-graded_at", "-id")
    )


def latest_grading(case: ProcurementCase) -> tuple[RiskGrading, Grading] | None:
    grading = gradings_of(case).prefetch_related("decision_categories").first()
    if grading is None:
        return None
    count: int = grading.category_count  # type: ignore[attr-defined]
    return grading, grading.grading(count)


@dataclass(frozen=True)
class StageRow:
    stage: str | Promise
    current: bool
    approaches: tuple[str, ...]  # each "one of" requirement, its approaches' names joined
    union_gate_hard: bool


def engagement_table(case: ProcurementCase) -> list[StageRow]:
    """What the case's level requires at each stage: the table shown beside the questionnaire."""
    rows = []
    for stage in TOOLKIT_STAGES:
        engagement = engagement_for(case.risk_level, stage)
        rows.append(
            StageRow(
                stage=Stage(stage).label,
                current=stage == case.stage,
                approaches=tuple(
                    " / ".join(approach_name(key) for key in options)
                    for options in engagement.required
                ),
                union_gate_hard=engagement.union_gate_hard,
            )
        )
    return rows

"""Reads of the tender stage (issue 18)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.functional import Promise

from procurement.models import (
    EngagementActivity,
    ProcurementCase,
    Requirement,
    TenderQuestion,
    WeightingDecision,
)


def requirements_of(case: ProcurementCase) -> QuerySet[Requirement]:
    return case.requirements.select_related("activity__approach", "recorded_by").order_by(
        "kind", "id"
    )


def requirements_by_kind(
    case: ProcurementCase,
) -> list[tuple[str | Promise, list[Requirement]]]:
    """The specification's requirements under each kind, in the kinds' order (one query)."""
    grouped: dict[str, list[Requirement]] = {}
    for requirement in requirements_of(case):
        grouped.setdefault(requirement.kind, []).append(requirement)
    return [(label, grouped[kind]) for kind, label in Requirement.Kind.choices if kind in grouped]


def activities_answerable(case: ProcurementCase) -> QuerySet[EngagementActivity]:
    """The case's engagement records a requirement can answer."""
    return case.activities.select_related("approach").order_by("-held_on", "-id")


def questions_of(case: ProcurementCase) -> list[TenderQuestion]:
    return list(case.tender_questions.prefetch_related("requirements").order_by("order", "id"))


def weighting_decisions_of(case: ProcurementCase) -> QuerySet[WeightingDecision]:
    return case.weighting_decisions.select_related("decided_by").order_by("-decided_at", "-id")


def table_signed_off(case: ProcurementCase) -> bool:
    latest = weighting_decisions_of(case).first()
    return latest is not None and latest.kind == WeightingDecision.Kind.SIGN_OFF

"""Writes of the risk questionnaire (ADR 0016): lock, permission, state, write, timeline."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import save_with_actor
from core.models import User
from core.permissions import require
from core.services import timeline_record
from procurement import permissions
from procurement.models import ProcurementCase, RiskGrading
from procurement.risk import RiskAnswers, grade, is_lower
from procurement.stages import RiskLevel
from registers.models import DecisionCategory


@transaction.atomic
def risk_grade(
    *,
    actor: User,
    case: ProcurementCase,
    decision_categories: Iterable[DecisionCategory],
    workers_affected: int,
    protected_characteristics: str,
    automation: str,
    reversibility: str,
    reason: str = "",
    confirm_lower: bool = False,
) -> RiskGrading:
    """Set the case's risk level from the questionnaire. Once a level is set, grading again
    needs a reason; a lower level needs it said twice (`confirm_lower`): never silently down."""
    case = ProcurementCase.objects.select_for_update().get(pk=case.pk)
    require(permissions.can_grade_risk(actor, case))
    categories = list(decision_categories)
    grading = grade(
        RiskAnswers(
            decision_categories=len(categories),
            workers_affected=workers_affected,
            protected_characteristics=protected_characteristics,
            automation=automation,
            reversibility=reversibility,
        )
    )
    previous = case.risk_level
    reason = reason.strip()
    if previous and not reason:
        raise ValidationError(
            {"reason": _("Say why the case is being graded again: it stays on the record.")}
        )
    lowered = bool(previous) and is_lower(grading.level, previous)
    if lowered and not confirm_lower:
        raise ValidationError(
            {
                "confirm_lower": _(
                    "These answers set the risk at %(level)s, below %(previous)s. Confirm that "
                    "the level should go down, or change the answers."
                )
                % {
                    "level": RiskLevel(grading.level).label,
                    "previous": RiskLevel(previous).label,
                }
            }
        )
    record = RiskGrading(
        case=case,
        stage=case.stage,
        workers_affected=workers_affected,
        protected_characteristics=protected_characteristics,
        automation=automation,
        reversibility=reversibility,
        level=grading.level,
        previous_level=previous,
        reason=reason,
        graded_by=actor,
    )
    record.full_clean()
    save_with_actor(record, actor)
    record.decision_categories.set(categories)
    case.risk_level = grading.level
    if not case.risk_reasoning.strip():
        case.risk_reasoning = "\n".join(str(line) for line in grading.reasons)
    save_with_actor(case, actor)
    kind = "risk_graded" if not previous else "risk_lowered" if lowered else "risk_regraded"
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind=kind,
        reason=reason,
        data={"level": grading.level, "previous": previous, "points": grading.points},
    )
    return record

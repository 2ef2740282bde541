from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import Organisation, User
from core.services import timeline_record
from registers import permissions
from registers.models import AISystem, DecisionCategory


def _refuse_ungated_high_risk_start(
    used_in_high_risk_decision_making: bool,
    first_use: date | None,
    before: AISystem | None = None,
) -> None:
    """Use in high-risk decision-making starts only through the WAIRA gate (s.14(2), s.15(1):
    waira.services.high_risk_start_record), never by typing a date here."""
    if not (used_in_high_risk_decision_making and first_use):
        return
    if before and before.used_in_high_risk_decision_making and before.first_use == first_use:
        return
    raise ValidationError(
        {
            "first_use": _(
                "For a system used in high-risk decision-making, record the start from the "
                "system's page: Llais first checks the WAIRA and the consultation."
            )
        }
    )


def _validate_dates(
    planned_start: date | None, first_use: date | None, end_of_use: date | None
) -> None:
    if end_of_use and not first_use:
        raise ValidationError({"end_of_use": _("Record when use began before when it ended.")})
    if end_of_use and first_use and end_of_use < first_use:
        raise ValidationError({"end_of_use": _("Use cannot end before it began.")})


@transaction.atomic
def ai_system_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    supplier: str = "",
    description: str = "",
    value_chain: str = "",
    decision_categories: list[DecisionCategory] | None = None,
    used_in_high_risk_decision_making: bool = False,
    planned_start: date | None = None,
    first_use: date | None = None,
    end_of_use: date | None = None,
) -> AISystem:
    if not permissions.can_create_system(actor, organisation):
        raise PermissionDenied
    _validate_dates(planned_start, first_use, end_of_use)
    _refuse_ungated_high_risk_start(used_in_high_risk_decision_making, first_use)
    system = AISystem(
        organisation=organisation,
        name=name,
        supplier=supplier,
        description=description,
        value_chain=value_chain,
        used_in_high_risk_decision_making=used_in_high_risk_decision_making,
        planned_start=planned_start,
        first_use=first_use,
        end_of_use=end_of_use,
    )
    system.full_clean()
    system._history_user = actor  # type: ignore[attr-defined]
    system.save()
    system.decision_categories.set(decision_categories or [])
    timeline_record(
        organisation=organisation, subject=system, actor=actor, kind="ai_system_created"
    )
    return system


@transaction.atomic
def ai_system_update(
    *,
    actor: User,
    system: AISystem,
    name: str,
    supplier: str,
    description: str,
    value_chain: str,
    decision_categories: list[DecisionCategory],
    used_in_high_risk_decision_making: bool,
    planned_start: date | None,
    first_use: date | None,
    end_of_use: date | None,
) -> AISystem:
    if not permissions.can_edit_system(actor, system):
        raise PermissionDenied
    _validate_dates(planned_start, first_use, end_of_use)
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    _refuse_ungated_high_risk_start(used_in_high_risk_decision_making, first_use, system)
    system.name, system.supplier, system.value_chain = name, supplier, value_chain
    system.description = description
    system.used_in_high_risk_decision_making = used_in_high_risk_decision_making
    system.planned_start, system.first_use, system.end_of_use = (
        planned_start,
        first_use,
        end_of_use,
    )
    system.full_clean()
    system._history_user = actor  # type: ignore[attr-defined]
    system.save()
    system.decision_categories.set(decision_categories)
    timeline_record(
        organisation=system.organisation, subject=system, actor=actor, kind="ai_system_updated"
    )
    return system

"""AI systems: created, updated, and their use in high-risk decision-making started (through
the WAIRA gate only); each write keeps the register's clock."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.clock_guards import workflow_write
from core.history import save_with_actor
from core.models import Organisation, User
from core.permissions import require
from core.services import timeline_record
from registers import permissions
from registers.models import AISystem, DecisionCategory
from registers.services.clock import _keep_register_clock, _register_facts


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
    require(permissions.can_create_system(actor, organisation))
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
    save_with_actor(system, actor)
    with workflow_write():
        system.decision_categories.set(decision_categories or [])
    timeline_record(
        organisation=organisation, subject=system, actor=actor, kind="ai_system_created"
    )
    _keep_register_clock(system=system, actor=actor, changed_on=None)
    return system


def _validate_change_date(changed_on: date | None, first_use: date | None) -> None:
    if changed_on is None:
        return
    if changed_on > uk_today():
        raise ValidationError({"changed_on": _("The date of the change cannot be in the future.")})
    if first_use is not None and changed_on < first_use:
        raise ValidationError(
            {"changed_on": _("The date of the change cannot be before the system was first used.")}
        )


def _refuse_unexplained_new_decisions_while_overdue(
    system: AISystem, adds_decisions: bool, reason: str
) -> None:
    """R-WAIRA-PERIODIC (rules.md): while the further WAIRA is overdue, a new kind of high-risk
    decision is a soft block: allowed only with the reason recorded."""
    due = system.waira_next_due
    if adds_decisions and due is not None and due < uk_today() and not reason.strip():
        raise ValidationError(
            {
                "overdue_reason": _(
                    "The further WAIRA was due by %(due)s and is overdue: give the reason for "
                    "adding a decision before it is done."
                )
                % {"due": date_format(due, "j F Y")}
            }
        )


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
    changed_on: date | None = None,
    overdue_reason: str = "",
) -> AISystem:
    """`changed_on` dates a change the register must show (s.16(5)): the day it happened, never
    later than today nor before first use; blank, today. A change entered more than three months
    after it happened gets a due date already past, stored and flagged, never moved."""
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    require(permissions.can_edit_system(actor, system))
    _validate_dates(planned_start, first_use, end_of_use)
    _validate_change_date(changed_on, first_use or system.first_use)
    _refuse_ungated_high_risk_start(used_in_high_risk_decision_making, first_use, system)
    before = _register_facts(system)
    added = {c.pk for c in decision_categories} - set(before["decision_categories"])
    _refuse_unexplained_new_decisions_while_overdue(
        system, bool(added) and used_in_high_risk_decision_making, overdue_reason
    )
    system.name, system.supplier, system.value_chain = name, supplier, value_chain
    system.description = description
    system.used_in_high_risk_decision_making = used_in_high_risk_decision_making
    system.planned_start, system.first_use, system.end_of_use = (
        planned_start,
        first_use,
        end_of_use,
    )
    system.full_clean()
    with workflow_write():
        save_with_actor(system, actor)
        system.decision_categories.set(decision_categories)
    timeline_record(
        organisation=system.organisation,
        subject=system,
        actor=actor,
        kind="ai_system_updated",
        reason=overdue_reason.strip() if added else "",
    )
    after = _register_facts(system)
    if after == before:
        changed_on = None
    else:
        # Ending use counts as a change (s.16(5)), dated the day use ended, not the day typed.
        ended = end_of_use is not None and end_of_use != before["end_of_use"]
        changed_on = end_of_use if ended else changed_on or uk_today()
    _keep_register_clock(system=system, actor=actor, changed_on=changed_on)
    return system


@transaction.atomic
def ai_system_high_risk_use_started(*, actor: User, system: AISystem, started_on: date) -> AISystem:
    """Record that use in high-risk decision-making began on `started_on`, and start the
    register's clock from it (R-REG-INIT).

    Only `waira.services.high_risk_start_record` calls this, inside its transaction and after
    the Bill's gate (s.14(2), s.15(1)) has passed: the gate needs the WAIRA records, which this
    app does not read.
    """
    before = _register_facts(system)
    system.used_in_high_risk_decision_making = True
    system.first_use = started_on
    with workflow_write():
        save_with_actor(system, actor)
    timeline_record(
        organisation=system.organisation,
        subject=system,
        actor=actor,
        kind="high_risk_start_recorded",
        data={"started_on": started_on.isoformat()},
    )
    changed = _register_facts(system) != before
    _keep_register_clock(system=system, actor=actor, changed_on=started_on if changed else None)
    return system

"""Writes of the contract (issue 18, item 5): record the contract, choose its clauses, start and
meet the supplier's obligations. Each service: permission, state, write, timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.history import save_with_actor
from core.models import User
from core.permissions import require
from core.services import timeline_record
from procurement import permissions
from procurement.bids.selectors import award_for_case
from procurement.contract_clauses import CLAUSES_BY_KEY, Shape, obligation_due
from procurement.models import (
    Contract,
    ContractObligation,
    ProcurementCase,
    SupplierObligationInstance,
)


@transaction.atomic
def contract_record(
    *,
    actor: User,
    case: ProcurementCase,
    supplier_name: str,
    signed_on: date,
    starts_on: date,
    ends_on: date | None = None,
) -> Contract:
    """Record the contract of the case, or correct its details (history keeps the old ones)."""
    require(permissions.can_manage_contract(actor, case))
    errors: dict[str, str] = {}
    if not supplier_name.strip():
        errors["supplier_name"] = _("Enter the supplier's name.")
    if ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The contract must end on or after the day it starts.")
    if starts_on < signed_on:
        errors["starts_on"] = _("The contract must start on or after the day it is signed.")
    if errors:
        raise ValidationError(errors)
    contract = Contract.objects.select_for_update().filter(case=case).first()
    created = contract is None
    if contract is None:
        contract = Contract(case=case, recorded_by=actor)
    contract.supplier_name = supplier_name.strip()
    award = award_for_case(case)
    contract.supplier = award.bid.supplier if award else None
    contract.signed_on = signed_on
    contract.starts_on = starts_on
    contract.ends_on = ends_on
    save_with_actor(contract, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="contract_recorded" if created else "contract_changed",
        data={"supplier": contract.supplier_name, "starts_on": starts_on.isoformat()},
    )
    return contract


def _start_period(obligation: ContractObligation, start: date, actor: User | None) -> None:
    clause = CLAUSES_BY_KEY[obligation.clause_key]
    instance = SupplierObligationInstance(
        obligation=obligation,
        triggered_by=SupplierObligationInstance.Trigger.PERIOD,
        started_on=start,
        due_on=obligation_due(clause, obligation.amount, start),
    )
    save_with_actor(instance, actor)


@transaction.atomic
def clauses_choose(
    *, actor: User, contract: Contract, chosen: dict[str, int], in_force_from: date | None = None
) -> list[ContractObligation]:
    """Make the chosen clauses the contract's obligations, each with its number of days or
    months. A clause no longer chosen is removed only if nothing was ever due under it."""
    case = contract.case
    require(permissions.can_manage_contract(actor, case))
    errors: dict[str, str] = {}
    for key, amount in chosen.items():
        if key not in CLAUSES_BY_KEY:
            errors["__all__"] = _("Choose clauses from the library.")
        elif reason := CLAUSES_BY_KEY[key].check(amount):
            errors[f"amount_{key}"] = reason
    existing = {o.clause_key: o for o in contract.obligations.select_for_update()}
    for key, obligation in existing.items():
        if key not in chosen and obligation.instances.exists():
            errors[f"amount_{key}"] = _(
                "This clause cannot be removed: the supplier already had to act under it."
            )
    if errors:
        raise ValidationError(errors)
    start = in_force_from or max(contract.starts_on, uk_today())
    for key, obligation in existing.items():
        if key not in chosen:
            obligation.delete()
    result = []
    for key, amount in chosen.items():
        current = existing.get(key)
        if current is None:
            current = ContractObligation(
                contract=contract, clause_key=key, amount=amount, in_force_from=start
            )
            save_with_actor(current, actor)
            if CLAUSES_BY_KEY[key].shape == Shape.EVERY_MONTHS:
                _start_period(current, start, actor)
        elif current.amount != amount:
            current.amount = amount
            save_with_actor(current, actor)
        result.append(current)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="contract_clauses_chosen",
        data={"clauses": {key: chosen[key] for key in sorted(chosen)}},
    )
    return result


@transaction.atomic
def obligation_start(
    *, actor: User, obligation: ContractObligation, started_on: date, what: str
) -> SupplierObligationInstance:
    """The employer asked the supplier, or the supplier's duty to tell began (a change, an
    incident): the supplier's clock starts that day."""
    case = obligation.contract.case
    require(permissions.can_manage_contract(actor, case))
    clause = CLAUSES_BY_KEY[obligation.clause_key]
    if clause.shape not in (Shape.WITHIN_DAYS_OF_CHANGE, Shape.WITHIN_DAYS_OF_EMPLOYER_REQUEST):
        raise ValidationError(
            {"__all__": _("This clause starts by itself: a worker's request or a period.")}
        )
    if not what.strip():
        raise ValidationError({"what": _("Say what was asked, or what changed or happened.")})
    if started_on > uk_today():
        raise ValidationError({"started_on": _("The date cannot be in the future.")})
    trigger = (
        SupplierObligationInstance.Trigger.CHANGE
        if clause.shape == Shape.WITHIN_DAYS_OF_CHANGE
        else SupplierObligationInstance.Trigger.EMPLOYER_REQUEST
    )
    instance = SupplierObligationInstance(
        obligation=obligation,
        triggered_by=trigger,
        what=what.strip(),
        started_on=started_on,
        due_on=obligation_due(clause, obligation.amount, started_on),
    )
    save_with_actor(instance, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="supplier_obligation_started",
        data={"clause": clause.key, "due_on": instance.due_on.isoformat()},
    )
    return instance


@transaction.atomic
def obligation_meet(
    *, actor: User, instance: SupplierObligationInstance, met_on: date
) -> SupplierObligationInstance:
    """Record that the supplier did what the clause asks, on `met_on` (late or not: a missed
    flag stays on record). A period's obligation starts its next period."""
    instance = SupplierObligationInstance.objects.select_for_update().get(pk=instance.pk)
    obligation = instance.obligation
    case = obligation.contract.case
    require(permissions.can_manage_contract(actor, case))
    if instance.met_on is not None:
        raise ValidationError({"__all__": _("This has already been recorded as met.")})
    if met_on > uk_today():
        raise ValidationError({"met_on": _("The date cannot be in the future.")})
    if met_on < instance.started_on:
        raise ValidationError({"met_on": _("The date cannot be before the obligation started.")})
    instance.met_on = met_on
    save_with_actor(instance, actor)
    if instance.triggered_by == SupplierObligationInstance.Trigger.PERIOD:
        _start_period(obligation, instance.due_on, actor)
    data: dict[str, Any] = {
        "clause": obligation.clause_key,
        "due_on": instance.due_on.isoformat(),
        "met_on": met_on.isoformat(),
        "late": met_on > instance.due_on,
    }
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="supplier_obligation_met",
        data=data,
    )
    return instance


def obligations_for_rights_request(request: Any) -> list[SupplierObligationInstance]:
    """rights_requests tells us a request was made (core.extensions.rights_request_made): if it
    is about a system a contract in force covers, with a clause for its kind, the supplier's
    clock starts on the request date. Runs inside the request's transaction."""
    if request.ai_system_id is None:
        return []
    keys = [c.key for c in CLAUSES_BY_KEY.values() if c.rights_request_kind == request.kind]
    obligations = (
        ContractObligation.objects.filter(
            clause_key__in=keys,
            in_force_from__lte=request.request_date,
            contract__case__ai_systems=request.ai_system_id,
            contract__case__organisation_id=request.organisation_id,
        )
        .exclude(contract__ends_on__lt=request.request_date)
        .distinct()
    )
    created = []
    for obligation in obligations:
        clause = CLAUSES_BY_KEY[obligation.clause_key]
        instance = SupplierObligationInstance(
            obligation=obligation,
            triggered_by=SupplierObligationInstance.Trigger.RIGHTS_REQUEST,
            rights_request=request,
            what=request.reference,
            started_on=request.request_date,
            due_on=obligation_due(clause, obligation.amount, request.request_date),
        )
        save_with_actor(instance, None)
        created.append(instance)
    return created

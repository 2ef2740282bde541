"""Reads of the contract page and of the panel on a rights request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, QuerySet, When

from core import legal_time
from core.models import Membership
from core.roles import Role
from procurement.contract_clauses import CLAUSES, CLAUSES_BY_KEY, Clause
from procurement.models import (
    Contract,
    ContractObligation,
    ProcurementCase,
    SupplierObligationInstance,
)
from procurement.stages import Stage
from registers.models import AISystem


def contract_of(case: ProcurementCase) -> Contract | None:
    return Contract.objects.filter(case=case).first()


def atrs_details(system: AISystem) -> dict[str, str]:
    """ATRS 2.1.3 and 2.1.4.2 for the public register, from the case that procured the system:
    of the cases it is linked to and not cancelled, the one whose contract was signed last (a
    case without a contract has procured nothing yet). 2.1.3 asks for the senior responsible
    owner's role title: the job title of the case's commissioner in its organisation, never
    their name. 2.1.4.2 is the awarded supplier's Companies House number. Two queries.
    registers asks through core.extensions (procurement/apps.py) and freezes the answer into
    the version it publishes (docs/adr/0023)."""
    contract = (
        Contract.objects.filter(case__ai_systems=system)
        .exclude(case__stage=Stage.CANCELLED)
        .select_related("case", "supplier")
        .order_by("-signed_on", "-pk")
        .first()
    )
    if contract is None:
        return {}
    # A job title belongs to a membership of the organisation: the commissioner role's first.
    title = (
        Membership.objects.filter(
            user=contract.case.commissioner_id, organisation=contract.case.organisation_id
        )
        .exclude(job_title="")
        .order_by(Case(When(role=Role.COMMISSIONER, then=0), default=1), "pk")
        .values_list("job_title", flat=True)
        .first()
    )
    supplier = contract.supplier
    return {
        "senior_responsible_owner": title or "",
        "companies_house_number": supplier.companies_house_number if supplier else "",
    }


def obligations_of(contract: Contract | None) -> list[ContractObligation]:
    if contract is None:
        return []
    return list(contract.obligations.all())


def instances_of(case: ProcurementCase) -> QuerySet[SupplierObligationInstance]:
    return SupplierObligationInstance.objects.filter(
        obligation__contract__case=case
    ).select_related("obligation", "rights_request")


@dataclass(frozen=True)
class ClauseRow:
    clause: Clause
    chosen: bool
    amount: int

    @property
    def wording(self) -> str:
        return self.clause.wording(self.amount)


def library_rows(contract: Contract | None) -> list[ClauseRow]:
    chosen = {o.clause_key: o.amount for o in obligations_of(contract)}
    return [
        ClauseRow(clause=c, chosen=c.key in chosen, amount=chosen.get(c.key, c.default))
        for c in CLAUSES
    ]


@dataclass(frozen=True)
class InstanceRow:
    instance: SupplierObligationInstance
    clause: Clause
    late_since: date | None  # the first day it was late, while not met

    @property
    def is_late(self) -> bool:
        return self.late_since is not None


def instance_row(instance: SupplierObligationInstance, today: date) -> InstanceRow:
    late = instance.met_on is None and instance.due_on < today
    return InstanceRow(
        instance=instance,
        clause=CLAUSES_BY_KEY[instance.obligation.clause_key],
        late_since=legal_time.add_days(instance.due_on, 1) if late else None,
    )


def instance_rows(case: ProcurementCase, today: date) -> list[InstanceRow]:
    return [instance_row(i, today) for i in instances_of(case)]


def supplier_answers_for_request(request_id: int, today: date) -> list[InstanceRow]:
    instances = SupplierObligationInstance.objects.filter(
        rights_request_id=request_id
    ).select_related("obligation__contract")
    return [instance_row(i, today) for i in instances]

"""A procurement case as open contracting data: an OCDS 1.1 release package (issue 18, item 6).

The case's planning, its tender (the items are the specification's requirements), the award and
the contract with its period, each a release tagged planning, tender, award or contract. Only
what the case page shows to those who may see the case goes in: never bids, scores or the
panel's notes. Validated against the official schema in the tests (schema/README.md).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from procurement.bids.selectors import award_for_case
from procurement.models import Contract, ProcurementCase
from procurement.stages import Stage

OCDS_VERSION = "1.1"
UK = ZoneInfo("Europe/London")

# The tender's status (the closed tenderStatus codelist) by the case's stage.
TENDER_STATUS = {
    Stage.PLANNING: "planning",
    Stage.TENDER_AWARD: "active",
    Stage.DEVELOPMENT: "complete",
    Stage.DEPLOYMENT: "complete",
    Stage.OVERSIGHT: "complete",
    Stage.CLOSED: "complete",
    Stage.CANCELLED: "cancelled",
}


@dataclass(frozen=True)
class AwardData:
    """The award decision as plain values, so that the award section needs no model."""

    supplier_name: str
    date: datetime.date
    title: str = ""
    description: str = ""
    companies_house_number: str = ""


def award_data(case: ProcurementCase) -> AwardData | None:
    """The award decision recorded on the case (ADR 0017), or None.

    Without an award in Llais, a signed contract stands for the award to its supplier (see
    `_contract_award`). The award's reasons stay out: they may quote the panel's deliberation."""
    award = award_for_case(case)
    if award is None:
        return None
    supplier = award.bid.supplier
    return AwardData(
        supplier_name=supplier.name,
        date=award.decided_on,
        companies_house_number=supplier.companies_house_number,
    )


def ocid(case: ProcurementCase) -> str:
    return f"{settings.OCDS_OCID_PREFIX}-llais-{case.pk}"


def _instant(day: datetime.date) -> str:
    """The start of a UK day, as OCDS's date-time."""
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=UK).isoformat()


def _buyer(case: ProcurementCase) -> dict[str, Any]:
    return {"id": f"llais-organisation-{case.organisation_id}", "name": case.organisation.name}


def _supplier_id(name: str, companies_house_number: str = "") -> str:
    if companies_house_number:
        return f"GB-COH-{companies_house_number}"
    return "llais-supplier-" + "-".join(name.lower().split())


def award_section(*, award_id: str, award: AwardData) -> tuple[dict[str, Any], dict[str, Any]]:
    """The award and its supplier as a party, from plain values."""
    supplier: dict[str, Any] = {
        "id": _supplier_id(award.supplier_name, award.companies_house_number),
        "name": award.supplier_name,
        "roles": ["supplier"],
    }
    if award.companies_house_number:
        supplier["identifier"] = {"scheme": "GB-COH", "id": award.companies_house_number}
    section: dict[str, Any] = {
        "id": award_id,
        "status": "active",
        "date": _instant(award.date),
        "suppliers": [{"id": supplier["id"], "name": supplier["name"]}],
    }
    if award.title:
        section["title"] = award.title
    if award.description:
        section["description"] = award.description
    return section, supplier


def _contract_award(contract: Contract) -> AwardData:
    return AwardData(supplier_name=contract.supplier_name, date=contract.signed_on)


def _contract_section(contract: Contract, award_id: str, today: datetime.date) -> dict[str, Any]:
    period: dict[str, Any] = {"startDate": _instant(contract.starts_on)}
    if contract.ends_on:
        period["endDate"] = _instant(contract.ends_on)
    if contract.ends_on and contract.ends_on < today:
        status = "terminated"
    elif contract.starts_on > today:
        status = "pending"
    else:
        status = "active"
    return {
        "id": f"{ocid(contract.case)}-contract-1",
        "awardID": award_id,
        "title": contract.case.title,
        "status": status,
        "period": period,
        "dateSigned": _instant(contract.signed_on),
    }


def release_package(
    case: ProcurementCase, *, uri: str, contract: Contract | None, today: datetime.date
) -> dict[str, Any]:
    """The case as an OCDS release package: a planning release, a tender release once the case
    reaches tender and award, and an award and a contract release once they are recorded."""
    the_ocid = ocid(case)
    buyer = _buyer(case)
    parties: dict[str, dict[str, Any]] = {
        buyer["id"]: {**buyer, "roles": ["buyer", "procuringEntity"]}
    }

    def release(tag: str, date: str, **sections: Any) -> dict[str, Any]:
        return {
            "ocid": the_ocid,
            "id": f"{the_ocid}-{tag}",
            "date": date,
            "tag": [tag],
            "initiationType": "tender",
            "language": "en",
            "buyer": buyer,
            "parties": list(parties.values()),
            **sections,
        }

    releases = [
        release(
            "planning",
            case.created_at.isoformat(),
            planning={"rationale": case.summary},
            tender={"id": f"{the_ocid}-tender", "title": case.title, "status": "planning"},
        )
    ]
    if case.stage != Stage.PLANNING:
        requirements = list(case.requirements.all())
        tender = {
            "id": f"{the_ocid}-tender",
            "title": case.title,
            "description": case.summary,
            "status": TENDER_STATUS[Stage(case.stage)],
            "procuringEntity": buyer,
            "items": [
                {
                    "id": str(requirement.pk),
                    "description": requirement.text,
                    "classification": {
                        "scheme": "llais-requirement-kind",
                        "id": requirement.kind,
                        "description": requirement.get_kind_display(),
                    },
                }
                for requirement in requirements
            ],
        }
        dates = [r.created_at for r in requirements] or [case.updated_at]
        releases.append(release("tender", max(dates).isoformat(), tender=tender))
    award = award_data(case) or (_contract_award(contract) if contract else None)
    if award is not None:
        award_id = f"{the_ocid}-award-1"
        section, supplier = award_section(award_id=award_id, award=award)
        parties[supplier["id"]] = supplier
        releases.append(release("award", section["date"], awards=[section]))
        if contract is not None:
            releases.append(
                release(
                    "contract",
                    _instant(contract.signed_on),
                    awards=[section],
                    contracts=[_contract_section(contract, award_id, today)],
                )
            )
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": case.organisation.name},
        "releases": releases,
    }

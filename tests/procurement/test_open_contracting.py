"""Open contracting (issue 18, item 6): the case as an OCDS 1.1 release package, valid against
the official schema, downloadable by those who may see the case."""

import datetime
import json

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse

from procurement.contracts.services import clauses_choose, contract_record
from procurement.open_contracting import AwardData, award_data, award_section, release_package
from procurement.open_contracting.validation import validation_errors
from procurement.stages import Stage
from procurement.tender.services import requirement_create
from tests.procurement_helpers import case_at, new_case

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 3)


@pytest.fixture
def awarded_case(commissioner, organisation, union_rep):
    with time_machine.travel(f"{DAY.isoformat()}T11:00:00Z", tick=False):
        case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
        requirement_create(
            actor=commissioner,
            case=case,
            kind="welsh",
            text="Every screen workers use is available in Welsh.",
            proposed_by="union",
            concern="Welsh-speaking carers asked for it.",
        )
        contract = contract_record(
            actor=commissioner,
            case=case,
            supplier_name="Rota Ltd",
            signed_on=DAY,
            starts_on=DAY,
            ends_on=datetime.date(2027, 3, 2),
        )
        clauses_choose(actor=commissioner, contract=contract, chosen={"audit": 30})
    return case, contract


def test_a_case_with_its_contract_is_a_valid_release_package(awarded_case):
    case, contract = awarded_case
    package = release_package(case, uri="https://example.org/p.json", contract=contract, today=DAY)
    assert validation_errors(package) == []
    tags = [release["tag"] for release in package["releases"]]
    assert tags == [["planning"], ["tender"], ["award"], ["contract"]]
    tender = package["releases"][1]["tender"]
    assert tender["items"][0]["description"] == "Every screen workers use is available in Welsh."
    final = package["releases"][-1]
    assert {p["name"] for p in final["parties"]} == {case.organisation.name, "Rota Ltd"}
    assert final["contracts"][0]["period"]["endDate"].startswith("2027-03-02T00:00:00")
    assert final["contracts"][0]["awardID"] == final["awards"][0]["id"]


def test_a_case_in_planning_is_a_valid_package_of_one_release(commissioner, organisation):
    case = new_case(commissioner, organisation)
    package = release_package(case, uri="https://example.org/p.json", contract=None, today=DAY)
    assert validation_errors(package) == []
    assert [r["tag"] for r in package["releases"]] == [["planning"]]


def test_the_validator_refuses_what_the_schema_refuses(awarded_case):
    case, contract = awarded_case
    package = release_package(case, uri="https://example.org/p.json", contract=contract, today=DAY)
    package["releases"][0]["tag"] = ["notATag"]
    del package["releases"][-1]["contracts"][0]["awardID"]
    errors = validation_errors(package)
    assert any("notATag" in error for error in errors)
    assert any("awardID" in error for error in errors)


def test_the_award_section_takes_plain_values_and_the_hook_has_none_yet(awarded_case):
    case, _contract = awarded_case
    assert award_data(case) is None
    section, supplier = award_section(
        award_id="a-1",
        award=AwardData(supplier_name="Rota Ltd", date=DAY, companies_house_number="01234567"),
    )
    assert section["suppliers"] == [{"id": "GB-COH-01234567", "name": "Rota Ltd"}]
    assert supplier["identifier"] == {"scheme": "GB-COH", "id": "01234567"}


@override_settings(OCDS_OCID_PREFIX="ocds-abc123")
def test_the_download_is_valid_and_names_the_prefix(awarded_case, union_rep, client):
    case, _contract = awarded_case
    client.force_login(union_rep)
    detail = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    assert "Open contracting data (OCDS JSON)" in detail
    response = client.get(reverse("procurement:open_contracting", args=[case.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    package = json.loads(response.content)
    assert validation_errors(package) == []
    assert package["releases"][0]["ocid"] == f"ocds-abc123-llais-{case.pk}"

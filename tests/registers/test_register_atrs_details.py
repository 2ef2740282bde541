"""The ATRS export fills 2.1.3, 2.1.4.2, 2.1.4.3 and 2.5.2 from what Llais holds, frozen into
the version when it is published and shown to the publisher beforehand (docs/adr/0023): the
commissioner's job title (never a name), the awarded supplier's Companies House number, the
system's value chain, and the risks and measures of the latest completed WAIRA."""

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from jsonschema import Draft202012Validator

from core.clock import uk_today
from core.models import Membership, User
from core.roles import Role
from packs.selectors import version_content
from procurement import services as procurement_services
from procurement.contracts.services import contract_record
from procurement.stages import Stage
from registers import open_data, selectors, services
from registers.models import AISystem, RegisterEntry
from tests.procurement_helpers import case_at, record_award
from tests.register_helpers import entry_text, published_entry, register_system, waira_completed
from tests.registers.test_register_public import body
from waira.content import risks_and_mitigations

pytestmark = pytest.mark.django_db

JOB_TITLE = "Head of Care Services"
COMMISSIONER_NAME = ("Gwenllian", "Procter-Unigryw")
VALUE_CHAIN = "Built and hosted by Rota Cymru Ltd; configured by the council's IT team."
COMPANIES_HOUSE_NUMBER = "01234567"  # the bid's supplier in tests/procurement_helpers.py
FILLED = {
    "senior_responsible_owner",
    "companies_house_number",
    "external_supplier_role",
    "risks_and_mitigations",
}
# What Llais holds no fact for: always null (docs/register-open-data.md).
NOT_HELD = {
    "procurement_procedure_type",
    "data_access_terms",
    "previous_process",
    "alternatives_considered",
}


def job_title_is(user: User, title: str) -> None:
    """The person's job title in their organisation (kept on each of their memberships)."""
    Membership.objects.filter(user=user).update(job_title=title)


@pytest.fixture
def commissioner(user_with_role):
    user = user_with_role(
        Role.COMMISSIONER, first_name=COMMISSIONER_NAME[0], last_name=COMMISSIONER_NAME[1]
    )
    job_title_is(user, JOB_TITLE)
    return user


@pytest.fixture
def system(commissioner, organisation) -> AISystem:
    """In high-risk use since January 2025, its initial WAIRA completed (every statute's risk
    and measures answered, tests/waira_helpers.py); not yet procured in Llais."""
    return register_system(
        commissioner,
        organisation,
        first_use=datetime.date(2025, 1, 6),
        supplier="Rota Cymru Ltd",
        value_chain=VALUE_CHAIN,
    )


def procure(system: AISystem, commissioner: User, union_rep: User) -> None:
    """A case that procures the system: linked to it, its bid awarded and its contract
    recorded, so the contract's supplier is the awarded bid's."""
    case = case_at(Stage.TENDER_AWARD, commissioner, system.organisation, union_rep)
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    record_award(case, commissioner, union_rep)
    contract_record(
        actor=commissioner,
        case=case,
        supplier_name="Rota Cymru Ltd",
        signed_on=uk_today(),
        starts_on=uk_today(),
    )


def atrs_of(client, entry: RegisterEntry) -> tuple[dict[str, Any], str]:
    text = body(client.get(reverse("register:atrs")))
    document = json.loads(text)
    record: dict[str, Any] = next(r for r in document["records"] if r["metadata"]["id"] == entry.pk)
    return record, text


def owner(record: dict[str, Any]) -> dict[str, Any]:
    place: dict[str, Any] = record["tier_2"]["owner_and_responsibility"]
    return place


def risks(record: dict[str, Any]) -> str:
    """2.5.2, or "" when null."""
    section = record["tier_2"]["risks_mitigations_and_impact_assessments"]
    return str(section["risks_and_mitigations"] or "")


def republish(commissioner: User, entry: RegisterEntry):
    return services.register_entry_publish(
        actor=commissioner,
        entry=entry,
        change_date=uk_today(),
        change_note_en="The ATRS details brought up to date.",
        change_note_cy="Manylion yr ATRS wedi'u diweddaru.",
    )


def test_the_atrs_export_holds_what_llais_held_when_the_entry_was_published(
    client, commissioner, union_rep, system
):
    procure(system, commissioner, union_rep)
    entry, _version = published_entry(commissioner, system)
    record, text = atrs_of(client, entry)
    assert owner(record)["senior_responsible_owner"] == JOB_TITLE
    assert owner(record)["companies_house_number"] == COMPANIES_HOUSE_NUMBER
    assert owner(record)["external_supplier_role"] == VALUE_CHAIN
    described = risks(record)
    assert described.startswith("From the Workplace AI Risk Assessment (WAIRA) version 1")
    for title in ("Health and Safety at Work etc. Act 1974", "UK General Data Protection"):
        assert title in described
    assert "Risk: Risk to the rights in eqa." in described
    assert "Mitigations: Human review of every decision touching eqa." in described
    # ATRS asks for the senior responsible owner's role: no person's name is published.
    for name in COMMISSIONER_NAME:
        assert name not in text
    assert commissioner.username not in text
    # What Llais holds no fact for stays null.
    places = {**owner(record), **record["tier_2"]["description_and_rationale"]}
    assert {field for field in NOT_HELD if places[field] is not None} == set()
    schema = json.loads((Path(open_data.SCHEMAS) / "atrs.schema.json").read_text())
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        json.loads(text)
    )


def test_later_changes_reach_the_export_only_when_the_entry_is_published_again(
    client, commissioner, union_rep, system
):
    entry, _version = published_entry(commissioner, system)  # before any procurement case
    record, _text = atrs_of(client, entry)
    assert owner(record)["senior_responsible_owner"] is None
    assert owner(record)["companies_house_number"] is None
    assert "WAIRA) version 1," in risks(record)

    # The system is procured, a further WAIRA completed, the commissioner's title changes.
    procure(system, commissioner, union_rep)
    waira_completed(system, uk_today())
    job_title_is(commissioner, "Director of Social Care")
    record, _text = atrs_of(client, entry)
    assert owner(record)["senior_responsible_owner"] is None
    assert owner(record)["companies_house_number"] is None
    assert "WAIRA) version 1," in risks(record)

    # They make a new publication possible, and it publishes them.
    version = republish(commissioner, entry)
    assert version.number == 2
    record, _text = atrs_of(client, entry)
    assert owner(record)["senior_responsible_owner"] == "Director of Social Care"
    assert owner(record)["companies_house_number"] == COMPANIES_HOUSE_NUMBER
    assert "WAIRA) version 2," in risks(record)
    # Version 1 keeps what it froze.
    first = entry.versions.get(number=1)
    assert (first.senior_responsible_owner, first.companies_house_number) == ("", "")

    # Nothing new since: nothing to publish.
    entry.refresh_from_db()
    with pytest.raises(ValidationError, match="Nothing has changed since version 2"):
        republish(commissioner, entry)


def test_a_change_of_job_title_alone_can_be_published(client, commissioner, union_rep, system):
    procure(system, commissioner, union_rep)
    entry, _version = published_entry(commissioner, system)
    job_title_is(commissioner, "")
    entry.refresh_from_db()
    assert republish(commissioner, entry).number == 2
    record, _text = atrs_of(client, entry)
    assert owner(record)["senior_responsible_owner"] is None  # no job title: null, not a name


def test_a_cancelled_case_procured_nothing(commissioner, union_rep, system):
    procure(system, commissioner, union_rep)
    case = system.procurement_cases.get()
    procurement_services.case_cancel(actor=commissioner, case=case, reason="Withdrawn.")
    details = selectors.atrs_details_of(system)
    assert details["senior_responsible_owner"] == ""
    assert details["companies_house_number"] == ""
    assert details["value_chain"] == VALUE_CHAIN


def test_the_publish_page_shows_what_the_atrs_download_will_say(
    client, commissioner, union_rep, system
):
    client.force_login(commissioner)
    url = reverse("registers:entry_publish", args=[system.pk])
    services.register_entry_save(actor=commissioner, system=system, **entry_text())
    page = client.get(url).content.decode()
    assert "Also published in the ATRS download" in page
    assert page.count("Not held: left empty") == 2  # no procurement case yet
    assert "Risk: Risk to the rights in hswa." in page

    procure(system, commissioner, union_rep)
    page = client.get(url).content.decode()
    for shown in (JOB_TITLE, COMPANIES_HOUSE_NUMBER, "Built and hosted by Rota Cymru Ltd"):
        assert shown in page
    assert "Not held: left empty" not in page
    # Publishing the end of use publishes a version too, and says the same beforehand.
    retire = client.get(reverse("registers:entry_retire", args=[system.pk])).content.decode()
    assert JOB_TITLE in retire
    client.cookies["django_language"] = "cy"
    page = client.get(url).content.decode()
    assert "Cyhoeddir hefyd yn y lawrlwythiad ATRS" in page
    # The risks' text is English, the standard's language, and the Welsh page says so.
    assert ' lang="en">From the Workplace AI Risk Assessment' in page


def test_the_risks_text_says_what_was_not_reasonably_practicable():
    content = {
        "version": 3,
        "answers": {"k.hswa": "Fatigue from longer shifts.", "l.hswa": ""},
        "not_reasonably_practicable": {"l": "The supplier has not yet answered."},
    }
    text = risks_and_mitigations(content, "2026-05-01")
    assert text.splitlines() == [
        "From the Workplace AI Risk Assessment (WAIRA) version 3, completed 2026-05-01: each "
        "risk to workers' rights under the statutes it assesses (s.14(3)(k)) and the measures "
        "to eliminate it (s.14(3)(l)).",
        "",
        "Not reasonably practicable to record the measures to eliminate them (s.14(3)(l)): The "
        "supplier has not yet answered.",
        "",
        "Health and Safety at Work etc. Act 1974",
        "Risk: Fatigue from longer shifts.",
    ]
    empty = {"version": 1, "answers": {}, "not_reasonably_practicable": {}}
    assert risks_and_mitigations(empty, "2026-05-01") == ""


def test_a_case_pack_keeps_the_details_each_published_version_froze(
    commissioner, union_rep, system
):
    """The pack's copy of a published version (packs/selectors.version_content, one JSON file
    per version in the evidence bundle) holds the four details with the rest."""
    procure(system, commissioner, union_rep)
    _entry, version = published_entry(commissioner, system)
    held = version_content(version)
    assert held["value_chain"] == VALUE_CHAIN
    assert held["senior_responsible_owner"] == JOB_TITLE
    assert held["risks_and_mitigations"] == version.risks_and_mitigations != ""
    assert held["companies_house_number"] == COMPANIES_HOUSE_NUMBER

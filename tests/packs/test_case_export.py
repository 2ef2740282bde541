"""A case exported as JSON, checked against its schema, and imported into another organisation
as it was (docs/case-export.md)."""

from __future__ import annotations

import copy
import datetime
import io
import json
from typing import Any

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.models import TimelineEvent
from core.roles import Role
from packs.case_export import case_export
from packs.case_import import (
    SCHEMA_PATH,
    CaseImportRefused,
    case_document_read,
    case_import,
)
from packs.models import CaseImport
from procurement import services as procurement_services
from procurement.models import EngagementActivity, ProcurementCase, Requirement
from procurement.tender import services as tender_services
from tests.factories import member
from tests.packs.helpers import case_with_records
from tests.register_helpers import published_entry, register_system
from tests.waira_helpers import (
    answer_everything,
    discuss_and_conclude,
    fellow_workers,
    share,
)
from waira import services as waira_services
from waira.models import Waira, WairaState

pytestmark = pytest.mark.django_db

SECRET_WORKER = "hidden.worker@example.org"


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def full_case(commissioner, organisation, union_rep) -> ProcurementCase:
    """A case at tender and award through its gates, with a completed WAIRA, a second WAIRA
    with an anonymous concern answered and completed, a specification and tender questions."""
    case = case_with_records(commissioner, organisation, union_rep)
    activity = EngagementActivity.objects.filter(case=case).first()
    first = tender_services.requirement_create(
        actor=commissioner,
        case=case,
        kind=Requirement.Kind.WORKER_VOICE,
        text="Workers can see and challenge the rota's reasons.",
        proposed_by=Requirement.Proposer.UNION,
        activity=activity,
    )
    tender_services.requirement_create(
        actor=commissioner,
        case=case,
        kind=Requirement.Kind.WELSH,
        text="Every screen in Welsh.",
        proposed_by=Requirement.Proposer.WORKERS,
        concern="Welsh speakers could not use the demo.",
        status=Requirement.Status.DISPUTED,
        dispute="The supplier says only the worker app; the union wants every screen.",
    )
    question = tender_services.question_create(
        actor=commissioner, case=case, text_en="How can workers challenge a rota?"
    )
    tender_services.question_link_requirements(
        actor=commissioner, question=question, requirements=[first]
    )
    tender_services.weights_set(actor=commissioner, case=case, weights={question.pk: 100})
    tender_services.weightings_sign_off(actor=union_rep, case=case, comment="Agreed.")

    system = case.ai_systems.get()
    waira = waira_services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    hidden = member(Role.WORKER, organisation, email=SECRET_WORKER, first_name="Hidden")
    share(commissioner, waira, [hidden, *fellow_workers(organisation, 5)])
    concern = waira_services.concern_raise(
        actor=hidden, waira=waira, text="Breaks get squeezed.", anonymous=True
    )
    waira_services.concern_respond(
        actor=commissioner, concern=concern, response="Breaks are now fixed in the rota."
    )
    discuss_and_conclude(commissioner, waira)
    waira_services.waira_complete(actor=commissioner, waira=waira)
    return case


@pytest.fixture
def world(commissioner, organisation, union_rep):
    return full_case(commissioner, organisation, union_rep)


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """The document without what legitimately differs after an import: the import's own event
    and the mark every imported event carries."""
    document = copy.deepcopy(document)
    document["timeline"] = [e for e in document["timeline"] if e["kind"] != "case_imported"]
    for event in document["timeline"]:
        event["data"].pop("imported", None)
    return document


def test_the_export_validates_against_the_published_schema(world):
    document = case_export(world)
    jsonschema.Draft202012Validator(schema()).validate(document)
    assert document["version"] == 1
    assert document["schema"] == schema()["$id"]
    assert len(document["wairas"]) == 2
    assert document["engagement_activities"] and document["prompt_answers"]
    assert document["gate_decisions"] and document["requirements"]
    assert document["tender_questions"][0]["requirements"] == ["requirement-1"]


def test_an_anonymous_concerns_author_never_appears(world):
    document = case_export(world)
    # Not even as one of the six workers consulted: with so few, the list could point at them.
    text = json.dumps(document)
    assert SECRET_WORKER not in text
    assert "Hidden" not in text
    concern = document["wairas"][1]["concerns"][0]
    assert concern["anonymous"] is True and concern["raised_by"] is None
    raised = next(e for e in document["timeline"] if e["kind"] == "concern_raised")
    assert raised["actor"] is None and raised["when"] is None


def test_no_database_id_names_a_person(world, commissioner):
    document = case_export(world)
    assert document["case"]["commissioner"] == {
        "email": commissioner.email,
        "name": commissioner.get_full_name() or commissioner.username,
    }


def test_a_round_trip_into_another_organisation_loses_nothing(world, other_organisation):
    importer = member(Role.COMMISSIONER, other_organisation)
    first = case_export(world)
    imported = case_import(actor=importer, organisation=other_organisation, document=first)
    assert imported.organisation == other_organisation
    second = case_export(imported)
    assert comparable(second) == comparable(first)
    # The people were not members here: the importer holds the records, and nobody got an account.
    record = CaseImport.objects.get(case=imported)
    assert record.attributions
    assert imported.commissioner == importer
    # Completed WAIRAs came in completed, with their original dates.
    wairas = Waira.objects.filter(system__in=imported.ai_systems.all()).order_by("version")
    assert [w.state for w in wairas] == [WairaState.COMPLETED, WairaState.COMPLETED]
    assert imported.created_at == world.created_at


def test_the_import_is_on_the_new_cases_timeline_and_imported_events_say_so(
    world, other_organisation
):
    importer = member(Role.COMMISSIONER, other_organisation)
    imported = case_import(
        actor=importer, organisation=other_organisation, document=case_export(world)
    )
    events = TimelineEvent.objects.filter(organisation=other_organisation)
    last = events.order_by("-chain_position").first()
    assert last is not None and last.kind == "case_imported" and last.actor == importer
    assert all(e.data.get("imported") for e in events.exclude(pk=last.pk))
    assert all(e.chain_position for e in events)
    assert imported.pk != world.pk


def test_members_of_the_target_organisation_are_matched_by_email(
    world, commissioner, other_organisation
):
    from core.models import Membership

    Membership.objects.create(
        user=commissioner, organisation=other_organisation, role=Role.COMMISSIONER
    )
    importer = member(Role.COMMISSIONER, other_organisation)
    imported = case_import(
        actor=importer, organisation=other_organisation, document=case_export(world)
    )
    assert imported.commissioner == commissioner


def invalid(document: Any) -> list[str]:
    with pytest.raises(CaseImportRefused) as refused:
        case_document_read(json.dumps(document).encode())
    return refused.value.problems


def test_hostile_documents_are_refused_with_the_path_of_what_is_wrong(world):
    good = case_export(world)
    assert "not JSON" in " ".join(_refused(b"\xff\xfe not json"))
    assert "not JSON" in " ".join(_refused(b'{"version": NaN}'))
    assert "not JSON" in " ".join(_refused(b"[" * 100_000 + b"]" * 100_000))
    assert "version 2" in invalid({**good, "version": 2})[0]
    assert "no format version" in invalid([1, 2])[0]

    missing = copy.deepcopy(good)
    del missing["case"]["title"]
    assert invalid(missing)[0].startswith("$.case:")

    huge = copy.deepcopy(good)
    huge["engagement_activities"][0]["worker_count"] = 10**30
    assert invalid(huge)[0].startswith("$.engagement_activities[0].worker_count")

    long_title = copy.deepcopy(good)
    long_title["case"]["title"] = "x" * 100_000
    assert invalid(long_title)[0].startswith("$.case.title")

    bad_date = copy.deepcopy(good)
    bad_date["engagement_activities"][0]["held_on"] = "2026-13-45"
    document = case_document_read(json.dumps(bad_date).encode())  # the pattern fits
    with pytest.raises(CaseImportRefused) as refused:
        case_import(actor=world.commissioner, organisation=world.organisation, document=document)
    assert "$.engagement_activities[0].held_on" in refused.value.problems[0]


def _refused(raw: bytes) -> list[str]:
    with pytest.raises(CaseImportRefused) as refused:
        case_document_read(raw)
    return refused.value.problems


def test_extra_fields_are_ignored_as_the_versioning_rule_says(world, other_organisation):
    document = case_export(world)
    document["a_later_addition"] = {"anything": 1}
    document["case"]["another"] = "x"
    importer = member(Role.COMMISSIONER, other_organisation)
    imported = case_import(actor=importer, organisation=other_organisation, document=document)
    assert imported.title == world.title


def test_records_that_break_a_rule_are_refused_and_nothing_is_written(world, other_organisation):
    document = case_export(world)
    document["prompt_answers"].append(dict(document["prompt_answers"][0]))  # answered twice
    importer = member(Role.COMMISSIONER, other_organisation)
    before = ProcurementCase.objects.count()
    with pytest.raises(CaseImportRefused) as refused:
        case_import(actor=importer, organisation=other_organisation, document=document)
    assert "nothing was imported" in refused.value.problems[0]
    assert ProcurementCase.objects.count() == before


def test_unknown_toolkit_keys_are_named(world, other_organisation):
    document = case_export(world)
    document["engagement_activities"][0]["approach"] = "no-such-approach"
    importer = member(Role.COMMISSIONER, other_organisation)
    with pytest.raises(CaseImportRefused) as refused:
        case_import(actor=importer, organisation=other_organisation, document=document)
    assert "$.engagement_activities[0].approach" in refused.value.problems[0]


# --- Pages -------------------------------------------------------------------------------------


def test_staff_download_the_case_as_json(client, world, commissioner):
    client.force_login(commissioner)
    response = client.get(reverse("packs:case_json", args=[world.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["case"]["title"] == world.title


def test_a_union_representative_may_not_download_the_case_as_json(client, world, union_rep):
    client.force_login(union_rep)
    assert client.get(reverse("packs:case_json", args=[world.pk])).status_code == 403


def test_another_organisations_case_is_not_found(client, world, other_organisation):
    client.force_login(member(Role.COMMISSIONER, other_organisation))
    assert client.get(reverse("packs:case_json", args=[world.pk])).status_code == 404


def upload(client, content: bytes):
    return client.post(
        reverse("packs:case_import"),
        {"file": io.BytesIO(content), "organisation": ""},
        format="multipart",
    )


def test_importing_through_the_page_opens_the_new_case(client, world, other_organisation):
    importer = member(Role.COMMISSIONER, other_organisation)
    client.force_login(importer)
    data = io.BytesIO(json.dumps(case_export(world)).encode())
    data.name = "case.json"
    response = client.post(reverse("packs:case_import"), {"file": data})
    assert response.status_code == 302, response.content.decode()[-3000:]
    imported = ProcurementCase.objects.get(organisation=other_organisation)
    assert response.status_code == 302
    assert response["Location"] == reverse("procurement:case_detail", args=[imported.pk])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"not json at all", "The file is not JSON"),
        (json.dumps({"version": 9}).encode(), "version 9"),
        (json.dumps({"version": 1, "schema": "x"}).encode(), "$"),
    ],
)
def test_the_import_page_names_what_is_wrong(client, commissioner, content, words):
    client.force_login(commissioner)
    data = io.BytesIO(content)
    data.name = "case.json"
    response = client.post(reverse("packs:case_import"), {"file": data})
    assert response.status_code == 400
    text = response.content.decode()
    assert "govuk-error-summary" in text
    assert words in text


def test_the_import_page_refuses_a_file_too_large(client, commissioner, settings):
    client.force_login(commissioner)
    data = io.BytesIO(b" " * (20 * 1024 * 1024 + 1))
    data.name = "case.json"
    response = client.post(reverse("packs:case_import"), {"file": data})
    assert response.status_code == 400
    assert "larger than 20 MB" in response.content.decode()


def test_workers_may_not_import(client, worker):
    client.force_login(worker)
    assert client.get(reverse("packs:case_import")).status_code == 403


# --- Commands ----------------------------------------------------------------------------------


def test_the_commands_export_and_import(world, other_organisation, tmp_path):
    importer = member(Role.COMMISSIONER, other_organisation)
    path = tmp_path / "case.json"
    call_command("export_case", str(world.pk), "--output", str(path))
    out = io.StringIO()
    call_command(
        "import_case",
        str(path),
        "--organisation",
        other_organisation.slug,
        "--actor",
        importer.email,
        stdout=out,
    )
    imported = ProcurementCase.objects.get(organisation=other_organisation)
    assert str(imported.pk) in out.getvalue()


def test_the_import_command_names_what_is_wrong(other_organisation, tmp_path):
    importer = member(Role.COMMISSIONER, other_organisation)
    path = tmp_path / "case.json"
    path.write_text('{"version": 3}')
    with pytest.raises(CommandError, match="version 3"):
        call_command(
            "import_case",
            str(path),
            "--organisation",
            other_organisation.slug,
            "--actor",
            importer.email,
        )


def test_the_case_page_offers_the_json_to_staff_only(client, world, commissioner, union_rep):
    url = reverse("procurement:case_detail", args=[world.pk])
    link = reverse("packs:case_json", args=[world.pk])
    client.force_login(commissioner)
    assert link in client.get(url).content.decode()
    client.force_login(union_rep)
    assert link not in client.get(url).content.decode()


def test_the_dashboard_offers_the_import_to_those_who_may_start_a_case(
    client, commissioner, procurement_officer
):
    link = reverse("packs:case_import")
    client.force_login(commissioner)
    assert link in client.get(reverse("core:home"), follow=True).content.decode()
    client.force_login(procurement_officer)
    assert link not in client.get(reverse("core:home"), follow=True).content.decode()


def test_a_member_of_two_organisations_chooses_where_it_goes(
    client, world, commissioner, other_organisation
):
    from core.models import Membership

    Membership.objects.create(
        user=commissioner, organisation=other_organisation, role=Role.COMMISSIONER
    )
    client.force_login(commissioner)
    data = io.BytesIO(json.dumps(case_export(world)).encode())
    data.name = "case.json"
    response = client.post(reverse("packs:case_import"), {"file": data})
    assert response.status_code == 400
    assert "Select the organisation to import the case into" in response.content.decode()
    data.seek(0)
    response = client.post(
        reverse("packs:case_import"), {"file": data, "organisation": other_organisation.pk}
    )
    assert response.status_code == 302
    assert ProcurementCase.objects.filter(organisation=other_organisation).count() == 1


def test_a_named_concern_from_someone_not_a_member_keeps_their_name_in_the_export(
    world, other_organisation
):
    from waira.selectors import concern_author_shown

    document = case_export(world)
    named = {"email": "named.worker@example.org", "name": "Named Worker"}
    document["wairas"][1]["concerns"][0] |= {"anonymous": False, "raised_by": named}
    importer = member(Role.COMMISSIONER, other_organisation)
    imported = case_import(actor=importer, organisation=other_organisation, document=document)
    concern = Waira.objects.get(system__in=imported.ai_systems.all(), version=2).concerns.get()
    assert concern.raised_by is None  # nobody was given an account
    assert concern_author_shown(concern) == "A worker who is not a member of this organisation"
    assert case_export(imported)["wairas"][1]["concerns"][0]["raised_by"] == named


def test_what_a_version_froze_for_the_atrs_travels_with_the_case(
    world, commissioner, other_organisation
):
    """A published version's ATRS details (docs/adr/0023) are exported and imported as they
    were, so the register shows the same in the new installation."""
    system = register_system(
        commissioner,
        world.organisation,
        first_use=datetime.date(2025, 1, 6),
        name="ShiftWise",
        value_chain="Hosted by Shift Cymru Ltd.",
    )
    procurement_services.case_link_ai_system(actor=commissioner, case=world, system=system)
    published_entry(commissioner, system)
    first = case_export(world)
    (version,) = [
        v
        for s in first["ai_systems"]
        if s["name"] == "ShiftWise"
        for v in s["register_entry"]["versions"]
    ]
    assert version["value_chain"] == "Hosted by Shift Cymru Ltd."
    assert version["risks_and_mitigations"].startswith("From the Workplace AI Risk Assessment")
    importer = member(Role.COMMISSIONER, other_organisation)
    imported = case_import(actor=importer, organisation=other_organisation, document=first)
    (arrived,) = [
        s["register_entry"]["versions"]
        for s in case_export(imported)["ai_systems"]
        if s["name"] == "ShiftWise"
    ]
    assert arrived == [version]
    # An export made before these were kept still imports: they come in blank.
    for key in ("senior_responsible_owner", "companies_house_number", "value_chain"):
        del version[key]
    del version["risks_and_mitigations"]
    again = case_import(actor=importer, organisation=other_organisation, document=first)
    published = again.ai_systems.get(name="ShiftWise").register_entry.published_version
    assert published is not None
    assert published.value_chain == ""

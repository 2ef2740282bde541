"""Case assessment packs, their evidence bundles and their verification, on one case built once
for the module (through the real services; packs built by their task, run eagerly)."""

from __future__ import annotations

import io
import itertools
import json
import zipfile
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from core.models import TimelineEvent, User
from core.pdf import content_sha256
from core.roles import Role
from packs.models import Pack
from packs.verification import verify_bundle
from procurement.models import ProcurementCase
from tests.factories import example_organisation, member
from tests.module_worlds import rolled_back_at_the_end
from tests.packs.helpers import case_with_records, make_pack, pdf_text, read

pytestmark = pytest.mark.django_db


@dataclass
class World:
    case: ProcurementCase
    people: dict[str, User]
    full: Pack
    welsh: Pack
    representative: Pack
    pdf: str
    bundle: bytes


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back_at_the_end(django_db_blocker), django_db_blocker.unblock():
        organisation = example_organisation()
        people: dict[str, User] = {
            str(role): member(role, organisation)
            for role in (
                Role.COMMISSIONER,
                Role.UNION_REPRESENTATIVE,
                Role.OVERSIGHT_MEMBER,
                Role.WORKER,
            )
        }
        people["unassigned"] = member(Role.UNION_REPRESENTATIVE, organisation)
        case = case_with_records(
            people[Role.COMMISSIONER], organisation, people[Role.UNION_REPRESENTATIVE], wairas=2
        )
        full = make_pack(people[Role.COMMISSIONER], case)
        welsh = make_pack(people[Role.OVERSIGHT_MEMBER], case, language="cy")
        representative = make_pack(people[Role.UNION_REPRESENTATIVE], case)
        yield World(
            case=case,
            people=people,
            full=full,
            welsh=welsh,
            representative=representative,
            pdf=pdf_text(read(full.file)),
            bundle=read(full.bundle),
        )


def client_of(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- The pack ------------------------------------------------------------------------------


def test_the_pack_prints_every_section(world):
    for words in (
        "Assessment pack 1: Rostering assistant for home care",
        "Contents",
        "Worker-voice ledger",
        "Gate decisions",
        "Signed off",
        "Carry-forward record",
        "RotaWise",
        "The latest WAIRA, version 2, in full",
        "Earlier WAIRAs",
        "Public register entry: every published version",
        "Explanation and reconsideration requests in figures",
        "The full timeline",
        "Assessment pack asked for",
    ):
        assert words in world.pdf, words


def test_the_cover_prints_the_hash_of_the_canonical_content(world):
    with zipfile.ZipFile(io.BytesIO(world.bundle)) as archive:
        content = json.loads(archive.read("content.json"))
    assert content_sha256(content) == world.full.sha256
    assert world.full.sha256 in world.pdf.replace(" ", "")


def test_asking_again_makes_the_next_version(world):
    assert [world.full.version, world.welsh.version, world.representative.version] == [1, 2, 3]


def test_the_welsh_pack_is_in_welsh(world):
    text = pdf_text(read(world.welsh.file))
    assert "Pecyn asesu 2" in text and "Y llinell amser lawn" in text
    assert "Assessment pack" not in text


def test_a_representative_gets_a_pack_made_for_them(world):
    assert world.representative.scope == Pack.Scope.REPRESENTATIVE
    assert world.full.scope == Pack.Scope.FULL
    text = pdf_text(read(world.representative.file))
    assert "union representative: it holds what they may see" in text


# --- Who may have which pack -------------------------------------------------------------------


def test_a_representative_cannot_open_or_download_a_full_pack(world):
    client = client_of(world.people[Role.UNION_REPRESENTATIVE])
    for name in ("pack_progress", "pack_download", "bundle_download"):
        assert client.get(reverse(f"packs:{name}", args=[world.full.pk])).status_code == 404
    own = client.get(reverse("packs:pack_download", args=[world.representative.pk]))
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"


def test_an_unassigned_representative_gets_no_pack_of_the_case(world):
    client = client_of(world.people["unassigned"])
    assert client.get(reverse("packs:case_packs", args=[world.case.pk])).status_code == 404
    assert (
        client.get(reverse("packs:pack_download", args=[world.representative.pk])).status_code
        == 404
    )


def test_staff_list_every_version(world):
    page = client_of(world.people[Role.OVERSIGHT_MEMBER]).get(
        reverse("packs:case_packs", args=[world.case.pk])
    )
    body = page.content.decode()
    assert all(f"Version {n}" in body for n in (1, 2, 3))
    assert world.full.sha256 in body


def test_the_case_page_links_to_its_packs(world):
    page = client_of(world.people[Role.COMMISSIONER]).get(
        reverse("procurement:case_detail", args=[world.case.pk])
    )
    assert reverse("packs:case_packs", args=[world.case.pk]) in page.content.decode()


# --- Progress ----------------------------------------------------------------------------------


def test_a_finished_pack_reports_every_step_done(world):
    status = client_of(world.people[Role.COMMISSIONER]).get(
        reverse("packs:pack_status", args=[world.full.pk])
    )
    progress = status.json()
    assert progress["finished"] and progress["state"] == "done"
    assert [step["status"] for step in progress["steps"]] == ["done"] * progress["total"]
    assert progress["bundle_url"] == reverse("packs:bundle_download", args=[world.full.pk])


def test_a_queued_pack_page_refreshes_itself_without_javascript(world):
    queued = Pack.objects.create(
        organisation=world.case.organisation,
        kind=Pack.Kind.CASE,
        case=world.case,
        version=99,
        language="en",
        scope=Pack.Scope.FULL,
        requested_by=world.people[Role.COMMISSIONER],
    )
    page = client_of(world.people[Role.COMMISSIONER]).get(
        reverse("packs:pack_progress", args=[queued.pk])
    )
    body = page.content.decode()
    assert '<noscript><meta http-equiv="refresh"' in body
    assert "js/pack-progress.js" in body
    assert "0 of" in body


# --- The evidence bundle and its verification -------------------------------------------------


def test_the_manifest_lists_every_file_with_its_hash(world):
    with zipfile.ZipFile(io.BytesIO(world.bundle)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        listed = {entry["path"] for entry in manifest["files"]}
        assert listed == set(archive.namelist()) - {"manifest.json"}
    assert {"pack.pdf", "content.json", "timeline.json"} <= listed
    assert any(path.startswith("wairas/") for path in listed)


def test_an_untouched_bundle_is_intact(world):
    report = verify_bundle(world.bundle)
    assert report.intact and report.events_checked > 10


def rewritten(bundle: bytes, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(bundle))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))
    return out.getvalue()


def first_system(world) -> int:
    pk: int = world.case.ai_systems.get().pk
    return pk


def test_one_changed_byte_and_one_changed_event_are_each_named(world):
    def tamper(name: str, data: bytes) -> bytes:
        if name.endswith("-v1.pdf"):
            return data[:100] + bytes([data[100] ^ 1]) + data[101:]
        if name == "timeline.json":
            rows = json.loads(data)
            rows[3]["reason"] = rows[3]["reason"] + " (edited)"
            return json.dumps(rows).encode()
        return data

    report = verify_bundle(rewritten(world.bundle, tamper))
    assert not report.intact
    assert report.changed == ["timeline.json", f"wairas/{first_system(world)}-v1.pdf"]
    rows = json.loads(zipfile.ZipFile(io.BytesIO(world.bundle)).read("timeline.json"))
    assert [(p.event_id, p.problems) for p in report.events] == [(rows[3]["id"], ("who_why",))]


def test_the_command_names_what_changed(world, tmp_path):
    path = tmp_path / "bundle.zip"
    path.write_bytes(rewritten(world.bundle, lambda n, d: d + b" " if n == "content.json" else d))
    out = io.StringIO()
    with pytest.raises(CommandError, match="NOT INTACT"):
        call_command("verify_bundle", str(path), stdout=out)
    assert "CHANGED content.json" in out.getvalue()
    path.write_bytes(world.bundle)
    call_command("verify_bundle", str(path), stdout=out)
    assert "INTACT" in out.getvalue() and f"issued here as pack {world.full.pk}" in out.getvalue()


def test_the_public_page_checks_a_bundle_without_sign_in(world):
    client = Client()
    assert client.get(reverse("packs:verify")).status_code == 200
    upload = SimpleUploadedFile("bundle.zip", world.bundle, content_type="application/zip")
    body = client.post(reverse("packs:verify"), {"bundle": upload}).content.decode()
    assert "The bundle is intact" in body and world.case.organisation.name in body


def test_the_public_page_refuses_a_file_that_is_not_a_bundle(world):
    upload = SimpleUploadedFile("notes.zip", b"just text", content_type="application/zip")
    body = Client().post(reverse("packs:verify"), {"bundle": upload}).content.decode()
    assert "govuk-error-summary" in body and "ZIP file" in body


# --- The chain in the database ----------------------------------------------------------------


def test_the_chain_links_each_event_to_the_one_before(world):
    events = list(
        TimelineEvent.objects.filter(organisation=world.case.organisation).order_by(
            "chain_position"
        )
    )
    assert [e.chain_position for e in events] == list(range(1, len(events) + 1))
    assert all(b.previous_sha256 == a.sha256 for a, b in itertools.pairwise(events))


def test_the_chain_command_names_a_changed_row(world):
    slug = world.case.organisation.slug
    out = io.StringIO()
    call_command("check_timeline_chain", slug, stdout=out)
    assert "is whole" in out.getvalue()
    event = TimelineEvent.objects.filter(organisation=world.case.organisation).order_by("id")[5]
    TimelineEvent.objects.filter(pk=event.pk).update(kind="case_updated_by_someone_else")
    with pytest.raises(CommandError, match="broken"):
        call_command("check_timeline_chain", slug, stdout=out)
    assert f"BROKEN event id={event.pk} position={event.chain_position}: content" in out.getvalue()


# --- CSV -----------------------------------------------------------------------------------------


def test_the_ledger_csv_is_safe_in_a_spreadsheet(world):
    activity = world.case.activities.first()
    activity.issues_raised = '=HYPERLINK("http://example.org")'
    activity.save()
    body = (
        client_of(world.people[Role.COMMISSIONER])
        .get(reverse("packs:ledger_csv", args=[world.case.pk]))
        .content.decode()
    )
    assert "'=HYPERLINK" in body


def test_the_case_csv_lists_only_the_cases_a_person_sees(world):
    commissioner = client_of(world.people[Role.COMMISSIONER]).get(reverse("packs:cases_csv"))
    assert world.case.title in commissioner.content.decode()
    unassigned = client_of(world.people["unassigned"]).get(reverse("packs:cases_csv"))
    assert world.case.title not in unassigned.content.decode()

"""Hostile input never answers 500: query parameters are checked before they reach PostgreSQL,
downloads are checked before their stream starts, CSV cells cannot start a formula, and an
attachment is accepted by its content, never by its name."""

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import StreamingHttpResponse
from django.urls import reverse

from core.inputs import BIGINT_MAX, parse_id
from core.roles import Role
from core.spreadsheets import spreadsheet_safe
from core.uploads import check_upload
from procurement import services as procurement_services
from procurement.models import EngagementActivity, EngagementApproach, EngagementAttachment
from registers.open_data import csv_row
from tests.factories import OrganisationFactory, member
from tests.module_worlds import rolled_back_at_the_end
from tests.procurement_helpers import new_case, today
from tests.register_helpers import published_entry, register_system
from tests.rights_helpers import make_request

pytestmark = pytest.mark.django_db

FORMULA_NAME = '=HYPERLINK("http://evil.example","Click")'
HOSTILE_FILTERS = [
    {"q": "\x00"},
    {"q": "rota\x00wise"},
    {"organisation": "\x00"},
    {"category": "pay\x00"},
    {"q": "x" * 201},
    {"status": "\x00"},
]
DOWNLOADS = ["register:csv", "register:json", "register:atrs"]


def _build_entry():
    organisation = OrganisationFactory.create(name_en="Register Council", slug="register-council")
    commissioner = member(Role.COMMISSIONER, organisation)
    system = register_system(
        commissioner,
        organisation,
        first_use=datetime.date(2025, 1, 6),
        name=FORMULA_NAME,
        supplier="@SUM(A1:A9)",
    )
    published, _version = published_entry(
        commissioner, system, description_en="-2+3 and more", purpose_en="+44 1234"
    )
    return published


@pytest.fixture(scope="module")
def built_entry(django_db_setup, django_db_blocker):
    """One published entry for the module (rolled back when it ends)."""
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            built = _build_entry()
        yield built


@pytest.fixture
def entry(db, built_entry):
    return built_entry


# --- ids ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["²", "\u0661\u0662", "0", "-1", " 1", "1 ", "1e3", "", "\x00", str(BIGINT_MAX + 1), "9" * 40],
)
def test_an_id_that_is_not_plain_digits_in_range_is_no_id(typed):
    assert parse_id(typed) is None


def test_an_id_in_range_is_read():
    assert parse_id("42") == 42
    assert parse_id(str(BIGINT_MAX)) == BIGINT_MAX


@pytest.mark.parametrize("follows", ["²", "\u0661", "99999999999999999999999", "\x00", "abc"])
def test_a_reconsideration_that_follows_nonsense_starts_empty(client, worker, follows):
    client.force_login(worker)
    response = client.get(reverse("rights_requests:request_create"), {"follows": follows})
    assert response.status_code == 200
    assert "The request this one follows was not found" in response.content.decode()


def test_a_reconsideration_follows_the_workers_own_request(client, worker, organisation):
    explanation = make_request(worker, organisation)
    client.force_login(worker)
    response = client.get(
        reverse("rights_requests:request_create"), {"follows": str(explanation.pk)}
    )
    assert response.status_code == 200
    assert "was not found" not in response.content.decode()
    assert response.context["follows"] == explanation


# --- the public register's filters ----------------------------------------------------------------


@pytest.mark.parametrize("query", HOSTILE_FILTERS)
def test_a_bad_filter_on_the_register_page_gets_the_error_summary(client, entry, query):
    response = client.get(reverse("register:list"), query)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert "<title>Error:" in html
    # The bad filter is no filter: the entry is still listed.
    assert reverse("register:entry", args=[entry.pk]) in html


def test_the_register_page_names_the_null_character(client, entry):
    html = client.get(reverse("register:list"), {"q": "\x00"}).content.decode()
    assert 'href="#register-q"' in html
    assert "Remove the null character from what you typed." in html


def test_a_good_filter_still_filters(client, entry):
    response = client.get(reverse("register:list"), {"q": "hyperlink", "status": "in-use"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    assert (
        client.get(reverse("register:list"), {"q": "nothing-like-it"})
        .context["page"]
        .paginator.count
        == 0
    )


@pytest.mark.parametrize("query", HOSTILE_FILTERS)
def test_the_api_answers_a_bad_filter_with_400_and_the_reason(client, entry, query):
    response = client.get(reverse("register-api:entry-list"), query)
    assert response.status_code == 400
    reasons = response.json()
    assert set(reasons) == set(query)
    assert all(isinstance(reason, str) for field in reasons.values() for reason in field)


@pytest.mark.parametrize("url_name", DOWNLOADS)
@pytest.mark.parametrize("query", HOSTILE_FILTERS)
def test_a_download_with_a_bad_filter_never_starts(client, entry, url_name, query):
    response = client.get(reverse(url_name), query)
    assert response.status_code == 400
    assert not isinstance(response, StreamingHttpResponse)
    assert 'class="govuk-error-summary"' in response.content.decode()


@pytest.mark.parametrize("url_name", DOWNLOADS)
def test_a_download_with_good_filters_is_whole(client, entry, url_name):
    response = client.get(reverse(url_name), {"q": "hyperlink"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    if url_name == "register:csv":
        assert len(list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))) == 2
    else:
        document = json.loads(body)
        assert len(document.get("entries", document.get("records", []))) == 1


# --- CSV injection --------------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_could_start_a_formula_starts_with_a_quote(start):
    assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["RotaWise", "", "a=b", "2026-01-06", 3, -3, None])
def test_other_cells_are_unchanged(value):
    assert spreadsheet_safe(value) == value


def test_the_register_csv_has_no_formula_and_the_json_is_unchanged(client, entry):
    body = b"".join(client.get(reverse("register:csv")).streaming_content).decode()
    (row,) = csv.DictReader(io.StringIO(body.lstrip("\ufeff")))
    assert row["name_en"] == "'" + FORMULA_NAME
    assert row["supplier"] == "'@SUM(A1:A9)"
    assert row["description_en"] == "'-2+3 and more"
    assert row["purpose_en"] == "'+44 1234"
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    (record,) = client.get(reverse("register-api:entry-list")).json()["results"]
    assert record["name_en"] == FORMULA_NAME
    assert record["supplier"] == "@SUM(A1:A9)"
    document = json.loads(b"".join(client.get(reverse("register:json")).streaming_content))
    assert document["entries"][0]["description_en"] == "-2+3 and more"


def test_csv_row_neutralises_every_column(client, entry):
    record = client.get(reverse("register-api:entry-list")).json()["results"][0]
    record["organisation"]["name_en"] = "=cmd|' /C calc'!A0"
    row = csv_row(record)
    assert "'=cmd|' /C calc'!A0" in row


# --- attachments ----------------------------------------------------------------------------------

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 40


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("results.pdf", EXE),
        ("results.pdf", ELF),
        ("results.pdf", PNG),
        ("notes.txt", EXE),
        ("notes.txt", b"\xff\xfe\x00b\x00a\x00d"),
        ("notes.csv", PDF),
        ("photo.png", PDF),
        ("tool.exe", EXE),
        ("no-extension", PDF),
        ("empty.pdf", b""),
    ],
)
def test_a_file_whose_content_is_not_an_allowed_type_matching_its_name_is_refused(name, content):
    with pytest.raises(ValidationError):
        check_upload(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("results.pdf", PDF),
        ("RESULTS.PDF", PDF),
        ("chart.png", PNG),
        ("notes.txt", "Nodiadau'r gweithdy: ŵ ŷ".encode()),
        ("survey.csv", b"question,answer\nbreaks,not counted\n"),
    ],
)
def test_a_file_of_an_allowed_type_is_accepted_and_left_at_its_start(name, content):
    upload = SimpleUploadedFile(name, content)
    check_upload(upload)
    assert upload.read() == content


def test_a_file_over_5_mb_is_refused():
    with pytest.raises(ValidationError, match="smaller than 5 MB"):
        check_upload(SimpleUploadedFile("big.txt", b"a" * (5 * 1024 * 1024 + 1)))


def _engagement(approach_key: str = "worker-survey") -> dict[str, str]:
    held = today()
    return {
        "approach": str(EngagementApproach.objects.get(key=approach_key).pk),
        "held_on_day": str(held.day),
        "held_on_month": str(held.month),
        "held_on_year": str(held.year),
        "worker_groups": "Night shift",
        "worker_count": "12",
        "issues_raised": "Breaks are not counted.",
        "attachment_description": "Survey results",
    }


def test_an_executable_renamed_pdf_is_refused_on_the_page_and_nothing_is_stored(
    client, commissioner, organisation, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    case = new_case(commissioner, organisation)
    client.force_login(commissioner)
    response = client.post(
        reverse("procurement:activity_create", args=[case.pk]),
        {**_engagement(), "attachment": SimpleUploadedFile("results.pdf", EXE)},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_attachment"' in html
    assert "a file ending .pdf must contain that type of file" in html
    assert not EngagementActivity.objects.exists()
    assert not EngagementAttachment.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_a_real_pdf_is_stored(client, commissioner, organisation, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    case = new_case(commissioner, organisation)
    client.force_login(commissioner)
    response = client.post(
        reverse("procurement:activity_create", args=[case.pk]),
        {**_engagement(), "attachment": SimpleUploadedFile("results.pdf", PDF)},
    )
    assert response.status_code == 302
    attachment = EngagementAttachment.objects.get()
    with attachment.file.open("rb") as stored:
        assert stored.read() == PDF


def test_the_service_refuses_an_executable_too(commissioner, organisation, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    case = new_case(commissioner, organisation)
    with pytest.raises(ValidationError) as refused:
        procurement_services.engagement_record(
            actor=commissioner,
            case=case,
            approach=EngagementApproach.objects.get(key="worker-survey"),
            held_on=today(),
            worker_groups="Care workers",
            worker_count=30,
            issues_raised="Travel time.",
            attachments=[(SimpleUploadedFile("survey.pdf", EXE), "Survey results")],
        )
    assert "attachment" in refused.value.message_dict
    assert not EngagementActivity.objects.exists()
    assert not any(tmp_path.rglob("*"))

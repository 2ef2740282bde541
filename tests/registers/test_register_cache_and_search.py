# ruff: noqa: F811  (the `register` fixture, imported from test_register_public, is a parameter)
"""The public register at scale: its shared cache (invalidated by every publication, never holding
anything unpublished or anyone's name), conditional GET, Cache-Control, keyset pages in the API,
full-text search in English and Welsh, and the ATRS v3.0 export checked against the template."""

import csv
import datetime
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from jsonschema import Draft202012Validator

from registers import open_data, search, services
from registers.cache import CSRF_PLACEHOLDER
from tests.register_helpers import entry_text, published_entry, register_system
from tests.registers.test_register_entries import update
from tests.registers.test_register_public import (  # noqa: F401  (the fixture)
    SECRETS,
    body,
    public_urls,
    register,
)

pytestmark = pytest.mark.django_db

ATRS_TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "atrs_v3.0_template_fields.csv"
CACHED = ["list", "entry", "version", "api list", "api entry", "feed"]


def get(client, url: str, **headers):
    return client.get(url, **headers)


def test_a_second_anonymous_visit_is_answered_from_the_cache(client, register):
    url = reverse("register:list")
    get(client, url)
    with CaptureQueriesContext(connection) as queries:
        assert get(Client(), url).status_code == 200
    assert len(queries.captured_queries) == 0


@pytest.mark.parametrize("page", CACHED)
def test_an_unchanged_page_answers_304_without_rendering(client, register, page):
    url = public_urls(register)[page]
    etag = get(client, url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert len(queries.captured_queries) == 0


def test_a_publication_changes_the_etag(client, register, django_capture_on_commit_callbacks):
    url = reverse("register:entry", args=[register["rota"].pk])
    etag = get(client, url)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        services.register_entry_publish(
            actor=register["commissioner"],
            entry=register["rota"],
            change_date=datetime.date(2025, 3, 1),
            change_note_en="New data types.",
        )
    assert Client().get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


@pytest.mark.parametrize("page", ["list", "entry", "api list", "api entry", "json", "feed"])
def test_a_published_change_is_visible_on_the_next_request(
    client, register, page, django_capture_on_commit_callbacks
):
    url = public_urls(register)[page]
    assert "RotaWise Two" not in body(get(client, url))
    rota = register["rota"]
    rota.system.refresh_from_db()
    update(register["commissioner"], rota.system, name="RotaWise Two")
    with django_capture_on_commit_callbacks(execute=True):
        services.register_entry_publish(
            actor=register["commissioner"],
            entry=rota,
            change_date=datetime.date(2025, 3, 1),
            change_note_en="Renamed.",
        )
    assert "RotaWise Two" in body(get(Client(), url))


def test_retiring_an_entry_is_visible_on_the_next_request(
    client, register, django_capture_on_commit_callbacks
):
    url = reverse("register:list") + "?status=ended"
    assert "RotaWise" not in body(get(client, url))
    rota = register["rota"]
    commissioner = register["commissioner"]
    rota.system.refresh_from_db()
    update(commissioner, rota.system, end_of_use=datetime.date(2025, 6, 1))
    services.register_entry_save(
        actor=commissioner,
        system=rota.system,
        **entry_text(purpose_en="PUBLISHED-PURPOSE-7731", data_types_en="Shift history."),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.register_entry_retire(actor=commissioner, entry=rota, change_note_en="Ended.")
    assert "RotaWise" in body(get(Client(), url))


def test_a_working_copy_saved_later_never_reaches_a_cached_answer(client, register):
    urls = public_urls(register)
    for page in CACHED:
        get(client, urls[page])
    services.register_entry_save(
        actor=register["commissioner"],
        system=register["rota"].system,
        **entry_text(purpose_en="ANOTHER-UNPUBLISHED-EDIT-1212"),
    )
    for page in CACHED:
        text = body(get(Client(), urls[page]))
        assert "ANOTHER-UNPUBLISHED-EDIT-1212" not in text
        assert SECRETS["draft"] not in text


def test_a_signed_in_person_never_gets_the_shared_page_and_it_never_gets_their_name(
    client, register
):
    url = reverse("register:list")
    get(Client(), url)  # cached for anonymous visitors
    signed_in = Client()
    signed_in.force_login(register["commissioner"])
    mine = get(signed_in, url)
    assert "Sign out" in body(mine)
    assert "private" in mine["Cache-Control"]
    shared = body(get(Client(), url))
    assert "Sign out" not in shared
    assert SECRETS["staff username"] not in shared


def test_each_anonymous_visitor_gets_their_own_csrf_token(client, register):
    url = reverse("register:list")
    first, second = Client(), Client()
    get(first, url)
    page = body(get(second, url))
    assert CSRF_PLACEHOLDER.decode() not in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert second.cookies["csrftoken"].value
    # The language switch on the cached page works for this visitor.
    switched = second.post(reverse("set_language"), {"language": "cy", "next": url})
    assert switched.status_code == 302


def test_html_pages_are_kept_by_the_browser_only_and_data_by_shared_caches(client, register):
    urls = public_urls(register)
    assert get(client, urls["list"])["Cache-Control"].startswith("private")
    api = get(client, urls["api list"])["Cache-Control"]
    assert "public" in api and "max-age=60" in api


# --- The API's keyset pages ---------------------------------------------------------------------


def test_the_api_pages_by_cursor(client, register):
    url = reverse("register-api:entry-list")
    first = client.get(url, {"page_size": 1}).json()
    assert len(first["results"]) == 1
    second = client.get(first["next"]).json()
    assert second["results"][0]["id"] > first["results"][0]["id"]


def test_a_search_of_the_api_pages_through_every_match_in_entry_order(
    client, register, organisation
):
    """Pages of one entry each, under a search and a status: every match once, by entry id,
    and a version that is no longer an entry's published one is never a match."""
    commissioner = register["commissioner"]
    found = []
    for number in range(3):
        system = register_system(
            commissioner,
            organisation,
            first_use=datetime.date(2025, 1, 6),
            name=f"Zephyr Planner {number}",
        )
        entry, _version = published_entry(commissioner, system)
        found.append(entry.pk)
    # Renamed and published again: its first version still says "Zephyr", its current one not.
    renamed = register_system(
        commissioner, organisation, first_use=datetime.date(2025, 1, 6), name="Zephyr Old Name"
    )
    renamed_entry, _ = published_entry(commissioner, renamed)
    update(commissioner, renamed, name="Shift Helper")
    services.register_entry_publish(
        actor=commissioner,
        entry=renamed_entry,
        change_date=datetime.date(2025, 3, 1),
        change_note_en="Renamed.",
    )
    url = reverse("register-api:entry-list")
    seen: list[int] = []
    page = client.get(url, {"q": "zephyr", "status": "in-use", "page_size": 1}).json()
    while True:
        seen += [record["id"] for record in page["results"]]
        if not page["next"]:
            break
        page = client.get(page["next"]).json()
    assert seen == sorted(found)
    # Back again, by the previous links.
    back: list[int] = []
    while page["previous"]:
        page = client.get(page["previous"]).json()
        back += [record["id"] for record in page["results"]]
    assert back == sorted(found)[-2::-1]


@pytest.mark.parametrize("few", [1, 500])
def test_a_word_in_few_entries_is_found_through_the_text_index_first(
    client, register, organisation, monkeypatch, few
):
    """Walking the register in entry order for a word in no entry read all of it (2 to 4 s at
    1,000,000 entries): when the text index finds at most search.FEW matches, the page is
    chosen among those alone; with more, the walk. The same entries either way."""
    monkeypatch.setattr(search, "FEW", few)
    commissioner = register["commissioner"]
    zephyrs = []
    for number in range(2):
        system = register_system(
            commissioner, organisation, first_use=datetime.date(2025, 1, 6), name=f"Zephyr {number}"
        )
        zephyrs.append(published_entry(commissioner, system)[0].pk)
    url = reverse("register-api:entry-list")
    for q, found in [("zephyr", zephyrs), ("nowhere", []), ("zephyr nowhere", [])]:
        with CaptureQueriesContext(connection) as captured:
            results = client.get(url, {"q": q}).json()["results"]
        assert [record["id"] for record in results] == found
        # Narrowed to no match at all, the page is not even asked for.
        page_query = next(
            (c["sql"] for c in captured.captured_queries if "LIMIT 101" in c["sql"]), "narrowed"
        )
        narrowed = page_query == "narrowed" or (
            '"registers_registerentry"."published_version_id" IN (' in page_query
        )
        assert narrowed == (len(found) <= few)
    # A word in an organisation's name finds its entries without their text: never narrowed.
    with CaptureQueriesContext(connection) as captured:
        results = client.get(url, {"q": organisation.name_en.split()[0]}).json()["results"]
    assert {register["rota"].pk, *zephyrs} <= {record["id"] for record in results}
    page_query = next(c["sql"] for c in captured.captured_queries if "LIMIT 101" in c["sql"])
    assert '"registers_registerentry"."published_version_id" IN (' not in page_query


def test_the_api_walks_the_published_versions_in_entry_order(client, register):
    """A search's page is chosen walking the published versions by their entry's id (each
    version's search document tested where it lies): ordered by the entry's own id, PostgreSQL
    read every entry and then its version until a page of matches was found, 250 ms at
    1,000,000 entries (docs/register-open-data.md, "Measured")."""
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("register-api:entry-list"), {"q": "rota"})
    page_query = next(q["sql"] for q in captured.captured_queries if "LIMIT 101" in q["sql"])
    # Ordered by the column that selects the published version's entry id (by its place).
    selected = page_query.removeprefix("SELECT ").split(" FROM ")[0].split(", ")
    place = selected.index('"registers_registerentryversion"."entry_id" AS "entry_order"') + 1
    assert page_query.endswith(f"ORDER BY {place} ASC LIMIT 101")


@pytest.mark.parametrize("cursor", ["not-a-cursor", "cD1hYmM=", "cD3Zog=="])
def test_an_invalid_cursor_is_a_404(client, register, cursor):
    """Not base64, a position that is not an id ("p=abc"), one in another script ("p=Ù¢")."""
    url = reverse("register-api:entry-list")
    assert client.get(url, {"cursor": cursor}).status_code == 404


# --- Search ------------------------------------------------------------------------------------


@pytest.fixture
def searched(organisation, commissioner):
    """Two entries: 'roster' in one's name, only in the other's description."""
    first_use = datetime.date(2025, 1, 6)
    in_name = register_system(commissioner, organisation, first_use=first_use, name="Roster Pro")
    published_entry(commissioner, in_name)
    in_text = register_system(commissioner, organisation, first_use=first_use, name="ShiftMate")
    published_entry(
        commissioner,
        in_text,
        description_en="Builds a roster from <b>availability</b>.",
        description_cy="Mae'n llunio amserlenni o argaeledd.",
    )
    return {"in name": in_name, "in text": in_text}


def names_found(client, q: str, **extra) -> list[str]:
    response = client.get(reverse("register:list"), {"q": q}, **extra)
    return [row.version.name_en for row in response.context["rows"]]


def test_a_match_in_the_name_ranks_first(client, searched):
    assert names_found(client, "roster") == ["Roster Pro", "ShiftMate"]


def test_english_words_match_their_other_forms(client, searched):
    assert names_found(client, "rosters") == ["Roster Pro", "ShiftMate"]


def test_a_welsh_word_finds_the_welsh_text(client, searched):
    assert names_found(client, "amserlenni") == ["ShiftMate"]


def test_every_word_must_match(client, searched):
    assert names_found(client, "roster amserlenni") == ["ShiftMate"]


def test_the_match_is_highlighted_and_the_text_escaped(client, searched):
    page = body(client.get(reverse("register:list"), {"q": "availability"}))
    assert "<mark>availability</mark>" in page or "&lt;b&gt;<mark>availability</mark>" in page
    assert "<b>availability</b>" not in page


def test_a_search_found_in_more_entries_than_it_ranks_says_so(client, searched, monkeypatch):
    """A word in (nearly) every entry ranks only the first RANKED_AT_MOST found, and says so."""
    monkeypatch.setattr(search, "RANKED_AT_MOST", 1)
    response = client.get(reverse("register:list"), {"q": "roster"})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 1
    page = body(response)
    assert "Entries found: more than 1" in page
    assert "These are the first 1 entries found" in page
    # Narrowed to one match: no such message.
    page = body(client.get(reverse("register:list"), {"q": "amserlenni"}))
    assert "Entries found: 1" in page and "more than" not in page


def test_the_api_searches_the_same_way(client, searched):
    url = reverse("register-api:entry-list")
    found = client.get(url, {"q": "amserlenni"}).json()["results"]
    assert [entry["name_en"] for entry in found] == ["ShiftMate"]


# --- ATRS v3.0 ---------------------------------------------------------------------------------


def template_fields() -> list[dict[str, str]]:
    """The template's fields, copied from CDDO's v3.0 template_table.md (tests/data)."""
    with ATRS_TEMPLATE.open(newline="") as table:
        return list(csv.DictReader(table))


def test_the_atrs_export_numbers_and_names_every_field_of_the_template():
    exported = [(number, name) for number, _section, name in open_data.ATRS_FIELDS]
    assert exported == [(f["reference_number"], f["attribute"]) for f in template_fields()]


def test_the_atrs_sections_follow_the_template_tiers():
    tiers = {f["reference_number"]: f["tier"] for f in template_fields()}
    for number, section, _name in open_data.ATRS_FIELDS:
        expected = {"N/A": ("metadata", "title_information"), "1": ("tier_1",)}.get(
            tiers[number], ("tier_2",)
        )
        assert section.startswith(expected), number


def test_an_atrs_record_holds_every_field_and_fills_what_the_register_holds(client, register):
    document = json.loads(body(client.get(reverse("register:atrs"))))
    assert document["standard_version"] == "3.0"
    record = next(r for r in document["records"] if r["tier_1"]["name"] == "RotaWise")
    for number, path in document["reference_numbers"].items():
        place = record
        for part in path.split("."):
            assert part in place, number
            place = place[part]
    owner = record["tier_2"]["owner_and_responsibility"]
    assert owner["external_supplier"] == "Rota Systems Ltd"
    assert owner["external_supplier_involvement"] == "Yes"
    assert record["title_information"]["phase"] == "Production"
    assert record["metadata"]["date_of_completion"]
    assert (
        "WAIRA" in record["tier_2"]["risks_mitigations_and_impact_assessments"]["impact_assessment"]
    )


def test_the_atrs_export_is_valid_against_its_committed_schema(client, register):
    schema = json.loads((Path(open_data.SCHEMAS) / "atrs.schema.json").read_text())
    Draft202012Validator.check_schema(schema)
    document = json.loads(body(client.get(reverse("register:atrs"))))
    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        document
    )

"""Staff search (issue 15, item 7): each role finds only what it may open, of each kind; the best
match first; Welsh text found as written; matches marked with the text escaped; no input answers
500; the queries are as many for 100 records of each kind as for 10."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from oversight.search import SearchPage
from procurement import services as procurement_services
from registers.models import RegisterEntry
from tests.factories import OrganisationFactory
from tests.module_worlds import rolled_back_at_the_end
from tests.oversight.search_helpers import copies_in_bulk, search_world, zephyr_case

pytestmark = pytest.mark.django_db

URL = reverse("oversight:search")


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            world = search_world(OrganisationFactory.create(), OrganisationFactory.create())
        yield world


@pytest.fixture
def world(db, built):
    return built


def found(user, q: str = "zephyr", kind: str = "") -> dict[str, set[str]]:
    page = SearchPage.for_(user, q=q, kind=kind, page=None)
    return {group.key: {result.title for result in group.results} for group in page.groups}


def titles(world) -> dict[str, str]:
    return {
        "case_assigned": world["cases"]["assigned"].title,
        "case_unassigned": world["cases"]["unassigned"].title,
        "case_outsider": world["cases"]["outsider"].title,
        "system_in_use": world["systems"]["in_use"].name,
        "system_other": world["systems"]["other"].name,
        "waira_in_use": str(world["wairas"]["in_use"]),
        "waira_other": str(world["wairas"]["other"]),
        "explanation": world["requests"]["explanation"].reference,
        "reconsideration": world["requests"]["reconsideration"].reference,
        "incident": str(world["incident"]),
    }


STAFF_SEES: dict[str, set[str]] = {
    "cases": {"case_assigned", "case_unassigned"},
    "systems": {"system_in_use", "system_other"},
    "wairas": {"waira_in_use", "waira_other"},
    "incidents": {"incident"},
}
# role -> kind -> what it finds; a kind left out is not offered to the role at all.
MATRIX: dict[str, dict[str, set[str]]] = {
    "commissioner": STAFF_SEES,
    "procurement_officer": STAFF_SEES,
    "oversight_member": STAFF_SEES,
    "administrator": {**STAFF_SEES, "requests": {"explanation", "reconsideration"}},
    "union_rep": {
        "cases": {"case_assigned"},
        "systems": {"system_in_use"},
        "wairas": {"waira_in_use"},
        "requests": {"explanation"},  # shared with them by the worker
    },
    "union_rep_unassigned": {"cases": set(), "systems": set(), "wairas": set(), "requests": set()},
    "nominated_contact": {"requests": {"explanation"}},
    "competent_agent": {"requests": {"reconsideration"}},
    "outsider": {
        "cases": {"case_outsider"},
        "systems": set(),
        "wairas": set(),
        "incidents": set(),
    },
}


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_each_role_finds_only_what_it_may_open(world, role):
    names = titles(world)
    expected = {
        kind: {names[record] for record in records} for kind, records in MATRIX[role].items()
    }
    assert found(world["people"][role]) == expected


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_every_result_opens_for_the_person_who_found_it(world, role):
    client = Client()
    client.force_login(world["people"][role])
    page = SearchPage.for_(world["people"][role], q="zephyr", kind="", page=None)
    for group in page.groups:
        for result in group.results:
            assert client.get(result.url).status_code == 200, result.url


def test_a_worker_may_not_search(client, world):
    client.force_login(world["people"]["worker"])
    assert client.get(URL, {"q": "zephyr"}).status_code == 403


def test_another_organisations_record_is_not_found_by_its_title(world):
    assert found(world["people"]["commissioner"], q="another organisation") == {
        kind: set() for kind in STAFF_SEES
    }


def test_an_anonymous_reporter_is_neither_searched_nor_shown(client, world):
    client.force_login(world["people"]["administrator"])
    assert found(world["people"]["administrator"], q="Prydderch")["incidents"] == set()
    page = client.get(URL, {"q": "zephyr", "kind": "incidents"}).content.decode()
    assert "weekend shifts" in page
    assert "Prydderch" not in page and "Gwenllian" not in page


def test_the_best_match_comes_first(world):
    """A word in the title (weight A) outranks the same word in the summary (weight B), whichever
    was written first."""
    commissioner = world["people"]["commissioner"]
    organisation = world["cases"]["assigned"].organisation
    for title, summary in (
        ("Night rota review", "Checks the quokka allocations."),
        ("Quokka audit", "Checks the night rota."),
        ("Day rota review", "Nothing of the kind."),
    ):
        procurement_services.case_create(
            actor=commissioner,
            organisation=organisation,
            title=title,
            summary=summary,
            risk_level="low",
        )
    page = SearchPage.for_(commissioner, q="quokka", kind="cases", page=None)
    assert [result.title for result in page.groups[0].results] == [
        "Quokka audit",
        "Night rota review",
    ]


def test_a_welsh_name_finds_its_system_and_its_waira(world):
    system = world["systems"]["other"]
    entry = RegisterEntry.objects.get(system=system)
    RegisterEntry.objects.filter(pk=entry.pk).update(name_cy="Cyflogres Gwynt")
    result = found(world["people"]["commissioner"], q="cyflogres")
    assert result["systems"] == {system.name}
    assert result["wairas"] == {str(world["wairas"]["other"])}


def test_english_words_are_stemmed(world):
    assert found(world["people"]["commissioner"], q="allocating", kind="cases")["cases"] == {
        "Zephyr rota case",
        "Zephyr payroll case",
    }


def test_matches_are_marked_and_the_text_is_escaped(client, world):
    commissioner = world["people"]["commissioner"]
    zephyr_case(commissioner, world["cases"]["assigned"].organisation, "<script>alert(1)</script>")
    client.force_login(commissioner)
    page = client.get(URL, {"q": "zephyr", "kind": "cases"}).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<mark>Zephyr</mark>" in page


def test_a_phrase_and_a_left_out_word(world):
    commissioner = world["people"]["commissioner"]
    assert found(commissioner, q='"zephyr rota"', kind="cases")["cases"] == {"Zephyr rota case"}
    assert found(commissioner, q="zephyr -payroll", kind="cases")["cases"] == {"Zephyr rota case"}


def test_an_empty_search_shows_guidance(client, world):
    client.force_login(world["people"]["commissioner"])
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "What you can search" in page
    assert "Procurement cases" in page and "Explanation and reconsideration" not in page


@pytest.mark.parametrize(
    "q",
    [
        "a & | !",
        "zephyr & | ! ( ) :* <-> '",
        '"',
        '"unclosed zephyr',
        "-",
        "or or or",
        "the",
        "\\",
        "zephyr" * 30,
        "'); DROP TABLE procurement_procurementcase; --",
        "ŵ ŷ â ê î ô û",
    ],
)
def test_hostile_words_never_fail(client, world, q):
    client.force_login(world["people"]["administrator"])
    assert client.get(URL, {"q": q}).status_code == 200


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"q": "zephyr\x00"}, "Remove the null character from the search."),
        ({"q": "x" * 201}, "Enter a search of 200 characters or fewer."),
        ({"q": "zephyr", "kind": "everything-else"}, "Choose what to show from the list."),
    ],
)
def test_an_invalid_search_is_named_in_the_error_summary(client, world, query, message):
    client.force_login(world["people"]["commissioner"])
    response = client.get(URL, query)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and message in page


@pytest.mark.parametrize("page", ["-1", "abc", "99999999999999999999", "\x00"])
def test_any_page_number_shows_a_page(client, world, page):
    client.force_login(world["people"]["commissioner"])
    assert client.get(URL, {"q": "zephyr", "kind": "cases", "page": page}).status_code == 200


def test_the_navigation_offers_search_to_staff_and_not_to_workers(client, world):
    client.force_login(world["people"]["nominated_contact"])
    assert f'href="{URL}"' in client.get(reverse("core:dashboard")).content.decode()
    client.force_login(world["people"]["worker"])
    assert f'href="{URL}"' not in client.get(reverse("core:dashboard")).content.decode()


# --- Query counts: 10 records of each kind, then 100 --------------------------------------------


def queries_for(user, query: dict[str, str]) -> int:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL, query)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("role", "kind"),
    [
        ("administrator", ""),
        ("administrator", "requests"),
        ("commissioner", ""),
        ("commissioner", "incidents"),
        ("union_rep", ""),
        ("union_rep", "cases"),
    ],
)
def test_search_runs_as_many_queries_for_100_records_as_for_10(
    world, role, kind, django_assert_num_queries
):
    user = world["people"][role]
    query = {"q": "zephyr", "kind": kind}
    copies_in_bulk(world, 8)
    with_ten = queries_for(user, query)
    copies_in_bulk(world, 90)
    client = Client()
    client.force_login(user)
    with django_assert_num_queries(with_ten):
        assert client.get(URL, query).status_code == 200


def test_without_full_text_search_every_word_must_appear(world, monkeypatch):
    """The embedded default (SQLite) has no full-text search: a plain match of each word."""
    monkeypatch.setattr("oversight.search.full_text", lambda: False)
    commissioner = world["people"]["commissioner"]
    assert found(commissioner, q='zephyr "payroll"', kind="cases")["cases"] == {
        "Zephyr payroll case"
    }
    union_rep = world["people"]["union_rep"]
    assert found(union_rep)["cases"] == {"Zephyr rota case"}


def test_on_the_search_page_only_search_is_the_current_item(client, world):
    client.force_login(world["people"]["oversight_member"])
    page = client.get(URL).content.decode()
    assert page.count('aria-current="page"') == 1
    assert f'href="{URL}" aria-current="page"' in page


def test_a_snippet_joins_only_the_texts_that_are_written(world):
    system = world["systems"]["other"]
    RegisterEntry.objects.filter(system=system).update(description_cy="")
    page = SearchPage.for_(world["people"]["commissioner"], q="visits", kind="systems", page=None)
    snippets = [str(result.snippet) for result in page.groups[0].results]
    assert snippets
    for snippet in snippets:
        assert "<mark>visits</mark>" in snippet
        assert " …  … " not in snippet and not snippet.startswith(" …")

# ruff: noqa: F811  (the `register` fixture, imported from test_register_public, is a parameter)
"""The register's cached paths, kept lean (issue 17): the filters' choices are read once per
change of the register, not on every page rendered, and are fresh after a publication; a
request reads the register's generation once."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import Organisation
from core.roles import Role
from registers import cache
from tests.register_helpers import published_entry, register_system
from tests.registers.test_register_public import (  # noqa: F401  (the fixture)
    register,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = 'FROM "core_organisation" WHERE EXISTS'
CATEGORIES = 'FROM "registers_decisioncategory" ORDER BY'


def queries_of(url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert Client().get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_filters_choices_are_read_once_per_change_of_the_register(register):
    first = queries_of(reverse("register:list") + "?status=in-use")
    assert any(ORGANISATIONS in sql for sql in first)
    assert any(CATEGORIES in sql for sql in first)
    # Another page, not cached itself: rendered, but its choices are the ones kept.
    second = queries_of(reverse("register:list") + "?category=pay")
    assert second
    assert len(second) == len(first) - 2
    assert not any(ORGANISATIONS in sql or CATEGORIES in sql for sql in second)


def test_a_new_organisations_first_publication_is_a_choice_on_the_next_request(
    register, user_with_role, django_capture_on_commit_callbacks
):
    url = reverse("register:list")
    assert 'value="ceredigion-care"' not in Client().get(url).content.decode()
    newcomer = Organisation.objects.create(name_en="Ceredigion Care", slug="ceredigion-care")
    commissioner = user_with_role(Role.COMMISSIONER, organisation=newcomer)
    system = register_system(
        commissioner, newcomer, first_use=datetime.date(2025, 1, 6), name="CareRota"
    )
    with django_capture_on_commit_callbacks(execute=True):
        published_entry(commissioner, system)
    page = Client().get(url + "?status=in-use").content.decode()
    assert 'value="ceredigion-care"' in page
    assert "CareRota" in page


def test_a_request_reads_the_generation_once(register, monkeypatch):
    url = reverse("register:list")
    Client().get(url)  # cached
    reads = []
    real = cache.generation

    def counted() -> str:
        reads.append(1)
        return real()

    monkeypatch.setattr(cache, "generation", counted)
    response = Client().get(url)
    assert response.status_code == 200
    assert response["ETag"] and response["Last-Modified"]
    assert len(reads) == 1

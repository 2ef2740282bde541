"""The public register costs the same number of queries with 10 and with 1,000 published
entries, and its downloads stream a chunk at a time."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registers import open_data
from tests.register_helpers import (
    copies_of_published_entry,
    published_entry,
    register_system,
    waira_completed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def first_entry(commissioner, organisation):
    system = register_system(
        commissioner,
        organisation,
        first_use=datetime.date(2025, 1, 6),
        categories=("allocation-of-work", "pay"),
    )
    waira_completed(system, datetime.date(2024, 12, 1))
    entry, _version = published_entry(commissioner, system)
    return entry


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url_name",
    ["register:list", "register-api:entry-list"],
)
@pytest.mark.parametrize("query", ["", "?category=pay&status=review-overdue&q=rota"])
def test_ten_or_a_thousand_entries_cost_the_same_queries(client, first_entry, url_name, query):
    url = reverse(url_name) + query
    copies_of_published_entry(first_entry, 9)
    with_ten = queries_for(client, url)
    copies_of_published_entry(first_entry, 990)
    assert queries_for(client, url) == with_ten


def test_the_entry_page_and_its_api_do_not_grow_with_the_register(client, first_entry):
    pages = [
        reverse("register:entry", args=[first_entry.pk]),
        reverse("register-api:entry-detail", args=[first_entry.pk]),
        reverse("register:feed"),
    ]
    before = [queries_for(client, url) for url in pages]
    copies_of_published_entry(first_entry, 200)
    assert [queries_for(client, url) for url in pages] == before


@pytest.mark.parametrize("url_name", ["register:csv", "register:json", "register:atrs"])
def test_downloads_stream_a_chunk_at_a_time(client, first_entry, url_name):
    """The rows are read a chunk of entries at a time as the response is sent, never all at
    once: reading the first row runs only the first chunk's queries."""
    copies_of_published_entry(first_entry, open_data.CHUNK * 2)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(url_name))
        assert response.streaming
        stream = iter(response.streaming_content)
        next(stream)
        next(stream)
        after_first_row = len(captured.captured_queries)
        rest = b"".join(stream)
        total = len(captured.captured_queries)
    assert rest
    assert after_first_row < total
    # One cursor over the entries, then for each of the three chunks (1,001 entries in chunks of
    # 500) the same fixed set of queries: categories, change logs, contacts.
    per_chunk = after_first_row - 1
    assert total == 1 + per_chunk * 3

"""The register's records (registers/records.py), read without a serializer, are exactly what
RegisterEntrySerializer (which the OpenAPI document describes) makes of every kind of entry: in
use and review overdue, with contacts and Welsh, within its review, planned, retired with a
change log, and asked for with or without a request (absolute or relative links)."""

import datetime
import json

import pytest
import time_machine
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from core.clock import uk_today
from registers import records, selectors, services
from registers.serializers import RegisterEntrySerializer
from tests.register_helpers import entry_text, published_entry, register_system
from tests.registers.test_register_entries import update
from tests.registers.test_register_public import (  # noqa: F401  (the fixture)
    PUBLISHED_MARK,
    register,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_kind(register):  # noqa: F811
    commissioner = register["commissioner"]
    organisation = register["rota"].system.organisation
    # Not yet in use.
    planned = register_system(
        commissioner,
        organisation,
        first_use=uk_today() + datetime.timedelta(days=40),
        name="PlanAhead",
        categories=("pay", "recruitment", "allocation-of-work"),
    )
    planned_entry, _ = published_entry(commissioner, planned, name_cy="CynllunioYmlaen")
    # In use and changed in British Summer Time (its dates in the API are +01:00), then retired
    # in winter: three versions in its change log.
    with time_machine.travel(datetime.datetime(2026, 7, 1, 9, 30, tzinfo=datetime.UTC)):
        retired_system = register_system(
            commissioner, organisation, first_use=datetime.date(2025, 1, 6), name="OldRoster"
        )
        retired, _ = published_entry(commissioner, retired_system)
        services.register_entry_save(
            actor=commissioner,
            system=retired_system,
            **entry_text(purpose_en="Changed purpose."),
        )
        services.register_entry_publish(
            actor=commissioner,
            entry=retired,
            change_date=datetime.date(2025, 3, 1),
            change_note_en="The purpose changed.",
            change_note_cy="Newidiodd y diben.",
        )
    retired_system.refresh_from_db()
    update(commissioner, retired_system, end_of_use=datetime.date(2025, 6, 1))
    services.register_entry_save(
        actor=commissioner, system=retired_system, **entry_text(purpose_en="Changed purpose.")
    )
    services.register_entry_retire(actor=commissioner, entry=retired, change_note_en="Ended.")
    return [register["rota"], register["screen"], planned_entry, retired]


def as_json(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


@pytest.mark.parametrize("with_request", [True, False])
def test_each_record_is_what_the_serializer_makes(every_kind, with_request):
    request = RequestFactory().get("/register/api/entries/") if with_request else None
    ids = [entry.pk for entry in every_kind]
    ordered = selectors.published_entries().prefetch_related("versions")
    expected = [
        RegisterEntrySerializer(ordered.get(pk=pk), context={"request": request}).data for pk in ids
    ]
    made = records.records(ids, request)
    assert as_json(made) == as_json(expected)
    # Every kind is there: the test would not notice a branch it never takes.
    assert {record["status"] for record in made} == {"in-use", "planned", "ended"}
    assert {record["review_overdue"] for record in made} == {True, False}
    assert max(len(record["versions"]) for record in made) == 3
    assert any(record["contacts"] for record in made)
    assert any(record["purpose_en"] == PUBLISHED_MARK for record in made)
    published = [version["published_at"] for record in made for version in record["versions"]]
    assert any(when.endswith("+01:00") for when in published)
    assert any(when.endswith("Z") for when in published)
    if with_request:
        assert made[0]["url"].startswith("http://testserver/register/")


def test_records_keep_the_order_asked_and_leave_out_what_is_not_published(every_kind, register):  # noqa: F811
    ids = [entry.pk for entry in reversed(every_kind)]
    assert [record["id"] for record in records.records([*ids, register["draft"].pk])] == ids
    assert records.records([register["draft"].pk]) == []


def test_four_queries_however_many_entries(every_kind):
    with CaptureQueriesContext(connection) as one:
        records.records([every_kind[0].pk])
    with CaptureQueriesContext(connection) as four:
        records.records([entry.pk for entry in every_kind])
    assert len(one.captured_queries) == len(four.captured_queries) <= 5

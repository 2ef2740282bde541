"""The register's entries as plain records, read in a fixed number of queries and built without a
serializer: what the API's pages, the JSON, CSV and ATRS downloads are made of.

The shape is RegisterEntrySerializer's (registers/serializers.py), which describes it to the
OpenAPI document, and registers/schemas/register.schema.json's; tests/registers/
test_register_records.py holds a record equal to the serializer's answer for every kind of entry.
The serializer, run field by field over model instances, cost about 0.6 ms an entry; a page of
the API asked for the first time (a new search) spent most of its time there. Here, a page of 100
entries is four queries of plain values and a loop.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime, tzinfo
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from core.clock import uk_today
from core.extensions import published_contacts
from registers import selectors
from registers.models import RegisterEntry, RegisterEntryVersion


def _date(value: date | None) -> str | None:
    """What the serializer's DateField makes of a date: ISO 8601."""
    return value.isoformat() if value is not None else None


def _datetime(value: datetime | None, zone: tzinfo) -> str | None:
    """What the serializer's DateTimeField makes of a date-time: ISO 8601 in the current time
    zone (the UK's), "Z" for UTC."""
    if value is None:
        return None
    text = value.astimezone(zone).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


_VERSION = "published_version__"
_TEXT = (
    "name_en",
    "name_cy",
    "supplier",
    "description_en",
    "description_cy",
    "purpose_en",
    "purpose_cy",
    "data_types_en",
    "data_types_cy",
)
_ENTRY_VALUES = (
    "pk",
    "published_version_id",
    "system__organisation_id",
    "system__organisation__slug",
    "system__organisation__name_en",
    "system__organisation__name_cy",
    "system__waira_completed_on",
    "system__waira_next_due",
    *(_VERSION + field for field in _TEXT),
    _VERSION + "planned_start",
    _VERSION + "first_use",
    _VERSION + "end_of_use",
    _VERSION + "number",
    _VERSION + "published_at",
)
# What a version froze for the ATRS export only (docs/adr/0023): read for the ATRS download,
# in the same query, and kept out of the API's records.
ATRS_DETAILS = (
    "senior_responsible_owner",
    "companies_house_number",
    "value_chain",
    "risks_and_mitigations",
)
# Ids no entry or version has: each address is reversed once per call with these in it, and
# filled in for each entry (reverse() for every link was a tenth of the cost).
_ENTRY_MARK, _NUMBER_MARK = "2147483647", "2147483646"


class _Paths:
    """The public page and API addresses of entries and versions, absolute when a request is
    given (as the serializer makes them)."""

    def __init__(self, request: HttpRequest | None) -> None:
        # build_absolute_uri(path) is the scheme and host followed by the path.
        self.host = request.build_absolute_uri("/")[:-1] if request is not None else ""
        numbers = [int(_ENTRY_MARK), int(_NUMBER_MARK)]
        self.entry = reverse("register:entry", args=numbers[:1])
        self.version = reverse("register:version", args=numbers)
        self.api_version = reverse("register-api:version-detail", args=numbers)

    def of_entry(self, entry_id: int) -> str:
        return self.host + self.entry.replace(_ENTRY_MARK, str(entry_id))

    def of_version(self, entry_id: int, number: int) -> tuple[str, str]:
        entry, version = str(entry_id), str(number)
        return (
            self.host + self.version.replace(_ENTRY_MARK, entry).replace(_NUMBER_MARK, version),
            self.host + self.api_version.replace(_ENTRY_MARK, entry).replace(_NUMBER_MARK, version),
        )


def _categories(version_ids: list[int]) -> dict[int, list[dict[str, str]]]:
    through = RegisterEntryVersion.decision_categories.through
    rows = (
        through.objects.filter(registerentryversion_id__in=version_ids)
        .order_by("decisioncategory__order", "decisioncategory_id")
        .values_list(
            "registerentryversion_id",
            "decisioncategory__key",
            "decisioncategory__label_en",
            "decisioncategory__label_cy",
        )
    )
    result: dict[int, list[dict[str, str]]] = defaultdict(list)
    for version_id, key, label_en, label_cy in rows:
        result[version_id].append({"key": key, "label_en": label_en, "label_cy": label_cy})
    return result


def _change_logs(
    entry_ids: list[int], paths: _Paths, zone: tzinfo
) -> dict[int, list[dict[str, Any]]]:
    """Each entry's published versions, newest first (s.16(5))."""
    rows = (
        RegisterEntryVersion.objects.filter(entry_id__in=entry_ids)
        .order_by("entry_id", "-number")
        .values_list(
            "entry_id",
            "number",
            "status",
            "published_at",
            "change_date",
            "change_note_en",
            "change_note_cy",
        )
    )
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for entry_id, number, status, published_at, change_date, note_en, note_cy in rows:
        url, api_url = paths.of_version(entry_id, number)
        result[entry_id].append(
            {
                "number": number,
                "status": status,
                "published_at": _datetime(published_at, zone),
                "change_date": _date(change_date),
                "change_note_en": note_en,
                "change_note_cy": note_cy,
                "url": url,
                "api_url": api_url,
            }
        )
    return result


def entry_rows(
    entries: QuerySet[RegisterEntry], *also: str
) -> QuerySet[RegisterEntry, dict[str, Any]]:
    """What a record is built from, for each of these published entries: one row of plain
    values, with `also` (a page of the API selects these as it chooses its entries)."""
    rows: QuerySet[RegisterEntry, dict[str, Any]] = entries.values(*_ENTRY_VALUES, *also)
    return rows


def records(
    entry_ids: Sequence[int],
    request: HttpRequest | None = None,
    today: date | None = None,
    *,
    atrs: bool = False,
) -> list[dict[str, Any]]:
    """The published entries with these ids, in this order, as the API shows them: four queries
    (entries, categories, change logs, contacts) however many ids. An id with no published
    entry is left out. With `atrs`, each record also has "atrs": what its version froze for the
    ATRS export, read in the same four queries."""
    ids = list(entry_ids)
    extra = tuple(_VERSION + field for field in ATRS_DETAILS) if atrs else ()
    found = {
        row["pk"]: row
        for row in entry_rows(
            RegisterEntry.objects.filter(pk__in=ids, published_version__isnull=False).order_by(),
            *extra,
        )
    }
    return records_of([found[pk] for pk in ids if pk in found], request, today, atrs=atrs)


def records_of(
    rows: Sequence[dict[str, Any]],
    request: HttpRequest | None = None,
    today: date | None = None,
    *,
    atrs: bool = False,
) -> list[dict[str, Any]]:
    """Records of these rows (`entry_rows`), in this order: three more queries (categories,
    change logs, contacts) however many rows; with `atrs`, the rows hold ATRS_DETAILS too."""
    if not rows:
        return []
    today = today or uk_today()
    paths = _Paths(request)
    categories = _categories([row["published_version_id"] for row in rows])
    zone = timezone.get_current_timezone()
    change_logs = _change_logs([row["pk"] for row in rows], paths, zone)
    contacts = published_contacts({row["system__organisation_id"] for row in rows})
    result = []
    for row in rows:
        entry_id = row["pk"]
        first_use = row[_VERSION + "first_use"]
        end_of_use = row[_VERSION + "end_of_use"]
        next_due = row["system__waira_next_due"]
        status = selectors.status_on(first_use, end_of_use, today)
        record: dict[str, Any] = {
            "id": entry_id,
            "url": paths.of_entry(entry_id),
            "organisation": {
                "slug": row["system__organisation__slug"],
                "name_en": row["system__organisation__name_en"],
                "name_cy": row["system__organisation__name_cy"],
            },
            **{field: row[_VERSION + field] for field in _TEXT},
            "decision_categories": categories.get(row["published_version_id"], []),
            "status": status,
            "planned_start": _date(row[_VERSION + "planned_start"]),
            "first_use": _date(first_use),
            "end_of_use": _date(end_of_use),
            "waira_completed_on": _date(row["system__waira_completed_on"]),
            "waira_next_review_due": _date(next_due),
            "review_overdue": selectors.overdue_on(status, next_due, today),
            "version": row[_VERSION + "number"],
            "published_at": _datetime(row[_VERSION + "published_at"], zone),
            "contacts": [asdict(contact) for contact in contacts[row["system__organisation_id"]]],
            "versions": change_logs.get(entry_id, []),
        }
        if atrs:
            record["atrs"] = {field: row[_VERSION + field] for field in ATRS_DETAILS}
        result.append(record)
    return result

"""The register as open data: CSV and JSON downloads of the whole register, streamed a chunk of
entries at a time so memory stays flat however large the register grows, and the export mapped
to the UK Algorithmic Transparency Recording Standard (docs/register-open-data.md)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from core.clock import uk_today
from core.spreadsheets import spreadsheet_safe
from registers import public_views, selectors
from registers.forms import RegisterFilterForm
from registers.models import RegisterEntry, RegisterEntryVersion
from registers.serializers import RegisterEntrySerializer, contacts_by_organisation

CHUNK = 500
SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA_FILES = {"register.schema.json"}


def entries_for_open_data() -> QuerySet[RegisterEntry]:
    """Published entries with their change logs: a fixed number of queries per chunk."""
    return selectors.published_entries().prefetch_related(
        Prefetch("versions", queryset=RegisterEntryVersion.objects.order_by("-number"))
    )


def _filtered(request: HttpRequest) -> QuerySet[RegisterEntry] | HttpResponse:
    """The entries under the request's filters, or (a filter invalid) the register's page with
    the GOV.UK error summary and a 400: checked before any streamed response starts, so a
    download never stops part-way."""
    form = RegisterFilterForm(request.GET)
    if not form.is_valid():
        return public_views.register_list_page(request, form, status=400)
    return selectors.filter_register(entries_for_open_data(), form.filters())


def _stream(entries: QuerySet[RegisterEntry]) -> Iterator[RegisterEntry]:
    return entries.iterator(chunk_size=CHUNK)


def _chunks(entries: Iterable[RegisterEntry]) -> Iterator[list[RegisterEntry]]:
    chunk: list[RegisterEntry] = []
    for entry in entries:
        chunk.append(entry)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def entry_records(
    request: HttpRequest, entries: Iterable[RegisterEntry]
) -> Iterator[dict[str, Any]]:
    """Each entry as the API shows it; the published contacts fetched once per chunk."""
    today = uk_today()
    for chunk in _chunks(entries):
        context = {
            "request": request,
            "today": today,
            "contacts": contacts_by_organisation(chunk),
        }
        for entry in chunk:
            yield RegisterEntrySerializer(entry, context=context).data


# --- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = [
    "id",
    "url",
    "organisation_slug",
    "organisation_name_en",
    "organisation_name_cy",
    "name_en",
    "name_cy",
    "supplier",
    "description_en",
    "description_cy",
    "purpose_en",
    "purpose_cy",
    "data_types_en",
    "data_types_cy",
    "decision_categories",
    "decision_categories_en",
    "decision_categories_cy",
    "status",
    "planned_start",
    "first_use",
    "end_of_use",
    "waira_completed_on",
    "waira_next_review_due",
    "review_overdue",
    "version",
    "published_at",
    "last_change_date",
    "explanation_contacts",
    "reconsideration_contacts",
]


def _contact_text(contacts: list[dict[str, Any]], role: str) -> str:
    return " | ".join(
        ", ".join(
            part
            for part in (c["name"], c["job_title"], c["email"], c["phone"], c["address"])
            if part
        )
        for c in contacts
        if c["role"] == role
    )


def csv_row(record: dict[str, Any]) -> list[Any]:
    organisation = record["organisation"]
    categories = record["decision_categories"]
    latest = record["versions"][0] if record["versions"] else {}
    flat = {
        **record,
        "organisation_slug": organisation["slug"],
        "organisation_name_en": organisation["name_en"],
        "organisation_name_cy": organisation["name_cy"],
        "decision_categories": ";".join(c["key"] for c in categories),
        "decision_categories_en": "; ".join(c["label_en"] for c in categories),
        "decision_categories_cy": "; ".join(c["label_cy"] for c in categories),
        "review_overdue": "yes" if record["review_overdue"] else "no",
        "last_change_date": latest.get("change_date") or "",
        "explanation_contacts": _contact_text(record["contacts"], "nominated_contact"),
        "reconsideration_contacts": _contact_text(record["contacts"], "competent_agent"),
    }
    return [
        "" if flat[column] is None else spreadsheet_safe(flat[column]) for column in CSV_COLUMNS
    ]


class _Echo:
    """csv.writer writes to this and gets the line back, so each row is yielded at once."""

    def write(self, value: str) -> str:
        return value


def csv_lines(request: HttpRequest, entries: QuerySet[RegisterEntry]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    # The byte-order mark lets spreadsheet programs read Welsh letters (ŵ, ŷ) as UTF-8.
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)
    for record in entry_records(request, _stream(entries)):
        yield writer.writerow(csv_row(record))


@login_not_required
@require_safe
def register_csv(request: HttpRequest) -> HttpResponseBase:
    entries = _filtered(request)
    if isinstance(entries, HttpResponse):
        return entries
    response = StreamingHttpResponse(
        csv_lines(request, entries), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="ai-register.csv"'
    return response


# --- JSON ---------------------------------------------------------------------------------------


def _json_document(
    head: dict[str, Any], key: str, items: Iterator[dict[str, Any]]
) -> Iterator[str]:
    """A JSON object whose last member is a streamed array: `{...head, "<key>": [item, ...]}`."""
    opening = json.dumps(head, cls=DjangoJSONEncoder, ensure_ascii=False)[:-1]
    yield f'{opening}, "{key}": ['
    for number, item in enumerate(items):
        yield ("," if number else "") + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False)
    yield "]}\n"


@login_not_required
@require_safe
def register_json(request: HttpRequest) -> HttpResponseBase:
    entries = _filtered(request)
    if isinstance(entries, HttpResponse):
        return entries
    head = {
        "$schema": request.build_absolute_uri(
            reverse("register:schema", args=["register.schema.json"])
        ),
        "generated_at": timezone.now(),
    }
    records = entry_records(request, _stream(entries))
    response = StreamingHttpResponse(
        _json_document(head, "entries", records), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="ai-register.json"'
    return response


@login_not_required
@require_safe
def schema_file(request: HttpRequest, name: str) -> FileResponse:
    if name not in SCHEMA_FILES:
        raise Http404
    return FileResponse(
        (SCHEMAS / name).open("rb"), content_type="application/schema+json", filename=name
    )


# --- The UK Algorithmic Transparency Recording Standard -----------------------------------------

ATRS_PHASE = {"planned": "pre-deployment", "in-use": "production", "ended": "retired"}
NOT_HELD = None  # a field of the standard Llais does not hold: left empty, never guessed


def atrs_record(record: dict[str, Any]) -> dict[str, Any]:
    """One entry as an ATRS record (template v3.0 field names, English); docs/register-open-data.md
    gives the mapping and what is left empty."""
    categories = ", ".join(c["label_en"] for c in record["decision_categories"])
    return {
        "tier_1": {
            "name": record["name_en"],
            "description": record["description_en"],
            "website": record["url"],
            "contact_email": next(
                (c["email"] for c in record["contacts"] if c["role"] == "nominated_contact"),
                NOT_HELD,
            ),
        },
        "tier_2": {
            "owner_and_responsibility": {
                "organisation_or_department": record["organisation"]["name_en"],
                "team": NOT_HELD,
                "senior_responsible_owner": NOT_HELD,
                "external_supplier_involvement": bool(record["supplier"]),
                "external_supplier": record["supplier"] or NOT_HELD,
            },
            "description_and_rationale": {
                "detailed_description": record["description_en"],
                "scope": f"Decisions about workers it takes or contributes to: {categories}.",
                "benefit": record["purpose_en"],
            },
            "decision_making_process": {
                "process_integration": (
                    f"Used in high-risk decision-making about workers ({categories}), as "
                    "registered under s.16 of the draft AI (Regulation and Employment Rights) "
                    "Bill."
                ),
                "appeals_and_review": (
                    "A worker, employee or jobseeker may ask the employer in writing for an "
                    "explanation of a high-risk decision (s.17) and for a human reconsideration "
                    f"(s.18): see {record['url']}"
                ),
            },
            "tool_specification": {
                "phase": ATRS_PHASE[record["status"]],
                "date_of_first_use": record["first_use"],
                "date_of_end_of_use": record["end_of_use"],
            },
            "data_specification": {"data_description": record["data_types_en"]},
            "risks_mitigations_and_impact_assessments": {
                "impact_assessments": (
                    [
                        {
                            "assessment_title": "Workplace AI Risk Assessment (WAIRA), s.14",
                            "date_completed": record["waira_completed_on"],
                            "next_review_due": record["waira_next_review_due"],
                        }
                    ]
                    if record["waira_completed_on"]
                    else []
                ),
            },
        },
        "llais": {
            "register_entry": record["url"],
            "version": record["version"],
            "published_at": record["published_at"],
        },
    }


@login_not_required
@require_safe
def register_atrs(request: HttpRequest) -> HttpResponseBase:
    entries = _filtered(request)
    if isinstance(entries, HttpResponse):
        return entries
    head = {"standard": "UK Algorithmic Transparency Recording Standard", "template": "3.0"}
    records = (atrs_record(r) for r in entry_records(request, _stream(entries)))
    response = StreamingHttpResponse(
        _json_document(head, "records", records), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="ai-register-atrs.json"'
    return response

"""The register as open data: CSV and JSON downloads of the whole register, streamed a chunk of
entries at a time so memory stays flat however large the register grows, and the export mapped
to the UK Algorithmic Transparency Recording Standard (docs/register-open-data.md)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
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
from registers import public_views, records, search, selectors
from registers.cache import public_cache
from registers.forms import RegisterFilterForm
from registers.models import RegisterEntry

CHUNK = 500
SCHEMAS = Path(__file__).resolve().parent / "schemas"
SCHEMA_FILES = {"register.schema.json", "atrs.schema.json"}


def _filtered(request: HttpRequest) -> QuerySet[RegisterEntry] | HttpResponse:
    """The entries under the request's filters (their ids, in the register's order), or (a
    filter invalid) the register's page with the GOV.UK error summary and a 400: checked before
    any streamed response starts, so a download never stops part-way."""
    form = RegisterFilterForm(request.GET)
    if not form.is_valid():
        return public_views.register_list_page(request, form, status=400)
    ordered = selectors.published_ids().order_by("published_version__name_en", "pk")
    filters = form.filters()
    return search.narrowed(selectors.filter_register(ordered, filters), filters.q)


def entry_records(
    request: HttpRequest, entries: QuerySet[RegisterEntry], *, atrs: bool = False
) -> Iterator[dict[str, Any]]:
    """Each entry as the API shows it, a chunk at a time: the ids come through a server-side
    cursor (PostgreSQL) and each chunk's records are read in four queries, so memory stays flat
    however large the register is. With `atrs`, with what each version froze for the ATRS."""
    today = uk_today()
    ids = entries.values_list("pk", flat=True).iterator(chunk_size=CHUNK)
    while chunk := list(islice(ids, CHUNK)):
        yield from records.records(chunk, request, today, atrs=atrs)


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
    for record in entry_records(request, entries):
        yield writer.writerow(csv_row(record))


@login_not_required
@require_safe
@public_cache(shared=True)
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
@public_cache(shared=True)
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
    response = StreamingHttpResponse(
        _json_document(head, "entries", entry_records(request, entries)),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="ai-register.json"'
    return response


@login_not_required
@require_safe
@public_cache(shared=True)
def schema_file(request: HttpRequest, name: str) -> FileResponse:
    if name not in SCHEMA_FILES:
        raise Http404
    return FileResponse(
        (SCHEMAS / name).open("rb"), content_type="application/schema+json", filename=name
    )


# --- The UK Algorithmic Transparency Recording Standard -----------------------------------------
# ATRS v3.0 (March 2024), as published by the Central Digital and Data Office:
# https://github.com/co-cddo/algorithmic-transparency-recording-standard,
# previous-versions/v3.0/template_table.md. Each record carries every attribute of the template,
# under its section, with the template's attribute names; ATRS_REFERENCES gives each one's
# reference number. A field Llais does not hold in the published version is null, never guessed:
# 2.1.3, 2.1.4.2, 2.1.4.3 and 2.5.2 come from what the version froze when it was published
# (docs/adr/0023), so a version published before they were kept says null.

ATRS_VERSION = "3.0"
ATRS_TEMPLATE = (
    "https://github.com/co-cddo/algorithmic-transparency-recording-standard/blob/main/"
    "previous-versions/v3.0/template_table.md"
)
ATRS_PHASE = {"planned": "Pre-deployment", "in-use": "Production", "ended": "Retired"}
NOT_HELD = None

# (reference number, section path, attribute), in the template's order.
ATRS_FIELDS: list[tuple[str, str, str]] = [
    ("0.1", "metadata", "id"),
    ("0.2", "metadata", "standard_version"),
    ("0.3", "metadata", "organisation_type"),
    ("0.4", "metadata", "function"),
    ("0.5", "metadata", "capability"),
    ("0.6", "metadata", "task"),
    ("0.7", "metadata", "tags"),
    ("0.8", "metadata", "date_of_completion"),
    ("0.9", "metadata", "date_updated"),
    ("0.10", "metadata", "date_archived"),
    ("0.11", "title_information", "title"),
    ("0.12", "title_information", "organisation_name"),
    ("0.13", "title_information", "phase"),
    ("0.14", "title_information", "region"),
    ("0.15", "title_information", "one_sentence_description"),
    ("1.1", "tier_1", "name"),
    ("1.2", "tier_1", "description"),
    ("1.3", "tier_1", "website_url"),
    ("1.4", "tier_1", "contact_email"),
    ("2.1.1", "tier_2.owner_and_responsibility", "organisation_or_department"),
    ("2.1.2", "tier_2.owner_and_responsibility", "team"),
    ("2.1.3", "tier_2.owner_and_responsibility", "senior_responsible_owner"),
    ("2.1.4", "tier_2.owner_and_responsibility", "external_supplier_involvement"),
    ("2.1.4.1", "tier_2.owner_and_responsibility", "external_supplier"),
    ("2.1.4.2", "tier_2.owner_and_responsibility", "companies_house_number"),
    ("2.1.4.3", "tier_2.owner_and_responsibility", "external_supplier_role"),
    ("2.1.4.4", "tier_2.owner_and_responsibility", "procurement_procedure_type"),
    ("2.1.4.5", "tier_2.owner_and_responsibility", "data_access_terms"),
    ("2.2.1", "tier_2.description_and_rationale", "detailed_description"),
    ("2.2.2", "tier_2.description_and_rationale", "scope"),
    ("2.2.3", "tier_2.description_and_rationale", "benefit"),
    ("2.2.4", "tier_2.description_and_rationale", "previous_process"),
    ("2.2.5", "tier_2.description_and_rationale", "alternatives_considered"),
    ("2.3.1", "tier_2.decision_making_process", "process_integration"),
    ("2.3.2", "tier_2.decision_making_process", "provided_information"),
    ("2.3.3", "tier_2.decision_making_process", "frequency_and_scale_of_usage"),
    ("2.3.4", "tier_2.decision_making_process", "human_decisions_and_review"),
    ("2.3.5", "tier_2.decision_making_process", "required_training"),
    ("2.3.6", "tier_2.decision_making_process", "appeals_and_review"),
    ("2.4.1.1", "tier_2.tool_specification", "system_architecture"),
    ("2.4.1.2", "tier_2.tool_specification", "phase"),
    ("2.4.1.3", "tier_2.tool_specification", "maintenance"),
    ("2.4.1.4", "tier_2.tool_specification", "models"),
    ("2.4.2.1", "tier_2.model_specification", "model_name"),
    ("2.4.2.2", "tier_2.model_specification", "model_version"),
    ("2.4.2.3", "tier_2.model_specification", "model_task"),
    ("2.4.2.4", "tier_2.model_specification", "model_input"),
    ("2.4.2.5", "tier_2.model_specification", "model_output"),
    ("2.4.2.6", "tier_2.model_specification", "model_architecture"),
    ("2.4.2.7", "tier_2.model_specification", "model_performance"),
    ("2.4.2.8", "tier_2.model_specification", "datasets"),
    ("2.4.2.9", "tier_2.model_specification", "dataset_purposes"),
    ("2.4.3.1", "tier_2.data_specification", "source_data_name"),
    ("2.4.3.2", "tier_2.data_specification", "data_modality"),
    ("2.4.3.3", "tier_2.data_specification", "data_description"),
    ("2.4.3.4", "tier_2.data_specification", "data_quantities"),
    ("2.4.3.5", "tier_2.data_specification", "sensitive_attributes"),
    ("2.4.3.6", "tier_2.data_specification", "data_completeness_and_representativeness"),
    ("2.4.3.7", "tier_2.data_specification", "source_data_url"),
    ("2.4.3.8", "tier_2.data_specification", "data_collection"),
    ("2.4.3.9", "tier_2.data_specification", "data_cleaning"),
    ("2.4.3.10", "tier_2.data_specification", "data_sharing_agreements"),
    ("2.4.3.11", "tier_2.data_specification", "data_access_and_storage"),
    ("2.5.1", "tier_2.risks_mitigations_and_impact_assessments", "impact_assessment"),
    ("2.5.2", "tier_2.risks_mitigations_and_impact_assessments", "risks_and_mitigations"),
]
ATRS_REFERENCES = {number: f"{section}.{name}" for number, section, name in ATRS_FIELDS}


def _first_sentence(text: str) -> str:
    sentence, stop, _rest = text.strip().partition(". ")
    return sentence + ("." if stop else "")


def _date_part(value: Any) -> Any:
    """An ISO date from an ISO date-time (the template's date fields are dates)."""
    return str(value)[:10] if value else None


def _atrs_values(record: dict[str, Any]) -> dict[str, Any]:
    """Each attribute Llais holds in the published register (the rest are NOT_HELD)."""
    categories = ", ".join(c["label_en"] for c in record["decision_categories"])
    versions = record["versions"]  # newest first
    waira = (
        f"Workplace AI Risk Assessment (WAIRA) under s.14 of the draft AI (Regulation and "
        f"Employment Rights) Bill, last completed {record['waira_completed_on']}; next review "
        f"due {record['waira_next_review_due']} (s.14(4))."
        if record["waira_completed_on"]
        else NOT_HELD
    )
    frozen = record["atrs"]  # what the version froze for the ATRS (docs/adr/0023)
    contact = next(
        (c["email"] for c in record["contacts"] if c["role"] == "nominated_contact" and c["email"]),
        NOT_HELD,
    )
    return {
        "id": record["id"],
        "standard_version": ATRS_VERSION,
        "tags": categories,
        "date_of_completion": _date_part(versions[-1]["published_at"] if versions else None),
        "date_updated": _date_part(record["published_at"]),
        "date_archived": record["end_of_use"] if record["status"] == "ended" else NOT_HELD,
        "title": record["name_en"],
        "organisation_name": record["organisation"]["name_en"],
        "phase": ATRS_PHASE[record["status"]],
        "one_sentence_description": _first_sentence(record["description_en"]),
        "name": record["name_en"],
        "description": record["description_en"],
        "website_url": record["url"],
        "contact_email": contact,
        "organisation_or_department": record["organisation"]["name_en"],
        "external_supplier_involvement": "Yes" if record["supplier"] else "No",
        "external_supplier": record["supplier"] or NOT_HELD,
        # The role title of the commissioner of the case that procured the system, never a name.
        "senior_responsible_owner": frozen["senior_responsible_owner"] or NOT_HELD,
        "companies_house_number": frozen["companies_house_number"] or NOT_HELD,
        "external_supplier_role": frozen["value_chain"] or NOT_HELD,
        "detailed_description": record["description_en"],
        "scope": f"Decisions about workers it takes or contributes to: {categories}.",
        "benefit": record["purpose_en"],
        "process_integration": (
            f"Used in high-risk decision-making about workers ({categories}), and so registered "
            "under s.16 of the draft AI (Regulation and Employment Rights) Bill."
        ),
        "appeals_and_review": (
            "A worker, employee or jobseeker may ask the employer in writing for an explanation "
            "of a high-risk decision (s.17) and for a reconsideration by a person (s.18): "
            f"{record['url']} names whom to ask."
        ),
        "data_description": record["data_types_en"],
        "impact_assessment": waira,
        "risks_and_mitigations": frozen["risks_and_mitigations"] or NOT_HELD,
    }


def atrs_record(record: dict[str, Any]) -> dict[str, Any]:
    """One entry as an ATRS v3.0 record: every attribute of the template under its section."""
    values = _atrs_values(record)
    atrs: dict[str, Any] = {}
    for _number, section, name in ATRS_FIELDS:
        place = atrs
        for part in section.split("."):
            place = place.setdefault(part, {})
        place[name] = values.get(name, NOT_HELD)
    atrs["llais"] = {
        "register_entry": record["url"],
        "version": record["version"],
        "published_at": record["published_at"],
        "first_use": record["first_use"],
        "end_of_use": record["end_of_use"],
    }
    return atrs


@login_not_required
@require_safe
@public_cache(shared=True)
def register_atrs(request: HttpRequest) -> HttpResponseBase:
    entries = _filtered(request)
    if isinstance(entries, HttpResponse):
        return entries
    head = {
        "$schema": request.build_absolute_uri(
            reverse("register:schema", args=["atrs.schema.json"])
        ),
        "standard": "Algorithmic Transparency Recording Standard",
        "standard_version": ATRS_VERSION,
        "template": ATRS_TEMPLATE,
        "reference_numbers": ATRS_REFERENCES,
    }
    atrs = (atrs_record(record) for record in entry_records(request, entries, atrs=True))
    response = StreamingHttpResponse(
        _json_document(head, "records", atrs), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="ai-register-atrs.json"'
    return response

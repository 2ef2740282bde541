"""The register as data: one shape for the API, the JSON download and (flattened) the CSV.

Every value comes from a published version, its organisation's names, or the two WAIRA dates the
waira services derive from completed WAIRAs. The committed JSON Schema
(registers/schemas/register.schema.json, $defs/entry) describes the same shape; tests/
test_register_open_data.py holds the two together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from typing import Any, cast

from django.http import HttpRequest
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.clock import uk_today
from core.extensions import PublishedContact, published_contacts
from core.models import Organisation
from registers import selectors
from registers.models import DecisionCategory, RegisterEntry, RegisterEntryVersion


def absolute(request: HttpRequest | None, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class CategorySerializer(serializers.ModelSerializer[DecisionCategory]):
    class Meta:
        model = DecisionCategory
        fields = ["key", "label_en", "label_cy"]


class OrganisationSerializer(serializers.Serializer[Organisation]):
    slug = serializers.SlugField()
    name_en = serializers.CharField()
    name_cy = serializers.CharField(allow_blank=True)


class ContactSerializer(serializers.Serializer[PublishedContact]):
    """Who to ask for an explanation (s.17(9)) or a reconsideration (s.18(4)): only the details
    the employer publishes."""

    role = serializers.ChoiceField(choices=["nominated_contact", "competent_agent"])
    name = serializers.CharField()
    job_title = serializers.CharField(allow_blank=True)
    address = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(allow_blank=True)
    is_default_most_senior = serializers.BooleanField()


def contacts_by_organisation(entries: Iterable[RegisterEntry]) -> dict[int, list[PublishedContact]]:
    """The published contacts of the entries' organisations, in one query (rights_requests
    plugs them in through core.extensions)."""
    return published_contacts({entry.system.organisation_id for entry in entries})


class VersionSummarySerializer(serializers.ModelSerializer[RegisterEntryVersion]):
    """One line of an entry's public change log (s.16(5))."""

    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = RegisterEntryVersion
        fields = [
            "number",
            "status",
            "published_at",
            "change_date",
            "change_note_en",
            "change_note_cy",
            "url",
            "api_url",
        ]

    def get_url(self, version: RegisterEntryVersion) -> str:
        path = reverse("register:version", args=[version.entry_id, version.number])
        return absolute(self.context.get("request"), path)

    def get_api_url(self, version: RegisterEntryVersion) -> str:
        path = reverse("register-api:version-detail", args=[version.entry_id, version.number])
        return absolute(self.context.get("request"), path)


class VersionSerializer(VersionSummarySerializer):
    """A whole published version, as the public saw it from `published_at`."""

    decision_categories = CategorySerializer(many=True)

    class Meta(VersionSummarySerializer.Meta):
        fields = [
            *VersionSummarySerializer.Meta.fields,
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
            "planned_start",
            "first_use",
            "end_of_use",
            "waira_completed_on",
        ]


class RegisterEntrySerializer(serializers.Serializer[RegisterEntry]):
    """An entry as the public register shows it today: its published version, the organisation,
    the live WAIRA dates and its change log."""

    id = serializers.IntegerField(source="pk")
    url = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField()
    name_en = serializers.CharField(source="published_version.name_en")
    name_cy = serializers.CharField(source="published_version.name_cy", allow_blank=True)
    supplier = serializers.CharField(source="published_version.supplier", allow_blank=True)
    description_en = serializers.CharField(source="published_version.description_en")
    description_cy = serializers.CharField(
        source="published_version.description_cy", allow_blank=True
    )
    purpose_en = serializers.CharField(source="published_version.purpose_en")
    purpose_cy = serializers.CharField(source="published_version.purpose_cy", allow_blank=True)
    data_types_en = serializers.CharField(source="published_version.data_types_en")
    data_types_cy = serializers.CharField(
        source="published_version.data_types_cy", allow_blank=True
    )
    decision_categories = CategorySerializer(
        source="published_version.decision_categories", many=True
    )
    status = serializers.SerializerMethodField()
    planned_start = serializers.DateField(source="published_version.planned_start", allow_null=True)
    first_use = serializers.DateField(source="published_version.first_use", allow_null=True)
    end_of_use = serializers.DateField(source="published_version.end_of_use", allow_null=True)
    waira_completed_on = serializers.DateField(source="system.waira_completed_on", allow_null=True)
    waira_next_review_due = serializers.DateField(source="system.waira_next_due", allow_null=True)
    review_overdue = serializers.SerializerMethodField()
    version = serializers.IntegerField(source="published_version.number")
    published_at = serializers.DateTimeField(source="published_version.published_at")
    contacts = serializers.SerializerMethodField()
    versions = VersionSummarySerializer(many=True)

    def _today(self) -> date:
        today: date | None = self.context.get("today")
        if today is None:
            # The context is the dict passed in (DRF's types only promise a Mapping): one date
            # for every entry of a page.
            today = cast(dict[str, Any], self.context)["today"] = uk_today()
        return today

    def get_url(self, entry: RegisterEntry) -> str:
        return absolute(self.context.get("request"), reverse("register:entry", args=[entry.pk]))

    @extend_schema_field(OrganisationSerializer)
    def get_organisation(self, entry: RegisterEntry) -> dict[str, Any]:
        organisation = entry.system.organisation
        return {
            "slug": organisation.slug,
            "name_en": organisation.name_en,
            "name_cy": organisation.name_cy,
        }

    @extend_schema_field(serializers.ChoiceField(choices=list(selectors.PUBLIC_STATUSES)[:3]))
    def get_status(self, entry: RegisterEntry) -> str:
        return selectors.public_status(entry, self._today())

    def get_review_overdue(self, entry: RegisterEntry) -> bool:
        return selectors.review_overdue(entry, self._today())

    @extend_schema_field(ContactSerializer(many=True))
    def get_contacts(self, entry: RegisterEntry) -> list[dict[str, Any]]:
        """Pass `contacts` (contacts_by_organisation) in the context for many entries at once."""
        known = self.context.get("contacts")
        if known is None or entry.system.organisation_id not in known:
            known = contacts_by_organisation([entry])
        return [asdict(contact) for contact in known[entry.system.organisation_id]]

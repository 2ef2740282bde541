"""Packs in the admin: to read, never to write (a pack is made by its task and never changed)."""

from django.contrib import admin

from core.admin import ReadOnlyAdminMixin
from packs.models import CaseImport, Pack


@admin.register(Pack)
class PackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Pack]):
    list_display = ["kind", "case", "waira", "version", "language", "state", "created_at"]


@admin.register(CaseImport)
class CaseImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[CaseImport]):
    """Which cases came from another installation, by whom and from which document."""

    list_display = ["case", "organisation", "imported_by", "imported_at", "schema"]
    list_filter = ["organisation"]

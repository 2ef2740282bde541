"""Packs in the admin: to read, never to write (a pack is made by its task and never changed)."""

from django.contrib import admin

from core.admin import ReadOnlyAdminMixin
from packs.models import Pack


@admin.register(Pack)
class PackAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Pack]):
    list_display = ["kind", "case", "waira", "version", "language", "state", "created_at"]

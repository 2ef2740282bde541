"""The registers in the admin: to read, never to write (see each class)."""

from django.contrib import admin

from core.admin import HistoryWithoutRevertAdmin, ReadOnlyAdminMixin
from registers.models import AISystem, DecisionCategory, RegisterEntry, RegisterEntryVersion


@admin.register(DecisionCategory)
class DecisionCategoryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[DecisionCategory]):
    """Loaded by a data migration, which owns it."""

    list_display = ["key", "label_en", "label_cy", "order"]
    search_fields = ["key", "label_en", "label_cy"]


@admin.register(AISystem)
class AISystemAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[AISystem]):
    """To read: a system's dates and high-risk use drive the register's clocks and the WAIRA
    gates, so they change only through the services (registers/services/), which record the
    timeline."""

    list_display = [
        "name",
        "organisation",
        "supplier",
        "used_in_high_risk_decision_making",
        "planned_start",
        "first_use",
        "end_of_use",
    ]
    list_filter = [
        "used_in_high_risk_decision_making",
        "organisation",
        "decision_categories",
    ]
    search_fields = ["name", "supplier", "value_chain"]
    filter_horizontal = ["decision_categories"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]
    readonly_fields = ["created_at"]
    date_hierarchy = "first_use"


@admin.register(RegisterEntry)
class RegisterEntryAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[RegisterEntry]):
    """To read: entries are written, published and retired only through the services, which
    keep their clocks and versions (registers/services/)."""

    list_display = ["system", "status", "due_by", "due_rule", "has_unpublished_changes"]
    list_filter = ["status", "due_rule"]
    search_fields = ["system__name", "description_en", "description_cy"]
    list_select_related = ["system"]


@admin.register(RegisterEntryVersion)
class RegisterEntryVersionAdmin(
    ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[RegisterEntryVersion]
):
    """Published versions never change."""

    list_display = ["name_en", "number", "status", "published_at", "change_date"]
    list_filter = ["status"]
    search_fields = ["name_en", "name_cy"]
    date_hierarchy = "published_at"

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from core.admin import ReadOnlyAdminMixin
from registers.models import AISystem, DecisionCategory


@admin.register(DecisionCategory)
class DecisionCategoryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Loaded by a data migration, which owns it."""

    list_display = ["key", "label_en", "label_cy", "order"]
    search_fields = ["key", "label_en", "label_cy"]


@admin.register(AISystem)
class AISystemAdmin(SimpleHistoryAdmin):
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

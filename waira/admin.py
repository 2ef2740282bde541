"""The admin shows WAIRAs and their consultation to read, never to write: every change goes
through the services, which hold the lifecycle and the immutability of a completed WAIRA."""

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryWithoutRevertAdmin, ReadOnlyAdminMixin
from waira.models import (
    AdverseAspect,
    Concern,
    HighRiskStartBreach,
    Waira,
    WairaSharing,
    WairaSnapshot,
)


@admin.register(Waira)
class WairaAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Waira]):
    list_display = ["system", "version", "kind", "state", "completed_on", "organisation"]
    list_filter = ["state", "kind", "organisation"]
    search_fields = ["system__name"]
    list_select_related = ["system", "organisation"]


@admin.register(WairaSnapshot)
class WairaSnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[WairaSnapshot]):
    list_display = ["waira", "kind", "number", "sha256", "created_at"]
    list_select_related = ["waira__system"]


@admin.register(WairaSharing)
class WairaSharingAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[WairaSharing]):
    list_display = ["waira", "shared_at", "shared_by"]
    list_select_related = ["waira__system", "shared_by"]


@admin.register(Concern)
class ConcernAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Concern]):
    # Who raised a concern is never shown here: an anonymous concern must stay anonymous. Its
    # times are shown to the day: a time to the minute lets a reader match a concern to who was
    # at work then.
    list_display = ["waira", "raised_on", "anonymous", "answered_on"]
    readonly_fields = ("waira", "anonymous", "text", "raised_on", "response", "answered_on")
    fields = readonly_fields
    list_select_related = ["waira__system"]
    object_history_list_template = "admin/waira/concern/object_history_list.html"

    @admin.display(description=_("raised on"), ordering="raised_at")
    def raised_on(self, concern: Concern) -> str:
        return date_format(localtime(concern.raised_at), "j F Y") if concern.raised_at else ""

    @admin.display(description=_("answered on"), ordering="responded_at")
    def answered_on(self, concern: Concern) -> str:
        return date_format(localtime(concern.responded_at), "j F Y") if concern.responded_at else ""


@admin.register(AdverseAspect)
class AdverseAspectAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[AdverseAspect]):
    list_display = ["waira", "discussed_on", "outcome"]
    list_select_related = ["waira__system"]


@admin.register(HighRiskStartBreach)
class HighRiskStartBreachAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[HighRiskStartBreach]):
    """To read: recorded only by waira.services.high_risk_start_breach_record."""

    list_display = ["system", "started_on", "recorded_by", "recorded_at"]

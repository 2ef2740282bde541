"""Read-only: requests, answers, claims and failures are evidence (s.19(2)); every write goes
through the services, so the admin shows them with their history and changes nothing."""

from django.contrib import admin

from core.admin import HistoryWithoutRevertAdmin, ReadOnlyAdminMixin
from rights_requests.models import (
    ComplianceFailure,
    ExemptionClaim,
    RequestAnswer,
    RequestDraft,
    RightsContact,
    RightsRequest,
)


@admin.register(RightsContact)
class RightsContactAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[RightsContact]):
    list_display = ["name", "kind", "organisation", "job_title", "ended_on"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "email", "job_title"]
    list_select_related = ["organisation"]


@admin.register(RightsRequest)
class RightsRequestAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[RightsRequest]):
    list_display = ["pk", "kind", "organisation", "state", "request_date", "due_date"]
    list_filter = ["kind", "state", "organisation"]
    search_fields = ["requester_name", "requester_email"]
    list_select_related = ["organisation"]
    date_hierarchy = "request_date"


@admin.register(RequestAnswer)
class RequestAnswerAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[RequestAnswer]):
    list_display = ["request", "answered_at", "in_time", "outcome"]
    list_select_related = ["request"]


@admin.register(ExemptionClaim)
class ExemptionClaimAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[ExemptionClaim]):
    list_display = ["request", "ground", "claimed_at", "decision"]
    list_select_related = ["request"]


@admin.register(ComplianceFailure)
class ComplianceFailureAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[ComplianceFailure]):
    list_display = ["request", "failure_date", "file_by", "out_of_time_after"]
    list_select_related = ["request"]


@admin.register(RequestDraft)
class RequestDraftAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[RequestDraft]):
    list_display = ["pk", "organisation", "kind", "created_at"]
    list_select_related = ["organisation"]

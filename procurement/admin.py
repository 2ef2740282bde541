"""Procurement in the admin: for reading only.

A case's stage is django-fsm-2's protected field and moves only through
`procurement.services.case_advance` / `case_cancel`; the evidence of worker voice (activities,
answers, carry-forward records, attachments) is what the gates count and the union relies on, and
its services record every change on the timeline. So nothing here is added, changed or deleted,
nor reverted from its history. Union
representatives are assigned on the case page (`case_assign_union_representative`), not through
guardian's object-permission admin: a raw grant would skip the role check and the timeline, and
the gate counts grants.
"""

from typing import TypeVar

from django.contrib import admin
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryWithoutRevertAdmin, ReadOnlyAdminMixin
from procurement.models import (
    Award,
    Bid,
    BidAssessment,
    CarryForward,
    Contract,
    ContractObligation,
    DiscussionPrompt,
    Dissent,
    EngagementActivity,
    EngagementApproach,
    EngagementAttachment,
    GateDecision,
    Moderation,
    PanelMember,
    ProcurementCase,
    ProcurementCaseGroupObjectPermission,
    ProcurementCaseUserObjectPermission,
    PromptComment,
    PromptResponse,
    Requirement,
    RiskGrading,
    Score,
    Supplier,
    SupplierObligationInstance,
    TenderQuestion,
    WeightingDecision,
)
from procurement.selectors import union_representatives_of

_ChildModelT = TypeVar("_ChildModelT", bound=Model)
_GrantT = TypeVar(
    "_GrantT", ProcurementCaseUserObjectPermission, ProcurementCaseGroupObjectPermission
)


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline[_ChildModelT, ProcurementCase]):
    extra = 0
    show_change_link = True


class ActivityInline(ReadOnlyInline[EngagementActivity]):
    model = EngagementActivity
    readonly_fields = ("stage", "approach", "held_on", "worker_count", "union_involved")
    fields = readonly_fields


class CarryForwardInline(ReadOnlyInline[CarryForward]):
    model = CarryForward
    readonly_fields = ("stage", "recorded_by", "updated_at")
    fields = readonly_fields


class GateDecisionInline(ReadOnlyInline[GateDecision]):
    model = GateDecision
    readonly_fields = ("stage", "kind", "reason", "decided_by", "decided_at")
    fields = readonly_fields


@admin.register(ProcurementCase)
class ProcurementCaseAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[ProcurementCase]):
    list_display = ["title", "organisation", "stage", "risk_level", "commissioner", "updated_at"]
    list_filter = ["stage", "risk_level", "organisation"]
    search_fields = ["title", "summary", "engagement_plan"]
    list_select_related = ["organisation", "commissioner"]
    autocomplete_fields = ["commissioner"]
    date_hierarchy = "created_at"
    fields = [
        "organisation",
        "title",
        "summary",
        "commissioner",
        "union_representatives",
        "engagement_plan",
        "risk_level",
        "risk_reasoning",
        "stage",
        "cancellation_reason",
        "ai_systems",
        "created_at",
        "updated_at",
    ]
    readonly_fields = ["union_representatives"]
    inlines = [ActivityInline, CarryForwardInline, GateDecisionInline]

    @admin.display(description=_("union representatives"))
    def union_representatives(self, case: ProcurementCase) -> str:
        return ", ".join(str(user) for user in union_representatives_of(case)) or "-"


class AttachmentInline(
    ReadOnlyAdminMixin, admin.TabularInline[EngagementAttachment, EngagementActivity]
):
    model = EngagementAttachment
    extra = 0
    fields = ["file", "description", "uploaded_by", "uploaded_at"]


@admin.register(EngagementAttachment)
class EngagementAttachmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[EngagementAttachment]):
    list_display = ["__str__", "activity", "uploaded_by", "uploaded_at"]
    list_select_related = ["activity", "activity__approach", "uploaded_by"]
    search_fields = ["description", "activity__case__title"]


@admin.register(EngagementActivity)
class EngagementActivityAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[EngagementActivity]):
    list_display = [
        "approach",
        "case",
        "stage",
        "held_on",
        "worker_count",
        "union_involved",
        "protected_characteristics_involved",
    ]
    list_filter = [
        "stage",
        "approach",
        "union_involved",
        "protected_characteristics_involved",
        "case__organisation",
    ]
    search_fields = ["case__title", "worker_groups", "issues_raised", "employer_response"]
    list_select_related = ["case", "approach"]
    readonly_fields = ["case", "stage", "approach", "recorded_by", "created_at"]
    date_hierarchy = "held_on"
    inlines = [AttachmentInline]


@admin.register(PromptResponse)
class PromptResponseAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[PromptResponse]):
    list_display = ["case", "prompt", "not_applicable", "answered_by", "updated_at"]
    list_filter = ["prompt__stage", "not_applicable", "case__organisation"]
    search_fields = ["case__title", "agreed_position", "not_applicable_reason"]
    list_select_related = ["case", "prompt", "answered_by"]
    readonly_fields = ["case", "prompt", "answered_by", "updated_at"]


@admin.register(PromptComment)
class PromptCommentAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[PromptComment]):
    list_display = ["case", "prompt", "author", "created_at"]
    list_filter = ["prompt__stage", "case__organisation"]
    search_fields = ["case__title", "text"]
    list_select_related = ["case", "prompt", "author"]
    readonly_fields = ["case", "prompt", "author", "created_at"]


@admin.register(CarryForward)
class CarryForwardAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[CarryForward]):
    list_display = ["case", "stage", "recorded_by", "updated_at"]
    list_filter = ["stage", "case__organisation"]
    search_fields = ["case__title", "agreed_at_previous_stage", "what_has_changed"]
    list_select_related = ["case", "recorded_by"]
    readonly_fields = ["case", "stage", "recorded_by", "updated_at"]


@admin.register(GateDecision)
class GateDecisionAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[GateDecision]):
    """A sign-off, dissent or override is the record of a gate: it is never edited."""

    list_display = ["case", "stage", "kind", "decided_by", "decided_at"]
    list_filter = ["kind", "stage", "case__organisation"]
    search_fields = ["case__title", "reason", "decided_by__username", "decided_by__last_name"]
    list_select_related = ["case", "decided_by"]


@admin.register(EngagementApproach)
class EngagementApproachAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[EngagementApproach]):
    """Toolkit text, owned by data migrations (procurement/toolkit_content.py)."""

    list_display = ["key", "stage", "text_en", "order"]
    list_filter = ["stage"]
    search_fields = ["key", "text_en", "text_cy"]


@admin.register(DiscussionPrompt)
class DiscussionPromptAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[DiscussionPrompt]):
    """Toolkit text, owned by data migrations (procurement/toolkit_content.py)."""

    list_display = ["key", "stage", "text_en", "is_carry_forward", "order"]
    list_filter = ["stage", "is_carry_forward"]
    search_fields = ["key", "text_en", "text_cy"]


class CaseGrantAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[_GrantT]):
    """Who holds which per-case grant (django-guardian): granted only by the services."""

    list_filter = ["permission"]
    list_select_related = ["content_object", "permission"]


@admin.register(ProcurementCaseUserObjectPermission)
class CaseUserGrantAdmin(CaseGrantAdmin[ProcurementCaseUserObjectPermission]):
    list_display = ["content_object", "user", "permission"]
    search_fields = ["content_object__title", "user__username", "user__last_name"]
    list_select_related = [*CaseGrantAdmin.list_select_related, "user"]


@admin.register(ProcurementCaseGroupObjectPermission)
class CaseGroupGrantAdmin(CaseGrantAdmin[ProcurementCaseGroupObjectPermission]):
    list_display = ["content_object", "group", "permission"]
    list_select_related = [*CaseGrantAdmin.list_select_related, "group"]


# Tender, award and contract (issue 18): to read, never to write (the services record each
# change on the case's timeline).
@admin.register(RiskGrading)
class RiskGradingAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[RiskGrading]):
    list_display = ["case", "level", "graded_at"]


@admin.register(Requirement)
class RequirementAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Requirement]):
    list_display = ["case", "kind", "proposed_by"]


@admin.register(TenderQuestion)
class TenderQuestionAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[TenderQuestion]):
    list_display = ["case", "weight"]


@admin.register(WeightingDecision)
class WeightingDecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[WeightingDecision]):
    list_display = ["case"]


# The contract (issue 18, item 5): read-only, changed only through the services.
@admin.register(Contract)
class ContractAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Contract]):
    list_display = ["case", "supplier_name", "signed_on", "starts_on", "ends_on"]


@admin.register(ContractObligation)
class ContractObligationAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[ContractObligation]):
    list_display = ["contract", "clause_key", "amount", "in_force_from"]


@admin.register(SupplierObligationInstance)
class SupplierObligationInstanceAdmin(
    ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[SupplierObligationInstance]
):
    list_display = ["obligation", "triggered_by", "due_on", "met_on", "missed_flagged_at"]


# Bid assessment and the award (ADR 0017): read-only, changed only through the services, where
# blind scoring and moderation are enforced.
@admin.register(Supplier)
class SupplierAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Supplier]):
    list_display = ["name", "companies_house_number", "organisation"]
    list_select_related = ["organisation"]


@admin.register(Bid)
class BidAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Bid]):
    list_display = ["case", "supplier", "received_on"]
    list_select_related = ["case", "supplier"]


@admin.register(BidAssessment)
class BidAssessmentAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[BidAssessment]):
    list_display = ["__str__"]


@admin.register(PanelMember)
class PanelMemberAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[PanelMember]):
    list_display = ["case", "person", "panel_role", "has_conflict"]
    list_select_related = ["case", "person"]


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Score]):
    list_display = ["bid", "question", "member", "score"]
    list_select_related = ["bid__supplier", "question", "member__person"]


@admin.register(Moderation)
class ModerationAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Moderation]):
    list_display = ["bid", "question", "agreed_score"]
    list_select_related = ["bid__supplier", "question"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Award]):
    list_display = ["case", "bid", "decided_on"]
    list_select_related = ["case", "bid__supplier"]


@admin.register(Dissent)
class DissentAdmin(ReadOnlyAdminMixin, HistoryWithoutRevertAdmin[Dissent]):
    list_display = ["member"]
    list_select_related = ["member__person"]

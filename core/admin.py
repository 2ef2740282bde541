"""The Django admin: a support tool for the platform's operators, not a second way to run the
workflows.

Only superusers enter it (an organisation's administrators work in Llais's own pages, scoped to
their organisation: core.views). Every domain record is view-only here, because its writes go
through the services, which check who may and record the timeline; people, their memberships and
organisations stay editable for operators. Field-level history comes from django-simple-history
on every model that has it, and is never reverted from here.
"""

from typing import Any, TypeVar

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from core.models import Membership, Notification, Organisation, SweepRun, TimelineEvent, User
from core.permissions import can_use_admin

_ModelT = TypeVar("_ModelT", bound=Model)


def _operators_only(request: HttpRequest) -> bool:
    """Django's default lets in every `is_staff` user; Llais lets in superusers alone."""
    return can_use_admin(request.user)  # type: ignore[arg-type]


admin.site.has_permission = _operators_only  # type: ignore[method-assign]


class ReadOnlyAdminMixin:
    """View-only: nothing can be added, changed or deleted through the admin."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class HistoryWithoutRevertAdmin(SimpleHistoryAdmin[_ModelT]):
    """History to read, never to revert: the only history admin Llais uses.

    simple-history's "revert" saves the whole historical row, including fields the admin shows
    read-only (a case's protected stage, a published date), with no timeline event, and its POST
    handler asks only for the view permission, consulting neither `revert_disabled` nor
    SIMPLE_HISTORY_REVERT_DISABLED, so hiding the button alone is not enough.
    """

    def revert_disabled(self, request: HttpRequest, obj: object = None) -> bool:
        return True

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class MembershipInline(admin.TabularInline[Membership, User]):
    model = Membership
    fk_name = "user"
    extra = 0
    fields = ["organisation", "role", "job_title"]
    autocomplete_fields = ["organisation"]


class OrganisationMembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    fk_name = "organisation"
    extra = 0
    fields = ["user", "role", "job_title"]
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(HistoryWithoutRevertAdmin[User], DjangoUserAdmin[User]):
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Language"), {"fields": ("preferred_language",)}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (
            _("Personal info"),
            {"classes": ("wide",), "fields": ("first_name", "last_name", "email")},
        ),
        (_("Language"), {"classes": ("wide",), "fields": ("preferred_language",)}),
    )
    list_display = [
        "username",
        "first_name",
        "last_name",
        "email",
        "preferred_language",
        "is_staff",
        "is_active",
    ]
    list_filter = [
        "is_staff",
        "is_superuser",
        "is_active",
        "preferred_language",
        "memberships__role",
        "memberships__organisation",
    ]
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(HistoryWithoutRevertAdmin[Organisation]):
    list_display = ["name_en", "name_cy", "slug", "subject_to_welsh_language_standards"]
    list_filter = ["subject_to_welsh_language_standards"]
    search_fields = ["name_en", "name_cy", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [OrganisationMembershipInline]


@admin.register(Membership)
class MembershipAdmin(HistoryWithoutRevertAdmin[Membership]):
    list_display = ["user", "organisation", "role", "job_title"]
    list_filter = ["role", "organisation"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "organisation__name_en",
        "organisation__name_cy",
        "job_title",
    ]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(TimelineEvent)
class TimelineEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[TimelineEvent]):
    """The audit record: read here, written only by the services."""

    list_display = [
        "created_at",
        "organisation",
        "content_type",
        "object_id",
        "kind",
        "actor",
        "from_state",
        "to_state",
    ]
    list_filter = ["kind", "organisation", "content_type"]
    search_fields = ["kind", "reason", "actor__username", "actor__last_name"]
    list_select_related = ["organisation", "content_type", "actor"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Notification]):
    """What the deadline engine told whom: written only by the sweeps and services."""

    list_display = ["created_at", "kind", "threshold", "due_date", "recipient", "email_state"]
    list_filter = ["kind", "email_state", "organisation"]
    search_fields = ["recipient__username", "email"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"


@admin.register(SweepRun)
class SweepRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[SweepRun]):
    list_display = [
        "started_at",
        "name",
        "swept_for",
        "items_found",
        "notifications_created",
        "failures_recorded",
        "queries",
        "finished_at",
    ]
    list_filter = ["name"]

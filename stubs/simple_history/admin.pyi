from collections.abc import Sequence
from typing import Any, TypeVar

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

_ModelT = TypeVar("_ModelT", bound=Model)

class SimpleHistoryAdmin(admin.ModelAdmin[_ModelT]):
    history_list_display: Sequence[str]
    history_list_per_page: int
    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse: ...
    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse: ...
    def get_history_list_display(self, request: HttpRequest) -> Sequence[str]: ...
    def revert_disabled(self, request: HttpRequest, obj: _ModelT | None = None) -> bool: ...
    def has_view_history_permission(
        self, request: HttpRequest, obj: _ModelT | None = None
    ) -> bool: ...
    def has_change_history_permission(
        self, request: HttpRequest, obj: _ModelT | None = None
    ) -> bool: ...

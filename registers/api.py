"""The read-only JSON API of the public register (Django REST framework; OpenAPI by
drf-spectacular). Anonymous, like the pages: no authentication, nothing but published versions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db.models import F, Model, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from core.inputs import BIGINT_MAX, FILTER_MAX_LENGTH
from registers import records, search, selectors
from registers.forms import RegisterFilterForm
from registers.models import RegisterEntry, RegisterEntryVersion
from registers.serializers import RegisterEntrySerializer, VersionSerializer

# The entry's id, as its published version holds it (always the same number).
ENTRY_ORDER = "entry_order"


class RegisterPagination(CursorPagination):
    """Keyset pagination by entry id: each page is `WHERE id > last ORDER BY id LIMIT n`, as
    fast on the millionth entry as on the first, with no COUNT over the register. `next` and
    `previous` carry an opaque cursor; an invalid one is a 404.

    The id is read from the published version (`ENTRY_ORDER`, its entry's id): PostgreSQL then
    walks the versions in entry order, testing each one's search document where it lies, and
    reads an entry only for a match. Ordered by the entry's own id, it read every entry and its
    version in turn until a page of matches was found: a search of the API 250 ms at 1,000,000
    entries, against about 25 ms (docs/register-open-data.md)."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = ENTRY_ORDER

    def decode_cursor(self, request: Request) -> Cursor | None:
        """DRF's cursor, refused (a 404) unless its position is an entry id."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            position = str(cursor.position)
            if not position.isascii() or not position.isdigit() or int(position) > BIGINT_MAX:
                raise NotFound(self.invalid_cursor_message)
        return cursor

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """DRF describes the page links with OpenAPI 3.0's `nullable`; the description is 3.1,
        where null is a type (so validators read it right)."""
        described = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):
            field = described["properties"][link]
            field.pop("nullable", None)
            field["type"] = ["string", "null"]
        return described


_ModelT = TypeVar("_ModelT", bound=Model)


class PublicAPIView(generics.GenericAPIView[_ModelT]):
    authentication_classes: Sequence[type[BaseAuthentication]] = []
    permission_classes = [AllowAny]


def _text(max_length: int) -> dict[str, Any]:
    """A filter's schema: what RegisterFilterForm accepts (no NUL character, bounded length)."""
    return {"type": "string", "maxLength": max_length, "pattern": "^[^\\x00]*$"}


ID = {"type": "integer", "minimum": 1, "maximum": BIGINT_MAX}

FILTER_PARAMETERS = [
    OpenApiParameter("q", _text(FILTER_MAX_LENGTH), description="Words to find, English or Welsh."),
    OpenApiParameter("organisation", _text(100), description="An organisation's slug."),
    OpenApiParameter("category", _text(100), description="A decision category's key."),
    OpenApiParameter(
        "status", OpenApiTypes.STR, enum=list(selectors.PUBLIC_STATUSES), description="Status."
    ),
]
ENTRY_ID = OpenApiParameter("id", ID, OpenApiParameter.PATH, description="The entry's id.")
VERSION_NUMBER = OpenApiParameter(
    "number", ID, OpenApiParameter.PATH, description="The version's number, from 1."
)


BAD_FILTER = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
    },
    description="A filter is invalid (a NUL character, too long, an unknown status): each "
    "parameter's reasons.",
)
NOT_FOUND = OpenApiResponse(
    response={"type": "object", "properties": {"detail": {"type": "string"}}},
    description="No such published entry or version, or an invalid page cursor.",
)
NOT_MODIFIED = OpenApiResponse(
    response=None,
    description="Not modified: the request's If-None-Match or If-Modified-Since still matches "
    "the register (answers carry an ETag and a Last-Modified date).",
)


@extend_schema(
    parameters=FILTER_PARAMETERS,
    summary="The published register entries",
    responses={
        200: RegisterEntrySerializer(many=True),
        304: NOT_MODIFIED,
        400: BAD_FILTER,
        404: NOT_FOUND,
    },
)
class EntryList(PublicAPIView[RegisterEntry], generics.ListAPIView[RegisterEntry]):
    """The page's ids are chosen under the filters (keyset, by id), then its records are read in
    four queries (registers/records.py); RegisterEntrySerializer describes them."""

    serializer_class = RegisterEntrySerializer
    pagination_class = RegisterPagination

    def get_queryset(self) -> QuerySet[RegisterEntry]:
        form = RegisterFilterForm(self.request.query_params)
        if not form.is_valid():
            # A 400 with each bad parameter's reason, before any query runs.
            raise ValidationError(form.reasons())
        filters = form.filters()
        entries: QuerySet[RegisterEntry] = search.narrowed(
            selectors.filter_register(selectors.published_ids(), filters), filters.q
        )
        return entries.annotate(**{ENTRY_ORDER: F("published_version__entry_id")})

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # The page's rows are read with its choice, in one query (values, not instances).
        rows = records.entry_rows(self.get_queryset(), ENTRY_ORDER)
        page = self.paginate_queryset(rows) or []
        return self.get_paginated_response(records.records_of(page, request))


@extend_schema(
    summary="One published register entry, with its change log",
    parameters=[ENTRY_ID],
    responses={200: RegisterEntrySerializer, 304: NOT_MODIFIED, 404: NOT_FOUND},
)
class EntryDetail(PublicAPIView[RegisterEntry], generics.RetrieveAPIView[RegisterEntry]):
    serializer_class = RegisterEntrySerializer

    def get_queryset(self) -> QuerySet[RegisterEntry]:
        return selectors.published_ids()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(records.records([self.get_object().pk], request)[0])


@extend_schema(
    summary="One published version of an entry, as the public saw it",
    parameters=[ENTRY_ID, VERSION_NUMBER],
    responses={200: VersionSerializer, 304: NOT_MODIFIED, 404: NOT_FOUND},
)
class VersionDetail(
    PublicAPIView[RegisterEntryVersion], generics.RetrieveAPIView[RegisterEntryVersion]
):
    serializer_class = VersionSerializer

    def get_object(self) -> RegisterEntryVersion:
        entry = get_object_or_404(selectors.published_entries(), pk=self.kwargs["pk"])
        return get_object_or_404(
            entry.versions.prefetch_related("decision_categories"), number=self.kwargs["number"]
        )

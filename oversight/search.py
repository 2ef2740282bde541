"""Staff search across the apps: procurement cases, AI systems, WAIRAs, rights requests and
incidents (issue 15, item 7), and the search page's view model.

Each kind is searched inside its own app's `<noun>s_visible_to` selector, so search finds only
what the person could open: a union representative their assigned cases and those cases'
systems and WAIRAs, a handler the requests of the kind they answer, nobody another
organisation's records. An incident's reporter is neither searched nor shown.

On PostgreSQL it is full-text search like the public register's (registers/search.py, ADR 0015):
each kind's text, English and Welsh fields, as one weighted document; the query read by
`websearch_to_tsquery`, which never fails on what people type; the best match first; the
matches marked by `ts_headline`, escaped before the marks become <mark> (the register's helpers).
The documents are computed per query inside one organisation's scope, so there is no index to
keep in step (ADR 0020). Elsewhere (SQLite, `make run`) every word must appear in some field.

Each kind costs two queries, its count and its page, however many records there are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.core.paginator import Page, Paginator
from django.db.models import F, Func, Q, QuerySet, TextField, Value
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.models import User
from oversight import permissions
from procurement import permissions as procurement_permissions
from registers import permissions as registers_permissions
from registers.search import START, STOP, full_text, highlighted
from rights_requests import permissions as rights_permissions
from waira import permissions as waira_permissions

RESULTS_PER_GROUP = 5
RESULTS_PER_PAGE = 20
SNIPPET_WORDS = 30
# One configuration for the document and the query, both languages alike. The register keeps
# Welsh under `simple` and joins per-word queries with OR; a typed query here may hold phrases
# and "-word", which only mean the same in both branches of such an OR when every word is in
# both, so Welsh is stemmed by the English rules here: the same on both sides, it still matches
# as written (ADR 0020).
CONFIG = "english"


def typed_query(q: str) -> SearchQuery:
    """What a person typed, read as a search engine reads it ("a phrase", or, -word): never a
    syntax error, whatever they type (`a & | !`, stray quotes)."""
    return SearchQuery(q, config=CONFIG, search_type="websearch")


@dataclass(frozen=True)
class Text:
    """A field of a kind's search document and its weight (A counts most)."""

    path: str
    weight: str = "C"


@dataclass(frozen=True)
class SearchKind:
    key: str
    label: str | Promise
    visible: Callable[[User], QuerySet[Any]]
    texts: tuple[Text, ...]
    # The text the snippet is cut from, in order; the first that is not empty on SQLite.
    snippet: tuple[str, ...]
    title: Callable[[Any], str]
    detail: Callable[[Any], str]
    url_name: str
    related: tuple[str, ...] = ()


def _waira_detail(waira: Any) -> str:
    return f"{waira.get_kind_display()} · {waira.get_state_display()}"


def _request_detail(request: Any) -> str:
    return f"{request.get_kind_display()} · {request.get_state_display()}"


def _incident_detail(incident: Any) -> str:
    reported = date_format(incident.reported_on, "j F Y")
    return f"{incident.get_status_display()} · {_('reported on')} {reported}"


KINDS: dict[str, SearchKind] = {
    kind.key: kind
    for kind in (
        SearchKind(
            key="cases",
            label=_("Procurement cases"),
            visible=procurement_permissions.cases_visible_to,
            texts=(
                Text("title", "A"),
                Text("summary", "B"),
                Text("engagement_plan", "C"),
                Text("risk_reasoning", "D"),
            ),
            snippet=("summary", "engagement_plan"),
            title=lambda case: case.title,
            detail=lambda case: str(case.get_stage_display()),
            url_name="procurement:case_detail",
        ),
        SearchKind(
            key="systems",
            label=_("AI systems"),
            visible=registers_permissions.systems_visible_to,
            texts=(
                Text("name", "A"),
                Text("register_entry__name_cy", "A"),
                Text("supplier", "B"),
                Text("description", "B"),
                Text("register_entry__description_cy", "B"),
                Text("register_entry__purpose_en", "C"),
                Text("register_entry__purpose_cy", "C"),
                Text("value_chain", "D"),
            ),
            snippet=("description", "register_entry__description_cy", "value_chain"),
            title=lambda system: system.name,
            detail=lambda system: system.supplier,
            url_name="registers:system_detail",
        ),
        SearchKind(
            key="wairas",
            label=_("WAIRAs"),
            visible=waira_permissions.wairas_visible_to,
            texts=(
                Text("system__name", "A"),
                Text("system__register_entry__name_cy", "A"),
                Text("purpose", "B"),
                Text("decision_logic", "C"),
                Text("data_processed", "C"),
                Text("personal_data_influence", "D"),
                Text("harm_incidents", "D"),
            ),
            snippet=("purpose", "decision_logic", "data_processed"),
            title=str,
            detail=_waira_detail,
            url_name="waira:waira_detail",
            related=("system",),
        ),
        SearchKind(
            key="requests",
            label=_("Explanation and reconsideration requests"),
            visible=rights_permissions.requests_visible_to,
            texts=(
                Text("reference", "A"),
                Text("ai_system__name", "B"),
                Text("decision", "B"),
                Text("request_text", "C"),
                Text("requester_name", "D"),
            ),
            snippet=("decision", "request_text"),
            title=lambda request: request.reference,
            detail=_request_detail,
            url_name="rights_requests:request_detail",
        ),
        SearchKind(
            key="incidents",
            label=_("Incidents"),
            visible=permissions.incidents_triaged_by,
            # Never the reporter: an anonymous report must not be found by its author's name.
            texts=(
                Text("system__name", "A"),
                Text("description", "B"),
                Text("group_affected", "C"),
                Text("response", "C"),
            ),
            snippet=("description", "group_affected", "response"),
            title=str,
            detail=_incident_detail,
            url_name="oversight:incident_answer",
            related=("system",),
        ),
    )
}


# --- Reads ------------------------------------------------------------------------------------


def _document(kind: SearchKind) -> Any:
    """The kind's fields as one weighted tsvector (Django's `||` of each field's vector)."""
    vectors = [SearchVector(text.path, config=CONFIG, weight=text.weight) for text in kind.texts]
    document: Any = vectors[0]
    for vector in vectors[1:]:
        document = document + vector
    return document


def _snippet_source(kind: SearchKind) -> Any:
    if len(kind.snippet) == 1:
        return F(kind.snippet[0])
    # CONCAT_WS leaves out NULLs (a system without a register entry), NULLIF the empty fields.
    texts = (Func(F(path), Value(""), function="NULLIF") for path in kind.snippet)
    return Func(Value(" … "), *texts, function="CONCAT_WS", output_field=TextField())


def _words(q: str) -> list[str]:
    """The words of `q` for a plain match: quotes and a leading minus are search syntax there."""
    return [word for word in (raw.strip('"').lstrip("-") for raw in q.split()) if word]


def search(user: User, kind: SearchKind, q: str) -> QuerySet[Any]:
    """The records of `kind` that `user` may see and `q` matches, best match first."""
    records: QuerySet[Any] = kind.visible(user)
    if kind.related:  # select_related() with no names would join every foreign key
        records = records.select_related(*kind.related)
    if full_text():
        query = typed_query(q)
        ranked: QuerySet[Any] = (
            records.annotate(search_document=_document(kind))
            .filter(search_document=query)
            .annotate(
                rank=SearchRank(F("search_document"), query),
                headline=SearchHeadline(
                    _snippet_source(kind),
                    query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=SNIPPET_WORDS,
                    min_words=12,
                ),
            )
            .order_by("-rank", "-pk")
        )
        return ranked
    match = Q()
    for word in _words(q):
        any_field = Q()
        for text in kind.texts:
            any_field |= Q(**{f"{text.path}__icontains": word})
        match &= any_field
    return records.filter(match).order_by("-pk") if match else records.none()


# --- The page ---------------------------------------------------------------------------------


def kinds_offered(user: User) -> list[tuple[str, str | Promise]]:
    """The kinds `user` may search, with their labels, in the page's order."""
    return [(key, KINDS[key].label) for key in permissions.kinds_searchable_by(user)]


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    detail: str
    snippet: SafeString | str


@dataclass(frozen=True)
class SearchGroup:
    key: str
    label: str | Promise
    results: list[SearchResult]
    count: int
    page: Page[Any] | None  # when this kind alone is shown


def _snippet(kind: SearchKind, record: Any) -> SafeString | str:
    marked = highlighted(getattr(record, "headline", None))
    if marked is not None:
        return marked
    for path in kind.snippet:
        value: Any = record
        for part in path.split("__"):
            value = getattr(value, part, None)
        if value:
            return Truncator(str(value)).words(SNIPPET_WORDS)
    return ""


def _result(kind: SearchKind, record: Any) -> SearchResult:
    return SearchResult(
        title=kind.title(record),
        url=reverse(kind.url_name, args=[record.pk]),
        detail=kind.detail(record),
        snippet=_snippet(kind, record),
    )


@dataclass(frozen=True)
class SearchPage:
    """The search page: one group per kind the person may search (or the kind they chose, page by
    page), each with its count."""

    q: str
    kind: str
    kinds: list[tuple[str, str | Promise]]
    groups: list[SearchGroup]

    @classmethod
    def for_(cls, user: User, *, q: str, kind: str, page: str | None) -> SearchPage:
        allowed = permissions.kinds_searchable_by(user)
        chosen = [kind] if kind in allowed else allowed
        groups: list[SearchGroup] = []
        if q:
            for key in chosen:
                spec = KINDS[key]
                per_page = RESULTS_PER_PAGE if len(chosen) == 1 else RESULTS_PER_GROUP
                shown = Paginator(search(user, spec, q), per_page).get_page(
                    page if len(chosen) == 1 else 1
                )
                groups.append(
                    SearchGroup(
                        key=key,
                        label=spec.label,
                        results=[_result(spec, record) for record in shown],
                        count=shown.paginator.count,
                        page=shown if len(chosen) == 1 else None,
                    )
                )
        return cls(
            q=q,
            kind=kind if kind in allowed else "",
            kinds=kinds_offered(user),
            groups=groups,
        )

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)

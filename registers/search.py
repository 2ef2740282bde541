"""Searching the public register: PostgreSQL full-text search over both languages, and a plain
word match on any other database (SQLite, the embedded default of `make run`).

Each published version stores its search document in a generated column (`search_vector`,
indexed with GIN, migration 0005): the English text under PostgreSQL's `english` configuration
(so "rotas" finds "rota"), the Welsh text under `simple` (PostgreSQL has no Welsh stemmer:
Welsh words match as written, without case), the name weighted highest. Each word searched must
match, in either language, or be part of the organisation's name.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import F, Func, Q, QuerySet, Subquery
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.models import Organisation

# (field, PostgreSQL text search configuration, weight)
DOCUMENT = (
    ("name_en", "english", "A"),
    ("name_cy", "simple", "A"),
    ("supplier", "simple", "B"),
    ("description_en", "english", "C"),
    ("purpose_en", "english", "C"),
    ("data_types_en", "english", "D"),
    ("description_cy", "simple", "C"),
    ("purpose_cy", "simple", "C"),
    ("data_types_cy", "simple", "D"),
)
VECTOR = "published_version__search_vector"
# ts_headline marks the matches with these (private-use characters no text holds); the text is
# HTML-escaped first and only then are they turned into <mark> elements.
START, STOP = "\ue000", "\ue001"


class SearchDocument(Func):
    """The generated column's expression: weighted tsvectors of the English and Welsh text. On a
    database without full-text search the column is NULL and search falls back to word matches.
    """

    output_field = SearchVectorField()

    def __init__(self, **extra: Any) -> None:
        super().__init__(*(F(field) for field, _config, _weight in DOCUMENT), **extra)

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        return "NULL", []

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for (_field, config, weight), expression in zip(
            DOCUMENT, self.get_source_expressions(), strict=True
        ):
            sql, field_params = compiler.compile(expression)
            parts.append(
                f"setweight(to_tsvector('{config}'::regconfig, COALESCE({sql}, '')), '{weight}')"
            )
            params.extend(field_params)
        return "(" + " || ".join(parts) + ")", params


def full_text() -> bool:
    return connection.vendor == "postgresql"


def words(q: str) -> list[str]:
    return q.split()


def _word_query(word: str) -> SearchQuery:
    """One word, in either language: stemmed as English, or as written (Welsh)."""
    return SearchQuery(word, config="english", search_type="plain") | SearchQuery(
        word, config="simple", search_type="plain"
    )


def search_query(q: str) -> SearchQuery | None:
    query: SearchQuery | None = None
    for word in words(q):
        query = _word_query(word) if query is None else query & _word_query(word)
    return query


def _organisations_named(word: str) -> list[int]:
    return list(
        Organisation.objects.filter(
            Q(name_en__icontains=word) | Q(name_cy__icontains=word)
        ).values_list("pk", flat=True)
    )


FALLBACK_FIELDS = [f"published_version__{field}" for field, _c, _w in DOCUMENT] + [
    "system__organisation__name_en",
    "system__organisation__name_cy",
]


def search(entries: QuerySet[Any], q: str) -> QuerySet[Any]:
    """The entries every word of `q` matches (in the published text or the organisation's name)."""
    for word in words(q):
        if full_text():
            match = Q(**{VECTOR: _word_query(word)})
            organisations = _organisations_named(word)
            if organisations:
                match |= Q(system__organisation_id__in=organisations)
        else:
            match = Q()
            for field in FALLBACK_FIELDS:
                match |= Q(**{f"{field}__icontains": word})
        entries = entries.filter(match)
    return entries


# A search of the API or a download takes its matches in entry or name order, and PostgreSQL
# finds them walking that order and testing each entry's text: quick for a word in many entries,
# but a word in few or none walked the whole register (2 to 4 s at 1,000,000 entries). So the
# text index is asked first for at most this many matches; when that is all of them, the entries
# are chosen among those alone.
FEW = 500


def narrowed(entries: QuerySet[Any], q: str) -> QuerySet[Any]:
    """`entries` (already searched for `q`) chosen among the entries whose published text
    matches every word, when those are at most FEW: one query through the text index that stops
    at FEW + 1. Left as they are when there are more, when a word is part of an organisation's
    name (those entries match without their text), or without full-text search."""
    query = search_query(q)
    if query is None or not full_text() or any(_organisations_named(word) for word in words(q)):
        return entries
    # Any version's text, current or not (a superset, and no join for the planner to misjudge).
    versions = entries.model._meta.get_field("published_version").related_model
    few = list(
        versions.objects.filter(search_vector=query)
        .order_by()
        .values_list("pk", flat=True)[: FEW + 1]
    )
    if len(few) > FEW:
        return entries
    return entries.filter(published_version_id__in=few)


# A search ranks at most this many matches: a word in nearly every entry ("rota" in a register
# of rota systems) would otherwise rank the whole register, seconds at a million entries, and
# hold a server process all that time. The page says when more were found.
RANKED_AT_MOST = 200


def ranked_ids(entries: QuerySet[Any], q: str) -> list[int]:
    """The ids of at most RANKED_AT_MOST + 1 of the entries found, best match first (the one
    more tells the page there were more), in one query that reads only the matches' ids and
    search documents: the first RANKED_AT_MOST + 1 found (a LIMIT PostgreSQL stops at), ranked.
    PostgreSQL only (`full_text()`)."""
    query = search_query(q)
    assert query is not None and full_text()
    first = entries.order_by().values("pk")[: RANKED_AT_MOST + 1]
    return list(
        entries.model.objects.filter(pk__in=Subquery(first))
        .annotate(rank=SearchRank(F(VECTOR), query))
        .order_by("-rank", "published_version__name_en", "pk")
        .values_list("pk", flat=True)
    )


def with_headlines(entries: QuerySet[Any], q: str, language: str) -> QuerySet[Any]:
    """The entries with the description's matches marked, in the page's language (PostgreSQL):
    run on the page's entries only, since ts_headline reads the whole text."""
    query = search_query(q)
    if query is None or not full_text():
        return entries
    welsh = language == "cy"
    annotated: QuerySet[Any] = entries.annotate(
        headline=SearchHeadline(
            "published_version__description_cy" if welsh else "published_version__description_en",
            query,
            config="simple" if welsh else "english",
            start_sel=START,
            stop_sel=STOP,
            max_words=30,
            min_words=12,
        )
    )
    return annotated


def highlighted(headline: str | None) -> SafeString | None:
    """ts_headline's text, escaped, with its matches in <mark>."""
    if not headline or START not in headline:
        return None
    # Escaped first: the only tags in it are the <mark> elements added here.
    return mark_safe(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))

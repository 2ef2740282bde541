"""The lessons log, the reads: an organisation's own lessons, and the lessons other organisations
shared, searched and filtered by stage, approach and risk level.

Search is PostgreSQL full-text search where the database is PostgreSQL (the `simple`
configuration: lessons are written in English or Welsh, and PostgreSQL has no Welsh stemmer),
and a plain word match on any other database (SQLite, the embedded default of `make run`): each
word must appear in the title, what worked or what did not.

A shared lesson is read through `SharedLesson`, which holds no author, case or organisation, so
no page can show them by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from core import legal_time
from core.models import Organisation, User
from core.selectors import organisations_where
from oversight import permissions
from oversight.models import TOOLKIT_STAGE_CHOICES, Lesson
from procurement.models import EngagementApproach
from procurement.stages import RiskLevel

SEARCHED = ("title", "what_worked", "what_did_not")
STAGE_LABELS = dict(TOOLKIT_STAGE_CHOICES)
RISK_LABELS = dict(RiskLevel.choices)


def lessons_of(organisation: Organisation) -> QuerySet[Lesson]:
    return Lesson.objects.filter(organisation=organisation).select_related(
        "approach", "case", "author"
    )


def shared_by_others(user: User) -> QuerySet[Lesson]:
    """The lessons other organisations shared (not those of the reader's own organisations)."""
    own = organisations_where(user, permissions.KEEP_LESSONS)
    return permissions.shared_lessons().exclude(organisation_id__in=own).select_related("approach")


def lessons_matching(
    lessons: QuerySet[Lesson],
    *,
    q: str = "",
    stage: str | None = None,
    approach: EngagementApproach | None = None,
    risk_level: str | None = None,
) -> QuerySet[Lesson]:
    if stage:
        lessons = lessons.filter(stage=stage)
    if approach is not None:
        lessons = lessons.filter(approach=approach)
    if risk_level:
        lessons = lessons.filter(risk_level=risk_level)
    q = q.replace("\x00", "").strip()
    if not q:
        return lessons
    if connection.vendor == "postgresql":
        return lessons.annotate(document=SearchVector(*SEARCHED, config="simple")).filter(
            document=SearchQuery(q, config="simple", search_type="websearch")
        )
    for word in q.split():
        lessons = lessons.filter(
            Q(title__icontains=word)
            | Q(what_worked__icontains=word)
            | Q(what_did_not__icontains=word)
        )
    return lessons


@dataclass(frozen=True)
class SharedLesson:
    """A lesson as another organisation reads it: what was learned, never who or where."""

    pk: int
    title: str
    stage: str
    approach: str
    risk_level: str
    what_worked: str
    what_did_not: str
    shared_in: date  # the month it was written (the day could help identify the case)


def shared_view(lesson: Lesson) -> SharedLesson:
    written = legal_time.uk_date(lesson.created_at)
    return SharedLesson(
        pk=lesson.pk,
        title=lesson.title,
        stage=str(STAGE_LABELS.get(lesson.stage, "")),
        approach=str(lesson.approach.text) if lesson.approach else "",
        risk_level=str(RISK_LABELS.get(lesson.risk_level, "")),
        what_worked=lesson.what_worked,
        what_did_not=lesson.what_did_not,
        shared_in=written.replace(day=1),
    )

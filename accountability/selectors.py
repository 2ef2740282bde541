"""Reads of failures with their rules: the lists each role sees, days left to file, the public
register's overdue duties (no personal data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from accountability import permissions
from accountability.models import ChaserLetter, Failure, Obligation, StepTaken
from core import legal_time
from core.models import User

# The duties a public register entry may show as overdue: those about the system itself, never a
# person's request.
SYSTEM_OBLIGATIONS = [
    Obligation.WAIRA_BEFORE_USE,
    Obligation.WAIRA_REVIEW,
    Obligation.CONSULT_BEFORE_USE,
    Obligation.CONSULT_REVIEW,
    Obligation.REGISTER_ENTRY,
    Obligation.REGISTER_CHANGE,
]


@dataclass(frozen=True)
class FailureRow:
    failure: Failure
    days_left: int

    @property
    def out_of_time(self) -> bool:
        """After the safe date: a claim may still be in time, or just and equitable (R-ET-JE)."""
        return self.days_left < 0


def _with_joins(failures: QuerySet[Failure]) -> QuerySet[Failure]:
    return failures.select_related("organisation", "system", "request").order_by(
        "limitation_safe", "pk"
    )


def rows(failures: QuerySet[Failure], today: date, limit: int | None = None) -> list[FailureRow]:
    """Soonest to file first, each with its days left; the first `limit` only if given."""
    ordered = _with_joins(failures)
    if limit is not None:
        ordered = ordered[:limit]
    return [
        FailureRow(failure, legal_time.days_left(today, failure.limitation_safe))
        for failure in ordered
    ]


def failures_listed_for(user: User) -> QuerySet[Failure]:
    return _with_joins(permissions.failures_visible_to(user))


def failures_affecting(user: User) -> QuerySet[Failure]:
    """A worker's: on systems they were consulted on, or their own requests."""
    return _with_joins(permissions.failures_acted_on_by(user))


def steps_of(failure: Failure) -> QuerySet[StepTaken]:
    return failure.steps.select_related("recorded_by")


def letters_of(failure: Failure) -> QuerySet[ChaserLetter]:
    return failure.letters.select_related("written_by")


def public_failures_of_system(system_id: int) -> QuerySet[Failure]:
    """What the public register entry shows: the system's failed duties, nothing about people."""
    return Failure.objects.filter(system_id=system_id, obligation__in=SYSTEM_OBLIGATIONS).order_by(
        "failure_date_protective", "pk"
    )

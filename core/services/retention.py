"""How long evidence is kept (docs/retention.md): until the last day a tribunal claim could
still be in time, plus a margin; then the personal data in it is removed by a nightly sweep.

The rule is written once here, from core.legal_time; each app's retention step
(`rights_requests.retention`) chooses its rows, works out their last failure date and calls
`personal_data_removal_date`. The scrubbing helpers work on a queryset of ids, so a step is a few
statements whatever the number of rows, and its history rows (django-simple-history keeps a copy
of every version) are scrubbed in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import models

from core import legal_time

# The longest ACAS early conciliation period: six weeks from Day A (the Early Conciliation Rules
# of Procedure, rule 6, as amended from 1 December 2020). A worker may notify ACAS on the last
# day of the limit without telling Llais, so the latest date that could still apply assumes
# they did, and that the certificate came on the last possible day (PRIM-207B, A14).
EARLY_CONCILIATION_MAX_DAYS = 42
# The margin after that date. A claim presented on the last day reaches the employer weeks later
# (the tribunal serves it after acceptance), and a tribunal may still accept a later claim where
# it is just and equitable (s.19(3)(b)): six months gives the employer time to know of a claim
# and keep the evidence for it before the personal data goes.
RETENTION_MARGIN_MONTHS = 6


def last_limitation_date(
    failure_on: date, *, day_a: date | None = None, day_b: date | None = None
) -> date:
    """The last day a s.19 claim about a failure on `failure_on` could be in time: the
    protective limit (`out_of_time_after`), extended by the early conciliation recorded, or by
    the longest early conciliation that could have begun on the limit's last day, whichever is
    later."""
    limit = legal_time.limitation(failure_on)
    latest_possible = legal_time.with_early_conciliation(
        limit.out_of_time_after,
        failure_on,
        limit.out_of_time_after,
        legal_time.add_days(limit.out_of_time_after, EARLY_CONCILIATION_MAX_DAYS),
    )
    dates = [limit.out_of_time_after, latest_possible]
    if day_a is not None and day_b is not None:
        dates.append(
            legal_time.with_early_conciliation(limit.out_of_time_after, failure_on, day_a, day_b)
        )
    return max(dates)


def personal_data_removal_date(
    failure_dates: Iterable[date],
    *,
    day_a: date | None = None,
    day_b: date | None = None,
) -> date:
    """The first day the personal data may go: the day after the last limitation date of the
    latest failure the evidence could bear on, plus the margin."""
    latest = max(failure_dates)
    kept_until = legal_time.add_months(
        last_limitation_date(latest, day_a=day_a, day_b=day_b), RETENTION_MARGIN_MONTHS
    )
    return legal_time.add_days(kept_until, 1)


def scrub(
    model: type[models.Model], ids: Iterable[Any], fields: Mapping[str, Any], *, key: str = "pk"
) -> int:
    """Replace `fields` on the rows (and on every historical copy of them) with `fields`'
    values: one UPDATE each. `key` names the field that holds the ids (`request_id`, ...)."""
    ids = list(ids)
    if not ids:
        return 0
    changed: int = model._default_manager.filter(**{f"{key}__in": ids}).update(**fields)
    history = getattr(model, "history", None)
    if history is not None:
        history_key = "id" if key == "pk" else key
        # A field the history leaves out (a concern's author) has nothing there to replace.
        kept = {field.name for field in history.model._meta.get_fields()}
        history_fields = {name: value for name, value in fields.items() if name in kept}
        history.model.objects.filter(**{f"{history_key}__in": ids}).update(**history_fields)
    return changed

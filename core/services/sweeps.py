"""Sweep runs: each sweep's registered steps, run for a day, with a record of the run."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import legal_time
from core.extensions import SWEEP_STEPS
from core.models import SweepRun

logger = logging.getLogger(__name__)


class _QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def sweep_run(name: str, *, triggered_by: str = "", today: date | None = None) -> SweepRun:
    """Run one sweep's steps for `today` and keep a record of the run.

    Each step is one transaction: a run stopped part-way (a killed worker) has committed whole
    steps only, and as every step is idempotent the next run finishes the rest and repeats
    nothing. The run's record is written first, so a run that never finished shows as such.
    """
    steps = SWEEP_STEPS.get(name)
    if not steps:
        raise ValidationError(_("There is no sweep called %(name)s.") % {"name": name})
    started = timezone.now()
    today = today or legal_time.uk_date(started)
    run = SweepRun.objects.create(
        name=name, started_at=started, swept_for=today, triggered_by=triggered_by
    )
    counter = _QueryCounter()
    clock = time.perf_counter()
    step = steps[0]
    try:
        with connection.execute_wrapper(counter):
            for step in steps:
                with transaction.atomic():
                    result = step.run(today, timezone.now(), run)
                run.items_found += result.items_found
                run.notifications_created += result.notifications_created
                run.failures_recorded += result.failures_recorded
    except Exception as error:
        run.error = f"{step.name}: {error}"
        logger.exception("sweep %s failed at %s", name, step.name)
        raise
    finally:
        run.queries = counter.count
        run.finished_at = run.started_at + timedelta(seconds=time.perf_counter() - clock)
        run.save()
    return run


def sweep_names() -> list[str]:
    return sorted(SWEEP_STEPS)

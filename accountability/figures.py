"""The failures figure of the oversight dashboard (issue 15, item 6): plugged in through core's
registry, as oversight sits above accountability and no lower app may import it."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Min, Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accountability.models import Obligation
from accountability.permissions import failures_visible_to
from core.clock import uk_today
from core.extensions import ReportFigure, register_oversight_section
from core.models import Organisation, User


@register_oversight_section(order=60)
def failures_and_tribunal_dates(
    user: User, organisation: Organisation, cases: Any
) -> ReportFigure | None:
    """Per duty: the failures still in time for a claim and the soonest date to file, among the
    failures this person may see in this organisation (a union representative: their cases')."""
    today = uk_today()
    counts = {
        row["obligation"]: row
        for row in failures_visible_to(user)
        .filter(organisation=organisation)
        .order_by()
        .values("obligation")
        .annotate(
            in_time=Count("id", filter=Q(limitation_safe__gte=today)),
            total=Count("id"),
            soonest=Min("limitation_safe", filter=Q(limitation_safe__gte=today)),
        )
    }
    rows: list[tuple[Any, ...]] = []
    bars: list[tuple[str, int | None]] = []
    for obligation in Obligation:
        row = counts.get(obligation.value)
        in_time = row["in_time"] if row else 0
        soonest = (
            date_format(row["soonest"], "j F Y") if row and row["soonest"] else _("none in time")
        )
        rows.append((obligation.label, row["total"] if row else 0, in_time, soonest))
        bars.append((str(obligation.label), in_time))
    return ReportFigure(
        key="failures",
        title=_("Failures and tribunal dates"),
        description=_(
            "For each duty of Part 3: the failures recorded, how many are still in time for a "
            "claim to an employment tribunal, and the soonest date to file one."
        ),
        columns=(_("Duty"), _("Failures"), _("Still in time"), _("Soonest date to file")),
        rows=rows,
        bars=bars,
        value_label=_("Failures still in time"),
    )

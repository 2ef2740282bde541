"""CSV exports: the case list, the request list and a case's ledger, each with what the person
may see and every cell made safe for a spreadsheet (core.spreadsheets)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext

from core.models import User
from core.spreadsheets import spreadsheet_safe
from packs import selectors
from procurement.models import ProcurementCase
from procurement.permissions import cases_visible_to
from rights_requests.permissions import requests_visible_to


def _csv(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([spreadsheet_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_safe("" if cell is None else cell) for cell in row])
    return response


def cases_csv(user: User) -> HttpResponse:
    cases = selectors.cases_for_export(cases_visible_to(user))
    return _csv(
        "cases.csv",
        [
            gettext("Case"),
            gettext("Title"),
            gettext("Organisation"),
            gettext("Stage"),
            gettext("Risk level"),
            gettext("Commissioner"),
            gettext("Created"),
        ],
        (
            [
                case.pk,
                case.title,
                case.organisation.name,
                case.get_stage_display(),
                case.get_risk_level_display(),
                str(case.commissioner),
                case.created_at.date().isoformat(),
            ]
            for case in cases
        ),
    )


def requests_csv(user: User) -> HttpResponse:
    """The requests the person may see, without the requester's details or words: a
    spreadsheet travels further than a page."""
    requests = selectors.requests_for_export(requests_visible_to(user))
    return _csv(
        "requests.csv",
        [
            gettext("Request"),
            gettext("Kind"),
            gettext("Organisation"),
            gettext("AI system"),
            gettext("State"),
            gettext("Request date"),
            gettext("Answer due by"),
        ],
        (
            [
                request.pk,
                request.get_kind_display(),
                request.organisation.name,
                request.ai_system.name if request.ai_system else "",
                request.get_state_display(),
                request.request_date.isoformat(),
                request.due_date.isoformat(),
            ]
            for request in requests
        ),
    )


def ledger_csv(case: ProcurementCase) -> HttpResponse:
    activities = selectors.activities_of(case)
    return _csv(
        f"ledger-{slugify(case.title)[:60] or case.pk}.csv",
        [
            gettext("Stage"),
            gettext("Date"),
            gettext("Engagement approach"),
            gettext("Which workers took part"),
            gettext("Number of workers who took part"),
            gettext("The union took part"),
            gettext("You said"),
            gettext("We did"),
        ],
        (
            [
                activity.get_stage_display(),
                activity.held_on.isoformat(),
                str(activity.approach) if activity.approach else "",
                activity.worker_groups,
                activity.worker_count,
                gettext("Yes") if activity.union_involved else gettext("No"),
                activity.issues_raised,
                activity.employer_response,
            ]
            for activity in activities
        ),
    )

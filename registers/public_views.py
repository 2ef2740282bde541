"""The public register (s.16): no sign-in, for workers, employees and jobseekers, on a phone.

Every page reads published versions only, through registers.selectors; nothing here sees the
working copy or the AI system's internal fields except the two WAIRA dates s.16(3)(f) makes
public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.clock import uk_today
from core.extensions import object_panels, published_contacts
from core.i18n import welsh_missing
from registers import selectors
from registers.cache import public_cache, remembered
from registers.forms import RegisterFilterForm
from registers.models import RegisterEntry, RegisterEntryVersion
from registers.search import highlighted

ENTRIES_PER_PAGE = 25


@dataclass(frozen=True)
class PublicText:
    label: str
    text: str
    lang: str  # "en" where a Welsh page has to show English text; "" otherwise


def public_text(version: RegisterEntryVersion) -> list[PublicText]:
    """s.16(3)(a), (d), (e) in the page's language, the English marked where Welsh is missing."""
    fields = [
        ("description", _("What it is and does")),
        ("purpose", _("Why it is used")),
        ("data_types", _("The types of data it uses")),
    ]
    return [
        PublicText(
            str(label),
            getattr(version, field),
            "en" if welsh_missing(version, field) else "",
        )
        for field, label in fields
    ]


@dataclass(frozen=True)
class Row:
    entry: RegisterEntry
    version: RegisterEntryVersion
    status: str
    review_overdue: bool
    headline: SafeString | None = None  # the description's words that matched a search


def _row(entry: RegisterEntry, today: date) -> Row:
    assert entry.published_version is not None
    return Row(
        entry,
        entry.published_version,
        selectors.public_status(entry, today),
        selectors.review_overdue(entry, today),
        highlighted(getattr(entry, "headline", None)),
    )


def register_list_page(
    request: HttpRequest, form: RegisterFilterForm, status: int = 200
) -> HttpResponse:
    """The list under the valid filters; an invalid one is no filter, its reason in the GOV.UK
    error summary (and the answer a 400, so a download link with it never starts a file)."""
    filters = form.filters()
    today = uk_today()
    listed = selectors.register_page_entries(filters, today)
    entries: list[RegisterEntry]
    if isinstance(listed.found, list):
        ranked = Paginator(listed.found, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
        entries = selectors.page_of_entries(list(ranked.object_list), filters, get_language())
        page: Page[Any] = ranked
    else:
        by_name = Paginator(listed.found, ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
        entries = list(by_name.object_list)
        page = by_name
    return render(
        request,
        "register/list.html",
        {
            "rows": [_row(entry, today) for entry in entries],
            "page": page,
            "more_than_ranked": listed.more_than_ranked,
            "form": form,
            "filters": filters,
            # The filters' choices change only with the register: kept under its generation.
            "organisations": remembered(
                "organisations", lambda: list(selectors.organisations_in_register())
            ),
            "categories": remembered("categories", lambda: list(selectors.decision_categories())),
            "statuses": selectors.PUBLIC_STATUSES.items(),
        },
        status=status,
    )


@login_not_required
@require_safe
@public_cache(shared=False)
def register_list(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET)
    return register_list_page(request, form, 200 if form.is_valid() else 400)


def _published_entry(pk: int) -> RegisterEntry:
    entry = selectors.published_entry(pk)
    if entry is None:
        raise Http404
    return entry


def _entry_context(entry: RegisterEntry, version: RegisterEntryVersion) -> dict[str, Any]:
    organisation_id = entry.system.organisation_id
    # rights_requests keeps the contacts and plugs them in through core.extensions.
    contacts = published_contacts([organisation_id])[organisation_id]
    return {
        "explanation_contacts": [c for c in contacts if c.role == "nominated_contact"],
        "reconsideration_contacts": [c for c in contacts if c.role == "competent_agent"],
        "entry": entry,
        "version": version,
        "text": public_text(version),
        "categories": list(version.decision_categories.all()),
        "versions": list(entry.versions.all()),
    }


@login_not_required
@require_safe
@public_cache(shared=False)
def entry_page(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _published_entry(pk)
    assert entry.published_version is not None
    today = uk_today()
    context = _entry_context(entry, entry.published_version)
    context.update(
        row=_row(entry, today),
        waira_completed_on=entry.system.waira_completed_on,
        waira_next_due=entry.system.waira_next_due,
        current=True,
        # What higher apps add to the public entry: the duties about this system that were not
        # met (accountability) and how workers were involved (oversight).
        panels=[
            *object_panels("public_register_entry", request, entry),
            *object_panels("register_entry", request, entry.system),
        ],
    )
    return render(request, "register/entry.html", context)


@login_not_required
@require_safe
@public_cache(shared=False)
def version_page(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    entry = _published_entry(pk)
    version = get_object_or_404(entry.versions.all(), number=number)
    context = _entry_context(entry, version)
    context.update(
        waira_completed_on=version.waira_completed_on,
        current=version == entry.published_version,
        replaced_by=entry.versions.filter(number=number + 1).first(),
    )
    return render(request, "register/entry.html", context)


@login_not_required
@require_safe
@public_cache(shared=False)
def open_data(request: HttpRequest) -> HttpResponse:
    return render(request, "register/open_data.html")

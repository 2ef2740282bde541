"""Reads of AI systems and the register that need rules.

The public register is read only through `published_entries()` and the functions that take its
queryset: they select published versions and nothing else, so no draft, unpublished edit or
internal field can reach a public page, download, API answer or feed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import legal_time
from core.clock import uk_today
from core.extensions import atrs_details
from core.models import Organisation
from registers import search
from registers.models import (
    AISystem,
    DecisionCategory,
    DueRule,
    EntryStatus,
    RegisterEntry,
    RegisterEntryVersion,
)


@dataclass(frozen=True)
class AtrsDetail:
    """One ATRS attribute a published version freezes for the ATRS export."""

    field: str  # on RegisterEntryVersion
    reference: str  # the ATRS v3.0 reference number
    label: str


def atrs_detail_rows() -> list[AtrsDetail]:
    return [
        AtrsDetail("senior_responsible_owner", "2.1.3", gettext("Senior responsible owner")),
        AtrsDetail("companies_house_number", "2.1.4.2", gettext("Companies House number")),
        AtrsDetail("value_chain", "2.1.4.3", gettext("External supplier role")),
        AtrsDetail("risks_and_mitigations", "2.5.2", gettext("Risks and mitigations")),
    ]


def atrs_details_of(system: AISystem) -> dict[str, str]:
    """What publishing now freezes into the version for the ATRS export, by version field: the
    system's value chain (its own record), and what the apps that know answer through
    core.extensions: the commissioner's role and the supplier's Companies House number
    (procurement), the latest completed WAIRA's risks and measures (waira). An empty string is
    exported as null (docs/adr/0023)."""
    answers = atrs_details(system)
    return {
        "senior_responsible_owner": answers.get("senior_responsible_owner", "")[:200],
        "companies_house_number": answers.get("companies_house_number", "")[:8],
        "value_chain": system.value_chain.strip(),
        "risks_and_mitigations": answers.get("risks_and_mitigations", ""),
    }


@dataclass(frozen=True)
class RegisterDue:
    """What the register owes for a system, read from its entry's stored clock (s.16(4), (5))."""

    due: date
    label: str


def register_entry_due(system: AISystem) -> RegisterDue | None:
    """The date the system's register entry is due, as the registers services stored it on the
    entry (`RegisterEntry.due_by`); None when nothing is owed, as for a published entry with no
    change since. Never recomputed here, so every page agrees with the register itself.

    Reads `system.register_entry`: select or prefetch it when reading many systems.
    """
    try:
        entry = system.register_entry
    except RegisterEntry.DoesNotExist:
        return None
    if entry.due_by is None:
        return None
    if entry.due_rule == DueRule.CHANGE:
        return RegisterDue(entry.due_by, gettext("Register entry update due (s.16(5))"))
    return RegisterDue(entry.due_by, gettext("Register entry due (s.16(4))"))


def register_change_overdue(system: AISystem) -> date | None:
    """The stored s.16(5) due date of a change not yet on the register, when it has already
    passed (a change entered more than three months after it happened): flagged, never moved."""
    entry = RegisterEntry.objects.filter(system=system).first()
    if entry is None or entry.due_by is None or entry.due_rule != DueRule.CHANGE:
        return None
    return entry.due_by if entry.due_by < uk_today() else None


# --- The public register ---------------------------------------------------------------------

PUBLIC_STATUSES = {
    "in-use": _("In use"),
    "planned": _("Not yet in use"),
    "ended": _("Use ended"),
    "review-overdue": _("Risk assessment review overdue"),
}


def _in_use_on(today: date) -> Q:
    return Q(published_version__first_use__lte=today) & (
        Q(published_version__end_of_use__isnull=True) | Q(published_version__end_of_use__gt=today)
    )


def _status_q(status: str, today: date) -> Q:
    if status == "in-use":
        return _in_use_on(today)
    if status == "planned":
        return Q(published_version__first_use__isnull=True) | Q(
            published_version__first_use__gt=today
        )
    if status == "ended":
        return Q(published_version__end_of_use__lte=today)
    # review-overdue: s.14(4)'s 12 months have passed while the published entry says in use.
    return _in_use_on(today) & Q(system__waira_next_due__lt=today)


def published_entries() -> QuerySet[RegisterEntry]:
    """Every entry with a published version, with what a public page needs in one query (and
    one for the categories)."""
    return (
        RegisterEntry.objects.filter(published_version__isnull=False)
        .select_related("published_version", "system__organisation")
        .prefetch_related("published_version__decision_categories")
        .order_by("published_version__name_en", "pk")
    )


@dataclass(frozen=True)
class RegisterFilters:
    organisation: str = ""  # an organisation's slug
    category: str = ""  # a decision category's key
    status: str = ""  # a key of PUBLIC_STATUSES
    q: str = ""  # words to find in the published text, English or Welsh

    @property
    def active(self) -> bool:
        return bool(self.organisation or self.category or self.status or self.q)


def filter_register(
    entries: QuerySet[RegisterEntry], filters: RegisterFilters, today: date | None = None
) -> QuerySet[RegisterEntry]:
    """The register's filters and search, the same for the pages, the downloads and the API.

    Search is PostgreSQL full-text search over both languages (registers/search.py), a word
    match on any other database; every word must match.
    """
    today = today or uk_today()
    if filters.organisation:
        entries = entries.filter(system__organisation__slug=filters.organisation)
    if filters.category:
        # A semi-join, not a join and DISTINCT: the register's order and LIMIT stay indexable.
        entries = entries.filter(
            Exists(
                RegisterEntryVersion.decision_categories.through.objects.filter(
                    registerentryversion_id=OuterRef("published_version_id"),
                    decisioncategory__key=filters.category,
                )
            )
        )
    if filters.status:
        entries = entries.filter(_status_q(filters.status, today))
    return search.search(entries, filters.q)


@dataclass(frozen=True)
class RegisterPageEntries:
    """What the register page lists: every entry found, in order (a QuerySet, by name), or a
    search's ranked ids (a list, best match first) with whether more were found than ranked."""

    found: QuerySet[RegisterEntry] | list[int]
    more_than_ranked: bool = False


def register_page_entries(filters: RegisterFilters, today: date) -> RegisterPageEntries:
    """The register page's entries under the filters: by name, or, searching on PostgreSQL, the
    best match first among the first search.RANKED_AT_MOST found (it says when there were more).
    """
    if not (filters.q and search.full_text()):
        return RegisterPageEntries(filter_register(published_entries(), filters, today))
    ids = search.ranked_ids(filter_register(published_ids(), filters, today), filters.q)
    return RegisterPageEntries(
        ids[: search.RANKED_AT_MOST], more_than_ranked=len(ids) > search.RANKED_AT_MOST
    )


def page_of_entries(ids: list[int], filters: RegisterFilters, language: str) -> list[RegisterEntry]:
    """These published entries, in this order, with a search's matches marked."""
    entries = search.with_headlines(published_entries().filter(pk__in=ids), filters.q, language)
    by_id = {entry.pk: entry for entry in entries}
    return [by_id[pk] for pk in ids if pk in by_id]


def status_on(first_use: date | None, end_of_use: date | None, today: date) -> str:
    """The public status of a published version with these dates."""
    if end_of_use and end_of_use <= today:
        return "ended"
    if first_use is None or first_use > today:
        return "planned"
    return "in-use"


def overdue_on(status: str, waira_next_due: date | None, today: date) -> bool:
    """The public badge: the WAIRA's 12 months (s.14(4)) have passed while the system is in use.

    `waira_next_due` is derived from the WAIRA records by the waira services, never typed.
    """
    return status == "in-use" and waira_next_due is not None and today > waira_next_due


def public_status(entry: RegisterEntry, today: date) -> str:
    """A published entry's status as the public sees it, from its published version only."""
    version = entry.published_version
    assert version is not None
    return status_on(version.first_use, version.end_of_use, today)


def review_overdue(entry: RegisterEntry, today: date) -> bool:
    return overdue_on(public_status(entry, today), entry.system.waira_next_due, today)


def published_ids() -> QuerySet[RegisterEntry]:
    """The published entries, each only its id: what a page of the API or a download selects
    (under the filters) before registers.records reads the page's rows."""
    return RegisterEntry.objects.filter(published_version__isnull=False).only("pk")


def published_entry(pk: int) -> RegisterEntry | None:
    return published_entries().filter(pk=pk).first()


def published_entries_of(organisation_ids: list[int]) -> QuerySet[RegisterEntry]:
    """The published entries of these organisations: what a member who may not read a system's
    internal record is shown of it (their pages link to the public register)."""
    return published_entries().filter(system__organisation_id__in=organisation_ids)


def published_entries_in_use(organisation_ids: list[int], today: date) -> QuerySet[RegisterEntry]:
    """The published entries of these organisations whose published version says in use today."""
    return published_entries_of(organisation_ids).filter(_in_use_on(today))


def organisations_in_register() -> QuerySet[Organisation]:
    """The organisations with at least one published entry: for each organisation, its first
    published entry, found through the systems' organisation index and stopped at one row.

    As `EXISTS`, PostgreSQL joined the whole register to its systems first: 0.8 to 1.1 s at
    1,000,000 entries, paid by the first visitor of the list after every publication. A scalar
    subquery with a LIMIT is run once per organisation instead: about 0.1 ms with one
    organisation, 160 ms with 250 sharing the million (docs/register-open-data.md)."""
    first_published = RegisterEntry.objects.filter(
        published_version__isnull=False, system__organisation=OuterRef("pk")
    ).values("pk")[:1]
    return Organisation.objects.annotate(first_published=Subquery(first_published)).filter(
        first_published__isnull=False
    )


def decision_categories() -> QuerySet[DecisionCategory]:
    return DecisionCategory.objects.all()


# --- Staff: the clocks -----------------------------------------------------------------------


def entry_is_overdue(entry: RegisterEntry, today: date) -> bool:
    return entry.due_by is not None and today > entry.due_by


def staff_entries(entries: QuerySet[RegisterEntry]) -> QuerySet[RegisterEntry]:
    """The staff register: soonest due first, then the rest by name."""
    return entries.select_related("system__organisation", "published_version").order_by(
        F("due_by").asc(nulls_last=True), "system__name", "pk"
    )


def systems_missing_an_entry(systems: QuerySet[AISystem]) -> QuerySet[AISystem]:
    """Systems in high-risk use without an entry (only rows older than the register)."""
    return systems.filter(
        used_in_high_risk_decision_making=True, register_entry__isnull=True
    ).select_related("organisation")


PUBLISHED_STATES = {EntryStatus.PUBLISHED, EntryStatus.RETIRED}


def entry_of(system: AISystem) -> RegisterEntry | None:
    """The system's register entry with its published version, if it has one."""
    return RegisterEntry.objects.filter(system=system).select_related("published_version").first()


def overdue_register_clocks(today: date) -> QuerySet[RegisterEntry]:
    """Entries whose s.16(4) or s.16(5) clock ran out before `today` (R-REG-INIT, R-REG-CHANGE):
    the stored due date, never recomputed here."""
    return RegisterEntry.objects.filter(due_by__lt=today).exclude(due_rule="")


def first_published_on(system_ids: list[int]) -> dict[int, date]:
    """For each AI system whose register entry was ever published, the UK day it first was."""
    rows = (
        RegisterEntryVersion.objects.filter(
            entry__system_id__in=system_ids, status=EntryStatus.PUBLISHED
        )
        .values("entry__system_id")
        .annotate(first=Min("published_at"))
        .values_list("entry__system_id", "first")
    )
    return {system_id: legal_time.uk_date(first) for system_id, first in rows}

"""Where apps plug into the shared pages without core depending on them.

Each app registers its navigation items and dashboard panels from its AppConfig.ready(), so the
dependency arrow keeps pointing at core (DESIGN.md). The same way, a lower app asks here for what
only a higher app knows, and the higher app answers (docs/adr/0008-one-way-dependencies.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import BooleanField, ExpressionWrapper, Q, Value
from django.http import HttpRequest
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    order: int
    label: str | Promise
    url_name: str
    visible: Callable[[Any], bool]


@dataclass(frozen=True)
class Panel:
    template: str
    context: dict[str, Any]


PanelFunction = Callable[[Any, set[str]], Panel | None]
ObjectPanelFunction = Callable[[Any, Any], Panel | None]

NAV_ITEMS: list[NavItem] = []
DASHBOARD_PANELS: list[tuple[int, PanelFunction]] = []
# Panels other apps add to one app's object page, by the page's name ("ai_system", ...), so an
# app that owns a page need not import the apps that have something to say on it.
OBJECT_PANELS: dict[str, list[tuple[int, ObjectPanelFunction]]] = {}
# A further WAIRA's s.14(5) answers: waira shows, beside them, what the apps above it know
# happened since the previous WAIRA (oversight: the incidents reported, for s.14(5)(c)).
FURTHER_WAIRA_PAGE = "further_waira"


def register_nav_item(item: NavItem) -> None:
    if item not in NAV_ITEMS:
        NAV_ITEMS.append(item)
        NAV_ITEMS.sort(key=lambda entry: entry.order)


def register_dashboard_panel(order: int) -> Callable[[PanelFunction], PanelFunction]:
    def decorator(function: PanelFunction) -> PanelFunction:
        if (order, function) not in DASHBOARD_PANELS:
            DASHBOARD_PANELS.append((order, function))
            DASHBOARD_PANELS.sort(key=lambda entry: entry[0])
        return function

    return decorator


def dashboard_panels(request: HttpRequest, roles: set[str]) -> list[Panel]:
    panels = (function(request, roles) for _order, function in DASHBOARD_PANELS)
    return [panel for panel in panels if panel is not None]


def register_object_panel(
    page: str, order: int
) -> Callable[[ObjectPanelFunction], ObjectPanelFunction]:
    def decorator(function: ObjectPanelFunction) -> ObjectPanelFunction:
        panels = OBJECT_PANELS.setdefault(page, [])
        if (order, function) not in panels:
            panels.append((order, function))
            panels.sort(key=lambda entry: entry[0])
        return function

    return decorator


def object_panels(page: str, request: HttpRequest, obj: Any) -> list[Panel]:
    panels = (function(request, obj) for _order, function in OBJECT_PANELS.get(page, []))
    return [panel for panel in panels if panel is not None]


# --- The deadline engine: what each app sweeps for, and how its notifications read ------------


@dataclass(frozen=True)
class SweepResult:
    items_found: int = 0
    notifications_created: int = 0
    failures_recorded: int = 0


@dataclass(frozen=True)
class SweepStep:
    """One set-based step of a sweep: a bounded number of statements, idempotent, in one
    transaction of its own. `run(today, now, sweep_run)` returns what it found and wrote."""

    sweep: str
    order: int
    name: str
    run: Callable[[Any, Any, Any], SweepResult]


@dataclass(frozen=True)
class NotificationKind:
    """How one kind of notification reads. `templates` is a prefix: `<prefix>_subject.txt` is the
    one-line title, `<prefix>_body.txt` the email; both get `n` (the notification), `subject`
    (its object) and `url`. `url(subject, notification)` links to the object, or returns ""."""

    kind: str
    templates: str
    url: Callable[[Any, Any], str]
    # The objects' queryset with what the templates read joined in (one query per model).
    subjects: Callable[[], Any] | None = None
    # An event (core.services.notify_event): its object is the TimelineEvent, whose `subject`
    # is the request, WAIRA or case (`subjects` is then that object's queryset); it has no due
    # date to show (docs/adr/0011-event-notifications.md).
    event: bool = False


SWEEP_STEPS: dict[str, list[SweepStep]] = {}
NOTIFICATION_KINDS: dict[str, NotificationKind] = {}


def register_sweep_step(
    sweep: str, order: int
) -> Callable[[Callable[..., SweepResult]], Callable[..., SweepResult]]:
    def decorator(function: Callable[..., SweepResult]) -> Callable[..., SweepResult]:
        steps = SWEEP_STEPS.setdefault(sweep, [])
        name = f"{sweep}.{function.__name__}"
        if all(step.name != name for step in steps):
            steps.append(SweepStep(sweep=sweep, order=order, name=name, run=function))
            steps.sort(key=lambda step: step.order)
        return function

    return decorator


def register_notification_kind(kind: NotificationKind) -> None:
    NOTIFICATION_KINDS[kind.kind] = kind


def notification_subjects() -> Any:
    """A GenericPrefetch of notifications' objects, each model's with its joins."""
    from django.contrib.contenttypes.prefetch import GenericPrefetch

    from core.models import TimelineEvent

    querysets: dict[Any, Any] = {}
    event_querysets: dict[Any, Any] = {}
    for kind in NOTIFICATION_KINDS.values():
        if kind.subjects is not None:
            queryset = kind.subjects()
            (event_querysets if kind.event else querysets)[queryset.model] = queryset
    # Events: the timeline event and, one query per model, the object it happened to.
    querysets[TimelineEvent] = TimelineEvent.objects.prefetch_related(
        GenericPrefetch("subject", list(event_querysets.values()))
    )
    return GenericPrefetch("subject", list(querysets.values()))


# --- What a lower app asks and a higher app answers --------------------------------------------


@dataclass(frozen=True)
class PublishedContact:
    """Who to ask for an explanation (s.17(8)-(9)) or a reconsideration (s.18(3)-(4)), as the
    public register shows them: only the details the employer publishes."""

    role: str  # "nominated_contact" (s.17(8)-(9)) or "competent_agent" (s.18(3)-(4))
    name: str
    job_title: str
    address: str
    email: str
    phone: str
    is_default_most_senior: bool  # True when nobody is nominated and this is the most senior


PublishedContactsFunction = Callable[[list[int]], dict[int, list[PublishedContact]]]
# rights_requests keeps the contacts; the public register (registers) shows them.
PUBLISHED_CONTACTS: list[PublishedContactsFunction] = []


def register_published_contacts(function: PublishedContactsFunction) -> PublishedContactsFunction:
    if function not in PUBLISHED_CONTACTS:
        PUBLISHED_CONTACTS.append(function)
    return function


def published_contacts(organisation_ids: Iterable[int]) -> dict[int, list[PublishedContact]]:
    """Each organisation's published contacts; an organisation with none maps to []."""
    ids = list(organisation_ids)
    result: dict[int, list[PublishedContact]] = {org_id: [] for org_id in ids}
    for function in PUBLISHED_CONTACTS:
        for org_id, contacts in function(ids).items():
            result.setdefault(org_id, []).extend(contacts)
    return result


RepresentedSystemsFunction = Callable[[Any], Any]
# procurement assigns union representatives to cases, and so to the cases' AI systems; waira
# shows them those systems' WAIRAs. Each function takes a user, returns a QuerySet of AISystem.
REPRESENTED_AI_SYSTEMS: list[RepresentedSystemsFunction] = []


def register_represented_ai_systems(
    function: RepresentedSystemsFunction,
) -> RepresentedSystemsFunction:
    if function not in REPRESENTED_AI_SYSTEMS:
        REPRESENTED_AI_SYSTEMS.append(function)
    return function


def represented_ai_systems(user: Any) -> list[Any]:
    """The AI systems a union representative is assigned to: a QuerySet per app that assigns."""
    return [function(user) for function in REPRESENTED_AI_SYSTEMS]


SystemPeopleFunction = Callable[[Any, str], Iterable[Any]]
# The people of the cases an AI system is procured in, by role: procurement knows the case's
# commissioner and its assigned union representatives; waira and registers tell them of events.
AI_SYSTEM_PEOPLE: list[SystemPeopleFunction] = []


def register_ai_system_people(function: SystemPeopleFunction) -> SystemPeopleFunction:
    if function not in AI_SYSTEM_PEOPLE:
        AI_SYSTEM_PEOPLE.append(function)
    return function


def ai_system_people(system: Any, role: str) -> list[Any]:
    """The users holding `role` ("commissioner", "union_representative") on the cases that
    procure `system`, from every app that knows (none: [])."""
    people: dict[int, Any] = {}
    for function in AI_SYSTEM_PEOPLE:
        for user in function(system, role):
            people.setdefault(user.pk, user)
    return list(people.values())


SystemRepresentativesFunction = Callable[[list[int]], dict[int, set[int]]]
# The other way round, for a sweep: for each AI system id, the ids of the union representatives
# assigned to its cases (procurement answers; accountability tells them of failures).
SYSTEM_REPRESENTATIVES: list[SystemRepresentativesFunction] = []


def register_system_representatives(
    function: SystemRepresentativesFunction,
) -> SystemRepresentativesFunction:
    if function not in SYSTEM_REPRESENTATIVES:
        SYSTEM_REPRESENTATIVES.append(function)
    return function


def system_representatives(system_ids: Iterable[int]) -> dict[int, set[int]]:
    """Each AI system's assigned union representatives (user ids); a system with none maps to
    an empty set."""
    ids = list(system_ids)
    result: dict[int, set[int]] = {system_id: set() for system_id in ids}
    for function in SYSTEM_REPRESENTATIVES:
        for system_id, users in function(ids).items():
            result.setdefault(system_id, set()).update(users)
    return result


# --- "Your information": what Llais holds about the signed-in person, from every app ----------


@dataclass(frozen=True)
class PersonalDataSection:
    """One kind of record about a person: `rows` hold JSON-ready values keyed as `labels`."""

    key: str
    title: str | Promise
    labels: Mapping[str, str | Promise]
    rows: list[dict[str, Any]]


PersonalDataFunction = Callable[[Any], PersonalDataSection]
PERSONAL_DATA: list[tuple[int, PersonalDataFunction]] = []


def register_personal_data(order: int) -> Callable[[PersonalDataFunction], PersonalDataFunction]:
    def decorator(function: PersonalDataFunction) -> PersonalDataFunction:
        if (order, function) not in PERSONAL_DATA:
            PERSONAL_DATA.append((order, function))
            PERSONAL_DATA.sort(key=lambda entry: entry[0])
        return function

    return decorator


def personal_data_of(user: Any) -> list[PersonalDataSection]:
    """Every app's records about `user`, and only about them (each function is scoped to it)."""
    return [function(user) for _order, function in PERSONAL_DATA]


# --- The oversight dashboard: figures from every app, each a chart beside its table ----------


@dataclass(frozen=True)
class ReportFigure:
    """One figure of the oversight dashboard: a title and a description, a table (`columns`,
    then `rows` of display values, exported as CSV under `key`) and the chart's bars: a label
    and a number per bar (None: a number withheld, drawn as no bar)."""

    key: str
    title: str | Promise
    description: str | Promise
    columns: tuple[str | Promise, ...]
    rows: list[tuple[Any, ...]]
    bars: list[tuple[str, int | None]]
    value_label: str | Promise = ""


# Each function takes (user, organisation, the cases the user's dashboard counts) and returns a
# ReportFigure or None; oversight draws them. The failures of the accountability app plug in here
# ("Failures and tribunal dates"), as any app below oversight must: oversight cannot be imported
# by them.
OversightSectionFunction = Callable[[Any, Any, Any], ReportFigure | None]
OVERSIGHT_SECTIONS: list[tuple[int, OversightSectionFunction]] = []


def register_oversight_section(
    order: int,
) -> Callable[[OversightSectionFunction], OversightSectionFunction]:
    def decorator(function: OversightSectionFunction) -> OversightSectionFunction:
        if (order, function) not in OVERSIGHT_SECTIONS:
            OVERSIGHT_SECTIONS.append((order, function))
            OVERSIGHT_SECTIONS.sort(key=lambda entry: entry[0])
        return function

    return decorator


def oversight_sections(user: Any, organisation: Any, cases: Any) -> list[ReportFigure]:
    sections = (function(user, organisation, cases) for _order, function in OVERSIGHT_SECTIONS)
    return [section for section in sections if section is not None]


# --- The case assessment pack: sections every app may add (packs prints them) ---------------


@dataclass(frozen=True)
class PackSection:
    """One section of a case's assessment pack, as the app that owns its records writes it.

    `build(case, reader)` returns the section's `PackContent`, or None when the case has nothing
    for it (the section is then left out). `reader` is the person the pack is made for: a section
    shows them only what they may see on the app's own pages. `template` renders `content` (and
    `context`) inside the PDF; `content` alone, JSON-ready, is what the pack's hash covers.
    """

    key: str
    order: int
    title: str | Promise
    template: str
    build: Callable[[Any, Any], PackContent | None]


@dataclass(frozen=True)
class PackContent:
    content: Any  # JSON-ready: what is hashed, exported and printed
    context: Mapping[str, Any]  # anything else the template needs (model objects, rows)
    # Files behind the section for the evidence bundle: path inside the bundle -> bytes maker.
    artefacts: Mapping[str, Callable[[], bytes]] = field(default_factory=dict)


PACK_SECTIONS: list[PackSection] = []


def register_pack_section(section: PackSection) -> PackSection:
    """Add a section (oversight reviews, incidents and failures plug in here from their apps)."""
    if all(existing.key != section.key for existing in PACK_SECTIONS):
        PACK_SECTIONS.append(section)
        PACK_SECTIONS.sort(key=lambda entry: entry.order)
    return section


def pack_sections() -> list[PackSection]:
    return list(PACK_SECTIONS)


# --- A rights request made: higher apps act on it in the same transaction --------------------
# procurement starts the supplier's clock when a request is about a system one of its contracts
# covers (issue 18). Each function takes the saved RightsRequest.
RightsRequestMadeFunction = Callable[[Any], object]  # what it returns is not read
RIGHTS_REQUEST_MADE: list[RightsRequestMadeFunction] = []


def register_rights_request_made(function: RightsRequestMadeFunction) -> RightsRequestMadeFunction:
    if function not in RIGHTS_REQUEST_MADE:
        RIGHTS_REQUEST_MADE.append(function)
    return function


def rights_request_made(request: Any) -> None:
    for function in RIGHTS_REQUEST_MADE:
        function(request)


# --- A case moved to another stage: higher apps act on it in the same transaction -------------
# oversight opens a case's first oversight review when it enters oversight (issue 15). Each
# function takes the moved ProcurementCase and the person who moved it.
CaseMovedFunction = Callable[[Any, Any], object]  # what it returns is not read
CASE_MOVED: list[CaseMovedFunction] = []
_Moved = TypeVar("_Moved", bound=CaseMovedFunction)


def register_case_moved(function: _Moved) -> _Moved:
    if function not in CASE_MOVED:
        CASE_MOVED.append(function)
    return function


def case_moved(case: Any, actor: Any) -> None:
    for function in CASE_MOVED:
        function(case, actor)


# --- Closing a case: its closing oversight review --------------------------------------------
# procurement's gate on the move from oversight to closed needs the case's closing oversight
# review signed off or dissented from; oversight keeps the reviews and answers with a boolean
# expression over the case (OuterRef("pk")), so the gate's facts stay one query for N cases.
ClosingReviewFunction = Callable[[], Any]
CLOSING_REVIEW_DECIDED: list[ClosingReviewFunction] = []


def register_closing_review_decided(function: ClosingReviewFunction) -> ClosingReviewFunction:
    if function not in CLOSING_REVIEW_DECIDED:
        CLOSING_REVIEW_DECIDED.append(function)
    return function


def closing_review_decided() -> Any:
    """A boolean expression: whether the case's closing review is decided (True when no app
    keeps reviews)."""
    if not CLOSING_REVIEW_DECIDED:
        return Value(True, output_field=BooleanField())
    condition = Q()
    for function in CLOSING_REVIEW_DECIDED:
        condition &= Q(function())
    return ExpressionWrapper(condition, output_field=BooleanField())


# --- What the register's ATRS export may say of an AI system, frozen when it is published ----
# The public register (registers) exports each published entry as an ATRS v3.0 record. Some of
# what ATRS asks is known only to higher apps: procurement knows the role of the commissioner of
# the case that procured the system and the awarded supplier's Companies House number; waira
# knows the risks and measures of the latest completed WAIRA. Each answers, for one AI system,
# a dict of ATRS attribute names (e.g. "risks_and_mitigations") to text; registers copies the
# answers into the version it publishes, so the export shows only what was published
# (docs/adr/0023-atrs-details-frozen-at-publication.md).
AtrsDetailsFunction = Callable[[Any], Mapping[str, str]]
ATRS_DETAILS: list[AtrsDetailsFunction] = []


def register_atrs_details(function: AtrsDetailsFunction) -> AtrsDetailsFunction:
    if function not in ATRS_DETAILS:
        ATRS_DETAILS.append(function)
    return function


def atrs_details(system: Any) -> dict[str, str]:
    """What every app that knows says of `system` for its ATRS record, by attribute name; an
    empty answer is left out (none registered: {})."""
    details: dict[str, str] = {}
    for function in ATRS_DETAILS:
        for name, text in function(system).items():
            if text and text.strip():
                details.setdefault(name, text.strip())
    return details

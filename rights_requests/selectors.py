"""Reads of rights-request data that need rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Case, Count, F, Q, QuerySet, Value, When

from core import legal_time
from core.clock import uk_today
from core.extensions import PublishedContact
from core.models import Organisation, User
from core.roles import Role
from core.small_numbers import Figure, figure, partition_figures
from registers import selectors as register_selectors
from registers.models import AISystem, RegisterEntry
from rights_requests.models import (
    OPEN_STATES,
    ComplianceFailure,
    ContactKind,
    ExemptionClaim,
    ExemptionDecision,
    ReconsiderationOutcome,
    RequestAnswer,
    RequestKind,
    RequestState,
    RightsContact,
    RightsRequest,
)

# --- Who answers (s.17(8)-(9), s.18(3)-(4)) --------------------------------------------------


def current_contacts(today: date | None = None) -> QuerySet[RightsContact]:
    """Contacts in post today (UK date)."""
    today = today or uk_today()
    return RightsContact.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))


def _published(contact: RightsContact, role: str, *, default: bool) -> PublishedContact:
    return PublishedContact(
        role=role,
        name=contact.name,
        job_title=contact.job_title,
        address=contact.address,
        email=contact.email,
        phone=contact.phone,
        is_default_most_senior=default,
    )


def published_contacts_for(organisation_ids: Iterable[int]) -> dict[int, list[PublishedContact]]:
    """Only the published details, for the public register; a fixed number of queries (one).

    Each organisation's nominated contacts, then its competent agents (delegates are the
    agent's own arrangement under s.18(7), so they are not published). Where nobody holds one of
    the roles, the most senior person stands in for it (s.17(9), s.18(3)) and is marked so.
    Organisations with nothing recorded map to an empty list.
    """
    ids = list(organisation_ids)
    result: dict[int, list[PublishedContact]] = {org_id: [] for org_id in ids}
    if not ids:
        return result
    by_org: dict[int, dict[str, list[RightsContact]]] = {}
    contacts = current_contacts().filter(organisation_id__in=ids, delegated_by__isnull=True)
    for contact in contacts.order_by("name", "id"):
        by_org.setdefault(contact.organisation_id, {}).setdefault(contact.kind, []).append(contact)
    for org_id, kinds in by_org.items():
        senior = kinds.get(ContactKind.MOST_SENIOR_PERSON, [])
        for role in (ContactKind.NOMINATED_CONTACT, ContactKind.COMPETENT_AGENT):
            holders = kinds.get(role, [])
            if holders:
                result[org_id] += [_published(c, str(role), default=False) for c in holders]
            else:
                result[org_id] += [_published(c, str(role), default=True) for c in senior[:1]]
    return result


# --- Requests ---------------------------------------------------------------------------------


def requests_of_same_person(request: RightsRequest) -> QuerySet[RightsRequest]:
    """The same person's other requests to the same employer (by account, or by email for
    someone without one)."""
    same = RightsRequest.objects.filter(organisation_id=request.organisation_id).exclude(
        pk=request.pk
    )
    if request.requester_id is not None:
        return same.filter(requester_id=request.requester_id)
    return same.filter(requester__isnull=True, requester_email__iexact=request.requester_email)


def reconsidered_requests_of_requester(request: RightsRequest) -> QuerySet[RightsRequest]:
    """Earlier requests of this person that the employer has "properly personally reconsidered":
    reconsiderations answered by a competent agent (s.17(5)(b)-(c), s.18(8)(b); A7, DUP-07),
    and answered before the new request was made. A request received by another channel is
    taken as made at the start of the day it was received, so an answer that same day never
    counts against it (read in the worker's favour)."""
    return (
        requests_of_same_person(request)
        .filter(
            kind=RequestKind.RECONSIDERATION,
            state=RequestState.ANSWERED,
            request_date__lte=request.request_date,
            answer__answered_at__lt=request.made_at,
        )
        .select_related("answer")
    )


@dataclass(frozen=True)
class Lookback:
    """Whether an earlier reconsidered request is "within the last 3 months" (A6)."""

    earlier: RightsRequest
    outside_from: date  # on the default reading, a new request from this date on is outside
    inside_default: bool  # anchored on the earlier request, corresponding date excluded
    inside_employer_reading: bool  # anchored on the reconsideration, corresponding date included


def lookback_for(earlier: RightsRequest, request: RightsRequest) -> Lookback:
    reconsidered_on = legal_time.uk_date(earlier.answer.answered_at)
    return Lookback(
        earlier=earlier,
        outside_from=legal_time.add_months(earlier.request_date, 3),
        inside_default=legal_time.is_within_lookback(earlier.request_date, request.request_date),
        inside_employer_reading=legal_time.is_within_lookback_employer_reading(
            reconsidered_on, request.request_date
        ),
    )


def duplicate_candidates(request: RightsRequest) -> list[Lookback]:
    """Candidate duplicates for s.17(5)(c) / s.18(8)(b): shown to a person, never applied."""
    return [
        lookback_for(earlier, request)
        for earlier in reconsidered_requests_of_requester(request).order_by("-request_date")
    ]


@dataclass(frozen=True)
class VexatiousFactors:
    """The data behind s.17(6) / s.18(9) (a)-(c), for the employer who bears the burden."""

    repeats_after_explanation: list[RightsRequest]  # (a) similar earlier requests explained
    days_since_last_request: int | None  # (b) how long ago the last previous request was made
    earlier_requests: list[RightsRequest]  # (b) every earlier request, newest first
    overlapping_open_requests: list[RightsRequest]  # (c) other requests still open


def vexatious_factors(request: RightsRequest) -> VexatiousFactors:
    earlier = list(
        requests_of_same_person(request)
        .filter(made_at__lt=request.made_at)
        .select_related("answer")
        .order_by("-made_at")
    )
    explained = [
        other
        for other in earlier
        if other.kind == RequestKind.EXPLANATION and other.state == RequestState.ANSWERED
    ]
    return VexatiousFactors(
        repeats_after_explanation=explained,
        days_since_last_request=legal_time.days_between(
            earlier[0].request_date, request.request_date
        )
        if earlier
        else None,
        earlier_requests=earlier,
        overlapping_open_requests=[
            other for other in requests_of_same_person(request).filter(state__in=OPEN_STATES)
        ],
    )


def decisions_altered_count(*, system: AISystem, since: date | None, until: date) -> int:
    """s.14(5)(b): how many reconsiderations of decisions made with `system` altered the decision,
    counting those whose outcome date d (UK date) has since < d <= until (since None = from the
    start). The outcome date is the UK date of the written notification."""
    answers = RequestAnswer.objects.filter(
        request__ai_system=system,
        request__kind=RequestKind.RECONSIDERATION,
        outcome=ReconsiderationOutcome.ALTERED,
        answered_at__lte=legal_time.end_of_uk_day(until),
    )
    if since is not None:
        answers = answers.filter(answered_at__gt=legal_time.end_of_uk_day(since))
    return answers.count()


def days_left(request: RightsRequest, today: date | None = None) -> int:
    return legal_time.days_left(today or uk_today(), request.due_date)


def queue_for(requests: QuerySet[RightsRequest]) -> QuerySet[RightsRequest]:
    """Open requests, soonest due first (overdue at the top)."""
    return (
        requests.filter(state__in=OPEN_STATES)
        .select_related(
            "organisation", "assigned_agent", "claimed_by", "ai_system", "failure", "follows"
        )
        .order_by("due_date", "made_at", "id")
    )


@dataclass(frozen=True)
class WorkbenchFilters:
    q: str = ""
    state: str = ""
    kind: str = ""
    system: int | None = None
    due: str = ""
    holder: str = ""


WORKBENCH_DUE_SOON_DAYS = 7


def workbench(
    requests: QuerySet[RightsRequest],
    filters: WorkbenchFilters,
    *,
    user: User,
    today: date | None = None,
) -> QuerySet[RightsRequest]:
    """A handler's requests, open and closed, under the filters: open ones first, soonest due
    first; then the closed ones, the most recent first."""
    today = today or uk_today()
    if filters.q:
        words = Q()
        for word in filters.q.split():
            words &= (
                Q(reference__icontains=word)
                | Q(requester_name__icontains=word)
                | Q(decision__icontains=word)
                | Q(request_text__icontains=word)
                | Q(ai_system__name__icontains=word)
            )
        requests = requests.filter(words)
    if filters.state == "open":
        requests = requests.filter(state__in=OPEN_STATES)
    elif filters.state == "closed":
        requests = requests.exclude(state__in=OPEN_STATES)
    elif filters.state:
        requests = requests.filter(state=filters.state)
    if filters.kind:
        requests = requests.filter(kind=filters.kind)
    if filters.system is not None:
        requests = requests.filter(ai_system_id=filters.system)
    if filters.due == "overdue":
        requests = requests.filter(state__in=OPEN_STATES, due_date__lt=today)
    elif filters.due == "week":
        requests = requests.filter(
            state__in=OPEN_STATES,
            due_date__gte=today,
            due_date__lte=today + timedelta(days=WORKBENCH_DUE_SOON_DAYS),
        )
    if filters.holder == "me":
        requests = requests.filter(Q(claimed_by=user) | Q(assigned_agent__user=user))
    elif filters.holder == "nobody":
        requests = requests.filter(claimed_by__isnull=True, assigned_agent__isnull=True)
    is_open = Case(When(state__in=OPEN_STATES, then=Value(0)), default=Value(1))
    return (
        requests.select_related(
            "organisation", "assigned_agent", "claimed_by", "ai_system", "failure", "follows"
        )
        .annotate(closed=is_open)
        .order_by("closed", Case(When(closed=0, then=F("due_date"))), "-made_at", "-id")
    )


def systems_named_in(requests: QuerySet[RightsRequest]) -> QuerySet[AISystem]:
    """The AI systems these requests name, for the workbench's filter."""
    return AISystem.objects.filter(
        pk__in=requests.filter(ai_system__isnull=False).values("ai_system_id")
    ).order_by("name", "id")


@dataclass(frozen=True)
class Figures:
    """Aggregate figures for a union representative: counts only, nobody's request, and every
    count below the organisation's small-number threshold shown as "fewer than N"
    (core.small_numbers): with one request in a row, "1" points at the one person who asked."""

    organisation: Organisation
    kind: str
    total: Figure
    open: Figure
    answered_in_time: Figure
    refused: Figure
    altered: Figure
    failures: Figure


def figures_for(organisation_ids: Iterable[int]) -> list[Figures]:
    return _figures(RightsRequest.objects.filter(organisation_id__in=list(organisation_ids)))


def figures_by_system(system_ids: Iterable[int]) -> dict[int, list[Figures]]:
    """The same figures for each AI system (a case's assessment pack prints them), small numbers
    hidden as on the figures page: counts only, nobody's request."""
    by_system: dict[int, list[Figures]] = {}
    ids = list(system_ids)
    for system_id in ids:
        by_system[system_id] = _figures(RightsRequest.objects.filter(ai_system_id=system_id))
    return by_system


def _figures(requests: QuerySet[RightsRequest]) -> list[Figures]:
    rows = (
        requests.values("organisation_id", "kind")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(state__in=OPEN_STATES)),
            answered=Count("id", filter=Q(state=RequestState.ANSWERED)),
            refused=Count("id", filter=Q(state=RequestState.REFUSED)),
            withdrawn=Count("id", filter=Q(state=RequestState.WITHDRAWN)),
            answered_in_time=Count("id", filter=Q(answer__in_time=True)),
            altered=Count("id", filter=Q(answer__outcome=ReconsiderationOutcome.ALTERED)),
            failures=Count("failure"),
        )
        .order_by("organisation_id", "kind")
    )
    counted = list(rows)
    organisations = Organisation.objects.in_bulk({row["organisation_id"] for row in counted})
    figures = []
    for row in counted:
        organisation = organisations[row["organisation_id"]]
        threshold = organisation.small_number_threshold
        # Every request is in exactly one of these states: the total is their sum, so a hidden
        # state could be found by subtraction; partition_figures hides a second one if so.
        total, states = partition_figures(
            total=row["total"],
            parts={key: row[key] for key in ("open", "answered", "refused", "withdrawn")},
            displayed=("open", "refused"),
            threshold=threshold,
        )
        figures.append(
            Figures(
                organisation=organisation,
                kind=row["kind"],
                total=total,
                open=states["open"],
                refused=states["refused"],
                answered_in_time=figure(row["answered_in_time"], threshold),
                altered=figure(row["altered"], threshold),
                failures=figure(row["failures"], threshold),
            )
        )
    return figures


# --- What the pages read ---------------------------------------------------------------------


def requests_made_by(user: User) -> QuerySet[RightsRequest]:
    """A worker's own requests, newest first."""
    return (
        RightsRequest.objects.filter(requester=user)
        .select_related("organisation", "failure")
        .order_by("-made_at")
    )


def explanation_request_of(user: User, pk: int) -> RightsRequest | None:
    """The person's own explanation request `pk`, which a reconsideration may follow."""
    return (
        RightsRequest.objects.filter(requester=user, kind=RequestKind.EXPLANATION, pk=pk)
        .select_related("organisation")
        .first()
    )


def requests_shared_with(user: User, organisation_ids: Iterable[int]) -> QuerySet[RightsRequest]:
    """The requests a worker chose to share with this union representative."""
    return (
        RightsRequest.objects.filter(shared_with=user, organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("-made_at")
    )


def requests_by_token(token_sha256: str) -> QuerySet[RightsRequest]:
    """The request a public requester's link opens (the token's hash matches one at most)."""
    return RightsRequest.objects.select_related(
        "organisation", "ai_system", "assigned_agent"
    ).filter(access_token_sha256=token_sha256)


def members_of(organisation_id: int) -> QuerySet[User]:
    return User.objects.filter(memberships__organisation_id=organisation_id).distinct()


def union_representatives_of(organisation_id: int) -> QuerySet[User]:
    """The organisation's active union representatives, whom a worker may share a request with."""
    return User.objects.filter(
        memberships__organisation_id=organisation_id,
        memberships__role=Role.UNION_REPRESENTATIVE,
        is_active=True,
    ).distinct()


def contacts_of(organisation_ids: Iterable[int]) -> QuerySet[RightsContact]:
    return (
        RightsContact.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "user", "delegated_by")
        .order_by("organisation", "kind", "name")
    )


def contacts_among(pks: Iterable[int]) -> QuerySet[RightsContact]:
    return RightsContact.objects.filter(pk__in=pks)


def undelegated_agents_of(organisation_id: int) -> QuerySet[RightsContact]:
    """Competent agents named by the organisation itself, who may delegate (s.18)."""
    return RightsContact.objects.filter(
        organisation_id=organisation_id,
        kind=ContactKind.COMPETENT_AGENT,
        delegated_by__isnull=True,
    )


def organisations_by_pk(organisation_ids: Iterable[int]) -> dict[int, Organisation]:
    return Organisation.objects.in_bulk(list(organisation_ids))


def organisation(pk: int) -> Organisation:
    return Organisation.objects.get(pk=pk)


def organisations_open_to_public_requests(slug: str) -> QuerySet[Organisation]:
    """The organisation behind the public request form: only one with a published register
    entry, so a slug that does not exist and an organisation with nothing published look the
    same (a 404) and the form confirms no organisation's existence."""
    return register_selectors.organisations_in_register().filter(slug=slug)


def organisations_with_public_request_form() -> QuerySet[Organisation]:
    """Every organisation whose public request form is open (one with a published entry)."""
    return register_selectors.organisations_in_register().order_by("name_en", "pk")


def entries_open_to_requests(organisation_ids: list[int]) -> QuerySet[RegisterEntry]:
    """The systems a request may name, as the public register shows them: published entries
    only, by the register's own identifiers and published names (never a draft's)."""
    return register_selectors.published_entries_of(organisation_ids)


def organisations_among(organisation_ids: Iterable[int]) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=list(organisation_ids)).order_by("name_en")


@dataclass(frozen=True)
class StatutoryClock:
    """The Bill's own 28 days and the tribunal dates a miss of them gives: the safe clock a
    worker can rely on whatever period was agreed (s.17(4), s.18(6), s.19(5), (3))."""

    due: date
    failure: date
    file_by: date
    out_of_time_after: date


def statutory_clock(request: RightsRequest) -> StatutoryClock:
    due = legal_time.response_due(request.request_date)
    failure = legal_time.failure_date(due)
    limit = legal_time.limitation(failure)
    return StatutoryClock(due, failure, limit.file_by, limit.out_of_time_after)


# --- What comes next (issue 14, item 3) -------------------------------------------------------


@dataclass(frozen=True)
class TribunalDates:
    """When a complaint to an employment tribunal must be made (s.19(3)): from the failure
    recorded, or, for a refusal the worker thinks wrong, from the day after the answer was due
    (s.19(5)). `extended_*` are the dates with ACAS early conciliation, where recorded (A14)."""

    failure_date: date
    file_by: date
    out_of_time_after: date
    extended_file_by: date | None = None
    extended_out_of_time_after: date | None = None


@dataclass(frozen=True)
class NextSteps:
    """What a worker can do next: ask for a reconsideration after an explanation (s.18(2)),
    and whom to ask; complain to a tribunal after a refusal or a failure (s.19)."""

    reconsider_by: date | None
    agents: list[PublishedContact]
    tribunal: TribunalDates | None


def next_steps(request: RightsRequest) -> NextSteps:
    """The worker's next steps. Every date is core.legal_time's: the reconsideration window runs
    six months from the day they became aware of the decision (R-RECON-WINDOW); the tribunal
    dates are the failure's stored ones, or legal_time.limitation of the refusal's failure date."""
    answer = getattr(request, "answer", None)
    failure = getattr(request, "failure", None)
    reconsider_by = None
    agents: list[PublishedContact] = []
    if request.kind == RequestKind.EXPLANATION and answer is not None:
        reconsider_by = legal_time.reconsideration_request_deadline(request.aware_on)
        agents = [
            contact
            for contact in published_contacts_for([request.organisation_id])[
                request.organisation_id
            ]
            if contact.role == ContactKind.COMPETENT_AGENT
        ]
    tribunal = None
    if failure is not None:
        tribunal = TribunalDates(
            failure_date=failure.failure_date,
            file_by=failure.file_by,
            out_of_time_after=failure.out_of_time_after,
            extended_file_by=failure.extended_file_by,
            extended_out_of_time_after=failure.extended_out_of_time_after,
        )
    elif request.state == RequestState.REFUSED:
        failed_on = legal_time.failure_date(request.due_date)
        limit = legal_time.limitation(failed_on)
        tribunal = TribunalDates(
            failure_date=failed_on, file_by=limit.file_by, out_of_time_after=limit.out_of_time_after
        )
    return NextSteps(reconsider_by=reconsider_by, agents=agents, tribunal=tribunal)


@dataclass(frozen=True)
class RefusedRequest:
    """A request refused on an exemption or as late, which the worker may dispute."""

    request: RightsRequest
    on_exemption: bool
    refused_on: date


def refused_requests() -> list[RefusedRequest]:
    """Every refused request with the UK day of its refusal (the exemption's decision, or the
    decision not to accept a late request). Two queries."""
    requests = list(
        RightsRequest.objects.filter(state=RequestState.REFUSED).select_related("organisation")
    )
    decided = dict(
        ExemptionClaim.objects.filter(
            request__in=[request.pk for request in requests],
            decision=ExemptionDecision.APPLIES,
        )
        .order_by("request_id", "decided_at")
        .values_list("request_id", "decided_at")
    )
    refused = []
    for request in requests:
        at = decided.get(request.pk)
        on_exemption = at is not None
        when = at if at is not None else request.window_decided_at
        refused_on = legal_time.uk_date(when) if when is not None else request.request_date
        refused.append(RefusedRequest(request, on_exemption, refused_on))
    return refused


def compliance_failures() -> QuerySet[ComplianceFailure]:
    """The s.17(4)/s.18(6) failures the rights requests' sweep recorded."""
    return ComplianceFailure.objects.select_related("request")


@dataclass(frozen=True)
class SystemFigures:
    """Requests about one AI system, for the pages of those who procure and oversee it: counts
    only, small ones as "fewer than N"."""

    made: Figure
    altered: Figure


def figures_for_systems(systems: Iterable[AISystem]) -> dict[int, SystemFigures]:
    """Each system's request figures in one query (a system with none: zero, shown as small)."""
    by_pk = {system.pk: system for system in systems}
    rows = {
        row["ai_system_id"]: row
        for row in RightsRequest.objects.filter(ai_system_id__in=list(by_pk))
        .values("ai_system_id")
        .annotate(
            made=Count("id"),
            altered=Count("id", filter=Q(answer__outcome=ReconsiderationOutcome.ALTERED)),
        )
        .order_by()
    }
    result = {}
    for pk, system in by_pk.items():
        threshold = system.organisation.small_number_threshold
        row = rows.get(pk, {"made": 0, "altered": 0})
        result[pk] = SystemFigures(
            made=figure(row["made"], threshold), altered=figure(row["altered"], threshold)
        )
    return result

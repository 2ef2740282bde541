"""Reads with rules for the oversight function: the governance body's records and the figures
of the oversight dashboard. Every figure is a bounded number of queries, whatever the number of
cases (tests/oversight/test_dashboard_queries.py)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from statistics import median
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DateTimeField, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core import legal_time
from core.clock import uk_today
from core.extensions import ReportFigure, oversight_sections, register_oversight_section
from core.models import Membership, Organisation, TimelineEvent, User
from core.roles import Role
from core.selectors import members_of
from core.small_numbers import figure
from oversight.models import (
    DECIDED_REVIEW_STATES,
    UNFINISHED_REVIEW_STATES,
    ActionStatus,
    Decision,
    DecisionKind,
    GovernanceMember,
    Incident,
    IncidentKind,
    IncidentStatus,
    Meeting,
    OversightReview,
)
from oversight.permissions import sees_every_case
from procurement.gates import GateFacts, evaluate_exit_gate
from procurement.models import (
    EngagementActivity,
    EngagementApproach,
    GateDecision,
    ProcurementCase,
    with_gate_facts,
)
from procurement.stages import OPEN_STAGES, STAGE_ORDER, Stage
from registers.models import AISystem, DecisionCategory
from rights_requests.models import RightsRequest
from rights_requests.models.answers import ReconsiderationOutcome

# A case blocked at its gate for longer than this is "stuck".
STUCK_AFTER_DAYS = 90
SOON_DAYS = 30
STAGE_LABELS = dict(Stage.choices)


# --- The governance body --------------------------------------------------------------------


def governance_members(organisation: Organisation) -> QuerySet[GovernanceMember]:
    return GovernanceMember.objects.filter(organisation=organisation).select_related("user")


def governance_meetings(organisation: Organisation) -> QuerySet[Meeting]:
    return Meeting.objects.filter(organisation=organisation).annotate(
        open_actions=Count(
            "decisions",
            filter=Q(decisions__kind=DecisionKind.ACTION, decisions__status=ActionStatus.OPEN),
        )
    )


def open_actions(organisation: Organisation) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(
            organisation=organisation, kind=DecisionKind.ACTION, status=ActionStatus.OPEN
        )
        .select_related("owner", "meeting")
        .order_by("due_on", "id")
    )


def decisions_of(meeting: Meeting) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(meeting=meeting)
        .select_related("owner")
        .prefetch_related("cases", "systems")
    )


def cases_for_decision(organisation: Organisation) -> QuerySet[ProcurementCase]:
    return ProcurementCase.objects.filter(organisation=organisation).order_by("title")


def systems_for_decision(organisation: Organisation) -> QuerySet[AISystem]:
    return AISystem.objects.filter(organisation=organisation).order_by("name")


def people_of(organisation: Organisation) -> QuerySet[User]:
    return members_of(organisation).order_by("last_name", "first_name", "username")


# --- The dashboard's figures ----------------------------------------------------------------


def dashboard_figures(user: User, organisation: Organisation, cases: Any) -> list[ReportFigure]:
    """Every figure of the dashboard, oversight's own and those other apps registered."""
    return oversight_sections(user, organisation, cases)


def _stage_label(stage: str) -> str:
    return str(STAGE_LABELS.get(stage, stage))


@register_oversight_section(order=10)
def stage_pipeline(user: User, organisation: Organisation, cases: Any) -> ReportFigure:
    counts = dict(
        cases.order_by().values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
    )
    stages = [*STAGE_ORDER, Stage.CANCELLED]
    bars = [(_stage_label(stage), counts.get(stage, 0)) for stage in stages]
    return ReportFigure(
        key="pipeline",
        title=_("Cases by stage"),
        description=_("How many procurement cases are at each stage of the toolkit."),
        columns=(_("Stage"), _("Cases")),
        rows=[(label, value) for label, value in bars],
        bars=bars,
        value_label=_("Cases"),
    )


def _entered_current_stage(cases: Any) -> Any:
    """Each open case with when it entered its current stage (its last stage change there, or
    its creation for a case still in planning)."""
    content_type = ContentType.objects.get_for_model(ProcurementCase)
    entered = (
        TimelineEvent.objects.filter(
            content_type=content_type,
            object_id=OuterRef("pk"),
            kind="stage_changed",
            to_state=OuterRef("stage"),
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    return cases.filter(stage__in=OPEN_STAGES).annotate(
        entered_at=Coalesce(Subquery(entered, output_field=DateTimeField()), F("created_at"))
    )


@register_oversight_section(order=20)
def time_in_stage(user: User, organisation: Organisation, cases: Any) -> ReportFigure:
    today = uk_today()
    days: dict[str, list[int]] = {stage: [] for stage in OPEN_STAGES}
    for stage, entered_at in _entered_current_stage(cases).values_list("stage", "entered_at"):
        days[stage].append((today - legal_time.uk_date(entered_at)).days)
    rows = [
        (
            _stage_label(stage),
            len(values),
            int(median(values)) if values else 0,
            max(values) if values else 0,
        )
        for stage, values in days.items()
    ]
    return ReportFigure(
        key="time-in-stage",
        title=_("Time in the current stage"),
        description=_(
            "For the open cases at each stage: the median and the longest number of days since "
            "they entered it."
        ),
        columns=(_("Stage"), _("Open cases"), _("Median days"), _("Longest (days)")),
        rows=rows,
        bars=[(label, median_days) for label, _n, median_days, _longest in rows],
        value_label=_("Median days"),
    )


@register_oversight_section(order=30)
def stuck_gates(user: User, organisation: Organisation, cases: Any) -> ReportFigure:
    today = uk_today()
    blocked: Counter[str] = Counter()
    stuck: Counter[str] = Counter()
    reasons: dict[str, Counter[str]] = {stage: Counter() for stage in OPEN_STAGES}
    annotated = with_gate_facts(_entered_current_stage(cases))
    for case in annotated:
        result = evaluate_exit_gate(GateFacts.from_annotated(case, today=today))
        if result.allows_move:
            continue
        blocked[case.stage] += 1
        entered_at = case.entered_at  # type: ignore[attr-defined]
        if (today - legal_time.uk_date(entered_at)).days > STUCK_AFTER_DAYS:
            stuck[case.stage] += 1
        reasons[case.stage].update(str(item) for item in result.missing)
    rows = [
        (
            _stage_label(stage),
            blocked[stage],
            stuck[stage],
            reasons[stage].most_common(1)[0][0] if reasons[stage] else "",
        )
        for stage in OPEN_STAGES
    ]
    return ReportFigure(
        key="stuck-gates",
        title=_("Cases held at their gate"),
        description=_(
            "Open cases whose stage's exit gate is not yet met, those held for more than 90 "
            "days, and what most often holds them."
        ),
        columns=(
            _("Stage"),
            _("Held at the gate"),
            _("Held for more than 90 days"),
            _("Most often missing"),
        ),
        rows=rows,
        bars=[(label, held) for label, held, _stuck, _reason in rows],
        value_label=_("Held at the gate"),
    )


@register_oversight_section(order=40)
def overrides_and_dissents(user: User, organisation: Organisation, cases: Any) -> ReportFigure:
    decisions = (
        GateDecision.objects.filter(
            case__in=cases, kind__in=[GateDecision.Kind.OVERRIDE, GateDecision.Kind.DISSENT]
        )
        .select_related("case")
        .order_by("-decided_at", "-id")
    )
    rows = [
        (
            decision.case.title,
            _stage_label(decision.stage),
            decision.get_kind_display(),
            decision.reason,
            legal_time.uk_date(decision.decided_at),
        )
        for decision in decisions
    ]
    counts = Counter(decision.kind for decision in decisions)
    return ReportFigure(
        key="overrides-dissents",
        title=_("Overrides and dissents"),
        description=_(
            "Every gate a commissioner overrode and every dissent a union representative "
            "recorded, with the reasons given."
        ),
        columns=(_("Case"), _("Stage"), _("Decision"), _("Reason"), _("Date")),
        rows=rows,
        bars=[
            (str(GateDecision.Kind.OVERRIDE.label), counts[GateDecision.Kind.OVERRIDE]),
            (str(GateDecision.Kind.DISSENT.label), counts[GateDecision.Kind.DISSENT]),
        ],
        value_label=_("Decisions"),
    )


def _systems_of(organisation: Organisation, cases: Any, every_case: bool) -> QuerySet[AISystem]:
    systems = AISystem.objects.filter(organisation=organisation)
    if not every_case:
        systems = systems.filter(procurement_cases__in=cases).distinct()
    return systems


@register_oversight_section(order=50)
def duties_due(user: User, organisation: Organisation, cases: Any) -> ReportFigure:
    today = uk_today()
    soon = legal_time.add_days(today, SOON_DAYS)
    systems = _systems_of(organisation, cases, sees_every_case(user, organisation)).filter(
        first_use__isnull=False, end_of_use__isnull=True
    )
    counted = AISystem.objects.filter(pk__in=systems.values("pk")).aggregate(
        waira_overdue=Count("pk", filter=Q(waira_next_due__lt=today)),
        waira_soon=Count("pk", filter=Q(waira_next_due__gte=today, waira_next_due__lte=soon)),
        consultation_overdue=Count("pk", filter=Q(consultation_next_due__lt=today)),
        consultation_soon=Count(
            "pk", filter=Q(consultation_next_due__gte=today, consultation_next_due__lte=soon)
        ),
        entry_overdue=Count("pk", filter=Q(register_entry__due_by__lt=today)),
        entry_soon=Count(
            "pk", filter=Q(register_entry__due_by__gte=today, register_entry__due_by__lte=soon)
        ),
    )
    actions = Decision.objects.filter(
        organisation=organisation, kind=DecisionKind.ACTION, status=ActionStatus.OPEN
    ).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
    )
    reviews = OversightReview.objects.filter(
        case__in=cases.values("pk"), state__in=UNFINISHED_REVIEW_STATES
    ).aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon)),
    )
    rows = [
        (_("Further WAIRA (s.14(4))"), counted["waira_overdue"], counted["waira_soon"]),
        (
            _("Direct consultation again (s.15(4))"),
            counted["consultation_overdue"],
            counted["consultation_soon"],
        ),
        (_("Register entry (s.16)"), counted["entry_overdue"], counted["entry_soon"]),
        (_("Governance body actions"), actions["overdue"], actions["soon"]),
        (_("Oversight reviews of cases"), reviews["overdue"], reviews["soon"]),
    ]
    return ReportFigure(
        key="duties",
        title=_("Overdue and soon-due duties"),
        description=_("Duties past their date, and those due in the next 30 days."),
        columns=(_("Duty"), _("Overdue"), _("Due in the next 30 days")),
        rows=rows,
        bars=[(str(label), overdue) for label, overdue, _soon in rows],
        value_label=_("Overdue"),
    )


@register_oversight_section(order=70)
def request_statistics(user: User, organisation: Organisation, cases: Any) -> ReportFigure:
    """Explanation and reconsideration requests per system and kind. Counts about people: below
    the organisation's small-number threshold each shows as "fewer than N" (core.small_numbers)
    and draws no bar."""
    threshold = organisation.small_number_threshold
    requests = RightsRequest.objects.filter(organisation=organisation)
    if not sees_every_case(user, organisation):
        requests = requests.filter(ai_system__in=_systems_of(organisation, cases, every_case=False))
    grouped = (
        requests.values("ai_system__name", "kind")
        .annotate(
            total=Count("id", distinct=True),
            in_time=Count("id", filter=Q(answer__in_time=True), distinct=True),
            altered=Count(
                "id", filter=Q(answer__outcome=ReconsiderationOutcome.ALTERED), distinct=True
            ),
            exemptions=Count("exemption_claims", distinct=True),
        )
        .order_by("ai_system__name", "kind")
    )
    kinds = dict(RightsRequest._meta.get_field("kind").choices or [])
    rows, bars = [], []
    for row in grouped:
        system = row["ai_system__name"] or str(_("No system named"))
        kind = str(kinds.get(row["kind"], row["kind"]))
        total = figure(row["total"], threshold)
        rows.append(
            (
                system,
                kind,
                total,
                figure(row["in_time"], threshold),
                figure(row["altered"], threshold),
                figure(row["exemptions"], threshold),
            )
        )
        bars.append((f"{system}: {kind}", total.value))
    return ReportFigure(
        key="requests",
        title=_("Requests per AI system and kind"),
        description=_(
            "Explanation and reconsideration requests about each system: how many, how many "
            "were answered in time, reconsiderations that altered the decision, and exemptions "
            "claimed. Small numbers are not shown, so that nobody can be picked out."
        ),
        columns=(
            _("AI system"),
            _("Kind"),
            _("Requests"),
            _("Answered in time"),
            _("Decision altered"),
            _("Exemptions claimed"),
        ),
        rows=rows,
        bars=bars,
        value_label=_("Requests"),
    )


def figure_rows_for_csv(report: ReportFigure) -> list[list[Any]]:
    return [[str(column) for column in report.columns]] + [
        [value.isoformat() if isinstance(value, date) else str(value) for value in row]
        for row in report.rows
    ]


# --- Incidents ----------------------------------------------------------------------------------


def anonymity_offered(organisation: Organisation) -> bool:
    """Like a WAIRA concern: anonymous only when enough workers could have written it (the
    organisation's anonymity floor, counted over its workers in Llais)."""
    workers = (
        Membership.objects.filter(organisation=organisation, role=Role.WORKER)
        .values("user_id")
        .distinct()
        .count()
    )
    return workers >= organisation.anonymity_minimum_consultees


def reporter_shown(incident: Incident) -> str:
    """The reporter as staff may see them: "Anonymous" where they chose, never their name."""
    return str(_("Anonymous")) if incident.anonymous else str(incident.reported_by)


def incidents_for_staff(incidents: QuerySet[Incident]) -> list[tuple[Incident, str]]:
    """Each incident with the reporter's name as staff may see it: none where they chose."""
    rows = []
    for incident in incidents.select_related(
        "system", "decision_category", "reported_by", "organisation"
    ):
        rows.append((incident, reporter_shown(incident)))
    return rows


def incidents_on_systems(organisation_id: int, system_ids: list[int]) -> list[Incident]:
    """The incidents reported on these systems, oldest first, with what is printed beside them
    joined in (one query, however many)."""
    return list(
        Incident.objects.filter(organisation_id=organisation_id, system_id__in=system_ids)
        .select_related("system", "decision_category", "reported_by")
        .order_by("reported_on", "id")
    )


def incident_counts_on_systems(organisation_id: int, system_ids: list[int]) -> list[dict[str, Any]]:
    """How many incidents of each kind were reported on these systems and how many are not yet
    answered, as the oversight dashboard counts them (one query)."""
    grouped = (
        Incident.objects.filter(organisation_id=organisation_id, system_id__in=system_ids)
        .values("system__name", "kind")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=~Q(status=IncidentStatus.ANSWERED)),
        )
        .order_by("system__name", "kind")
    )
    kinds = dict(IncidentKind.choices)
    return [
        {
            "system": row["system__name"],
            "kind": row["kind"],
            "kind_label": kinds.get(row["kind"], row["kind"]),
            "total": row["total"],
            "open": row["open"],
        }
        for row in grouped
    ]


def answered_on(incidents: list[Incident]) -> dict[int, date]:
    """The day (UK) each answered incident was last answered, from the timeline the answering
    service writes (one query). An incident not answered now has no date."""
    answered = [i for i in incidents if i.status == IncidentStatus.ANSWERED]
    if not answered:
        return {}
    events = TimelineEvent.objects.filter(
        organisation_id__in={i.organisation_id for i in answered},
        kind="incident_answered",
        to_state=IncidentStatus.ANSWERED,
        data__incident__in=[i.pk for i in answered],
    ).values_list("data__incident", "created_at")
    days: dict[int, date] = {}
    for pk, created_at in events:
        day = legal_time.uk_date(created_at)
        if pk not in days or day > days[pk]:
            days[pk] = day
    return days


def incidents_since_previous(
    system_id: int, organisation_id: int, since: date, until: date | None
) -> list[Incident]:
    """s.14(5)(c): the incidents on a system reported after `since` (the day the previous
    WAIRA was completed) and, where given, up to `until` (the day this one was completed)."""
    incidents = Incident.objects.filter(
        organisation_id=organisation_id, system_id=system_id, reported_on__gt=since
    )
    if until is not None:
        incidents = incidents.filter(reported_on__lte=until)
    return list(incidents.select_related("decision_category").order_by("reported_on", "id"))


def decision_categories() -> QuerySet[DecisionCategory]:
    return DecisionCategory.objects.all()


@register_oversight_section(order=65)
def incident_figures(user: User, organisation: Organisation, cases: Any) -> ReportFigure:
    incidents = Incident.objects.filter(organisation=organisation)
    if not sees_every_case(user, organisation):
        incidents = incidents.filter(system__in=_systems_of(organisation, cases, every_case=False))
    grouped = (
        incidents.values("system__name", "kind")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=~Q(status=IncidentStatus.ANSWERED)),
        )
        .order_by("system__name", "kind")
    )
    kinds = dict(IncidentKind.choices)
    rows = [
        (row["system__name"], str(kinds.get(row["kind"], row["kind"])), row["total"], row["open"])
        for row in grouped
    ]
    return ReportFigure(
        key="incidents",
        title=_("Incidents reported on systems in use"),
        description=_(
            "Bugs, errors, harms and different effects on groups that workers, union "
            "representatives and staff reported, per system and kind, and how many are not "
            "yet answered."
        ),
        columns=(_("AI system"), _("Kind"), _("Reported"), _("Not yet answered")),
        rows=rows,
        bars=[(f"{system}: {kind}", total) for system, kind, total, _open in rows],
        value_label=_("Reported"),
    )


# --- Worker voice on the public register entry --------------------------------------------------


def worker_voice_of(system: AISystem) -> dict[str, Any]:
    """How workers were involved in procuring and overseeing `system`, with no personal data:
    engagement activities per stage (how many, how many workers took part), union sign-offs and
    dissents at the gates, the last consultation, the last governance body meeting on it and the
    last oversight review of a case that holds it, signed off or dissented."""
    stages = dict(Stage.choices)
    activities = (
        EngagementActivity.objects.filter(case__ai_systems=system)
        .values("stage")
        .annotate(activities=Count("id", distinct=True), workers=Sum("worker_count"))
        .order_by()
    )
    by_stage = {row["stage"]: row for row in activities}
    decisions = dict(
        GateDecision.objects.filter(
            case__ai_systems=system,
            kind__in=[GateDecision.Kind.SIGN_OFF, GateDecision.Kind.DISSENT],
        )
        .values_list("kind")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    last_review = (
        Meeting.objects.filter(decisions__systems=system)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
        .first()
    )
    case_reviewed = (
        OversightReview.objects.filter(case__ai_systems=system, state__in=DECIDED_REVIEW_STATES)
        .order_by("-decided_at")
        .values_list("decided_at", flat=True)
        .first()
    )
    return {
        "stages": [
            (str(stages[stage]), by_stage[stage]["activities"], by_stage[stage]["workers"] or 0)
            for stage in STAGE_ORDER
            if stage in by_stage
        ],
        "sign_offs": decisions.get(GateDecision.Kind.SIGN_OFF, 0),
        "dissents": decisions.get(GateDecision.Kind.DISSENT, 0),
        "last_consultation": system.consultation_concluded_on,
        "last_review": last_review,
        "last_case_review": legal_time.uk_date(case_reviewed) if case_reviewed else None,
    }


def engagement_approaches() -> QuerySet[EngagementApproach]:
    return EngagementApproach.objects.order_by("stage", "order")

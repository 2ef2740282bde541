"""Who may see and run the oversight function. Views ask these; they never test roles inline.

Staff and union representatives see the governance body and the oversight dashboard of their
organisation (a representative's dashboard counts only the cases assigned to them); oversight
members and administrators run the body. Another organisation's body is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet

from core.models import Organisation, User
from core.permissions import has_role
from core.roles import Role
from core.selectors import organisations_where
from oversight.models import (
    Decision,
    DecisionKind,
    GovernanceMember,
    Incident,
    Lesson,
    Meeting,
    OversightReview,
    ReviewState,
    Signal,
)
from procurement import permissions as procurement_permissions
from procurement.models import ProcurementCase
from procurement.stages import Stage
from registers import permissions as registers_permissions
from registers.models import AISystem
from rights_requests import permissions as rights_permissions
from waira import permissions as waira_permissions

STAFF = procurement_permissions.SEE_ALL_CASES
VIEW_OVERSIGHT = STAFF | {Role.UNION_REPRESENTATIVE}
RUN_GOVERNANCE = {Role.OVERSIGHT_MEMBER, Role.ADMINISTRATOR}


def organisations_overseen_by(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisations_where(user, VIEW_OVERSIGHT)).order_by(
        "name_en"
    )


def can_open_oversight(user: User) -> bool:
    """Whether the navigation offers the oversight pages (no query: roles are cached)."""
    return bool(organisations_where(user, VIEW_OVERSIGHT))


def can_see_oversight(user: User, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *VIEW_OVERSIGHT)


def can_run_governance(user: User, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *RUN_GOVERNANCE)


def sees_every_case(user: User, organisation: Organisation | int) -> bool:
    """Staff see the dashboard over every case; a union representative over their own."""
    return has_role(user, organisation, *STAFF)


def cases_counted_for(user: User, organisation: Organisation) -> QuerySet[ProcurementCase]:
    """The cases the dashboard counts for `user` in `organisation`."""
    if sees_every_case(user, organisation):
        return ProcurementCase.objects.filter(organisation=organisation)
    return procurement_permissions.cases_assigned_to(user).filter(organisation=organisation)


def meetings_visible_to(user: User) -> QuerySet[Meeting]:
    return Meeting.objects.filter(organisation_id__in=organisations_where(user, VIEW_OVERSIGHT))


def decisions_visible_to(user: User) -> QuerySet[Decision]:
    return Decision.objects.filter(organisation_id__in=organisations_where(user, VIEW_OVERSIGHT))


def members_visible_to(user: User) -> QuerySet[GovernanceMember]:
    return GovernanceMember.objects.filter(
        organisation_id__in=organisations_where(user, VIEW_OVERSIGHT)
    )


def can_update_action(user: User, decision: Decision) -> bool:
    """The body runs its actions; an action's owner reports on their own."""
    return decision.kind == DecisionKind.ACTION and (
        can_run_governance(user, decision.organisation_id)
        or (decision.owner_id == user.pk and can_see_oversight(user, decision.organisation_id))
    )


# --- Incidents ----------------------------------------------------------------------------------

REPORT_INCIDENTS = VIEW_OVERSIGHT | {Role.WORKER}
TRIAGE_INCIDENTS = STAFF


def can_report_incidents(user: User) -> bool:
    return bool(organisations_where(user, REPORT_INCIDENTS))


def systems_reportable_by(user: User) -> QuerySet[AISystem]:
    """Systems in use in the organisations where `user` may report."""
    return AISystem.objects.filter(
        organisation_id__in=organisations_where(user, REPORT_INCIDENTS),
        first_use__isnull=False,
        end_of_use__isnull=True,
    )


def can_triage_incidents(user: User) -> bool:
    return bool(organisations_where(user, TRIAGE_INCIDENTS))


def incidents_triaged_by(user: User) -> QuerySet[Incident]:
    return Incident.objects.filter(organisation_id__in=organisations_where(user, TRIAGE_INCIDENTS))


def incidents_reported_by(user: User) -> QuerySet[Incident]:
    return Incident.objects.filter(reported_by=user)


def can_answer_incident(user: User, incident: Incident) -> bool:
    return has_role(user, incident.organisation_id, *TRIAGE_INCIDENTS)


# --- Search across the apps (issue 15, item 7) -------------------------------------------------
# Staff search what their roles let them open. Each kind is offered to the roles that could see
# some of it; what each person finds is then narrowed by that kind's own `<noun>s_visible_to`
# (oversight/search.py), so search never shows what the object's page would refuse.

SEARCH_ROLES: dict[str, set[Role]] = {
    "cases": procurement_permissions.SEE_ALL_CASES | {Role.UNION_REPRESENTATIVE},
    "systems": registers_permissions.SEE_ALL_SYSTEMS | {Role.UNION_REPRESENTATIVE},
    "wairas": waira_permissions.SEE_ALL | {Role.UNION_REPRESENTATIVE},
    # Handlers by kind; a representative finds the requests workers shared with them.
    "requests": rights_permissions.HANDLERS | {Role.UNION_REPRESENTATIVE},
    "incidents": TRIAGE_INCIDENTS,
}


def kinds_searchable_by(user: User) -> list[str]:
    """The kinds of record `user` may search, in the page's order (no query: roles are cached)."""
    return [kind for kind, roles in SEARCH_ROLES.items() if organisations_where(user, roles)]


def can_search(user: User) -> bool:
    return bool(kinds_searchable_by(user))


# --- Outcome signals ----------------------------------------------------------------------------

# Those told of a signal read it and the figures behind it; commissioners (and administrators)
# set the thresholds.
SEE_SIGNALS = {Role.COMMISSIONER, Role.OVERSIGHT_MEMBER, Role.ADMINISTRATOR}
SET_SIGNAL_THRESHOLDS = {Role.COMMISSIONER, Role.ADMINISTRATOR}


def can_see_signals(user: User, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *SEE_SIGNALS)


def can_set_signal_thresholds(user: User, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *SET_SIGNAL_THRESHOLDS)


def signals_visible_to(user: User) -> QuerySet[Signal]:
    return Signal.objects.filter(organisation_id__in=organisations_where(user, SEE_SIGNALS))


def systems_with_signals_visible_to(user: User) -> QuerySet[AISystem]:
    return AISystem.objects.filter(organisation_id__in=organisations_where(user, SEE_SIGNALS))


# --- Lessons ------------------------------------------------------------------------------------

# Staff keep their organisation's lessons log; staff of any organisation read the lessons others
# shared, without names.
KEEP_LESSONS = STAFF


def can_keep_lessons(user: User, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *KEEP_LESSONS)


def lessons_visible_to(user: User) -> QuerySet[Lesson]:
    return Lesson.objects.filter(organisation_id__in=organisations_where(user, KEEP_LESSONS))


def can_edit_lesson(user: User, lesson: Lesson) -> bool:
    return can_keep_lessons(user, lesson.organisation_id)


def can_read_shared_lessons(user: User) -> bool:
    return bool(organisations_where(user, KEEP_LESSONS))


def shared_lessons() -> QuerySet[Lesson]:
    """Every lesson an organisation chose to share (readers see them without names)."""
    return Lesson.objects.filter(shareable=True)


# --- Oversight reviews --------------------------------------------------------------------------
# Whoever sees the case reads its reviews (staff, and the union representatives assigned to it);
# the case's editors answer and submit them; an assigned union representative signs off or
# records dissent.


def reviews_visible_to(user: User) -> QuerySet[OversightReview]:
    return OversightReview.objects.filter(
        case__in=procurement_permissions.cases_visible_to(user).values("pk")
    )


def can_edit_review(user: User, review: OversightReview) -> bool:
    return (
        review.state == ReviewState.OPEN
        and review.case.stage == Stage.OVERSIGHT
        and has_role(user, review.organisation_id, *procurement_permissions.EDIT_CASES)
    )


def can_decide_review(user: User, review: OversightReview) -> bool:
    return (
        review.state == ReviewState.SUBMITTED
        and procurement_permissions.is_assigned_union_representative(user, review.case)
    )

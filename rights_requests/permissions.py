"""Who may see and do what with rights requests and the people who answer them.

A worker sees only their own requests. Staff see their organisation's requests only with the
role the request calls for: the nominated contact explanations (s.17), competent agents
reconsiderations (s.18), administrators both. A union representative sees a request only when
the worker has shared it with them; otherwise only aggregate figures.
"""

from django.db.models import Q, QuerySet

from core.models import Organisation, User
from core.permissions import has_role
from core.roles import Role
from core.selectors import organisations_where
from rights_requests.models import RequestKind, RightsRequest

MANAGE_CONTACTS = {Role.ADMINISTRATOR}


def can_manage_contacts(user: User, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *MANAGE_CONTACTS)


def organisations_for_contacts(user: User) -> list[int]:
    return organisations_where(user, MANAGE_CONTACTS)


# --- Requests ---------------------------------------------------------------------------------

HANDLE_EXPLANATIONS = {Role.NOMINATED_CONTACT, Role.ADMINISTRATOR}
HANDLE_RECONSIDERATIONS = {Role.COMPETENT_AGENT, Role.ADMINISTRATOR}
HANDLERS = HANDLE_EXPLANATIONS | HANDLE_RECONSIDERATIONS
MAKE_REQUESTS = {Role.WORKER}


def _handler_roles(kind: str) -> set[Role]:
    return HANDLE_EXPLANATIONS if kind == RequestKind.EXPLANATION else HANDLE_RECONSIDERATIONS


def requests_visible_to(user: User) -> QuerySet[RightsRequest]:
    """Own requests; staff with the role the kind calls for; representatives it is shared with."""
    if not user.is_authenticated or not user.is_active:
        return RightsRequest.objects.none()
    shared = RightsRequest.shared_with.through.objects.filter(user_id=user.pk).values(
        "rightsrequest_id"
    )
    return RightsRequest.objects.filter(
        Q(requester=user)
        | Q(
            kind=RequestKind.EXPLANATION,
            organisation_id__in=organisations_where(user, HANDLE_EXPLANATIONS),
        )
        | Q(
            kind=RequestKind.RECONSIDERATION,
            organisation_id__in=organisations_where(user, HANDLE_RECONSIDERATIONS),
        )
        | Q(
            organisation_id__in=organisations_where(user, {Role.UNION_REPRESENTATIVE}),
            pk__in=shared,
        )
    )


def requests_to_handle_for(user: User) -> QuerySet[RightsRequest]:
    """The requests this person answers or oversees by role (never their own): explanations for
    nominated contacts, reconsiderations for competent agents, both for administrators."""
    if not user.is_authenticated or not user.is_active:
        return RightsRequest.objects.none()
    return RightsRequest.objects.filter(
        Q(
            kind=RequestKind.EXPLANATION,
            organisation_id__in=organisations_where(user, HANDLE_EXPLANATIONS),
        )
        | Q(
            kind=RequestKind.RECONSIDERATION,
            organisation_id__in=organisations_where(user, HANDLE_RECONSIDERATIONS),
        )
    ).exclude(requester=user)


def is_requester(user: User, request: RightsRequest) -> bool:
    return user.is_authenticated and request.requester_id == user.pk


def can_make_request(user: User, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *MAKE_REQUESTS)


def organisations_for_requests(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisations_where(user, MAKE_REQUESTS))


def can_handle_request(user: User, request: RightsRequest) -> bool:
    """Decide on lateness, the due date and exemptions; see the evidence behind them."""
    return has_role(user, request.organisation_id, *_handler_roles(request.kind))


def can_log_request(user: User, organisation: Organisation | int, kind: str) -> bool:
    """Log a request received by letter, email or in person: whoever handles that kind."""
    return has_role(user, organisation, *_handler_roles(kind))


def organisations_for_logging(user: User) -> list[int]:
    return organisations_where(user, HANDLERS)


def can_see_queue(user: User) -> bool:
    return bool(organisations_where(user, HANDLERS))


def can_assign_agent(user: User, request: RightsRequest) -> bool:
    return (
        request.kind == RequestKind.RECONSIDERATION
        and request.is_open
        and has_role(user, request.organisation_id, *HANDLE_RECONSIDERATIONS)
    )


def can_answer_request(user: User, request: RightsRequest) -> bool:
    """An explanation: the nominated contact (or an administrator). A reconsideration: only the
    competent agent it is assigned to (s.18(1): a personal reconsideration)."""
    if not request.is_open or not user.is_authenticated or not user.is_active:
        return False
    if request.kind == RequestKind.EXPLANATION:
        return can_handle_request(user, request)
    agent = request.assigned_agent
    return agent is not None and agent.user_id == user.pk


def can_withdraw_request(user: User, request: RightsRequest) -> bool:
    return request.is_open and is_requester(user, request)


def can_answer_extension(user: User, request: RightsRequest) -> bool:
    """Only the worker who made the request agrees (or not) to a longer period."""
    return request.is_open and is_requester(user, request)


def can_share_request(user: User, request: RightsRequest) -> bool:
    return is_requester(user, request)


def can_see_aggregates(user: User) -> bool:
    """Union representatives (and handlers) see figures, never other people's requests."""
    return bool(organisations_where(user, {Role.UNION_REPRESENTATIVE} | HANDLERS))


def organisations_for_figures(user: User) -> list[int]:
    return organisations_where(user, {Role.UNION_REPRESENTATIVE} | HANDLERS)

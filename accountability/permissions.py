"""Who sees a failure and who may act on it.

The organisation's oversight members, commissioners and administrators see all its failures.
A union representative sees those on the AI systems of the cases they are assigned to, and on
requests shared with them. A worker sees those on systems they were consulted on, and on their
own requests. Only those who can claim or help claim (the workers affected and their union
representatives) record steps taken and draft chaser letters (s.19(6)). Another
organisation's failure, or one a person has no part in, is a 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accountability.models import Failure
from core.extensions import represented_ai_systems
from core.models import User
from core.permissions import has_role
from core.roles import Role
from core.selectors import organisations_where

SEE_ALL = {Role.OVERSIGHT_MEMBER, Role.COMMISSIONER, Role.ADMINISTRATOR}


def _represented(user: User) -> Q:
    """Failures on the AI systems of a union representative's cases."""
    unions = organisations_where(user, {Role.UNION_REPRESENTATIVE})
    if not unions:
        return Q(pk__in=[])
    systems = Q(pk__in=[])
    for queryset in represented_ai_systems(user):
        systems |= Q(system__in=queryset.values("pk"))
    return Q(organisation_id__in=unions) & systems


def _affected(user: User) -> Q:
    """Failures a worker can claim for: on systems they were consulted on, or their requests."""
    return Q(system__wairas__consultees__worker=user) | Q(request__requester=user)


def failures_acted_on_by(user: User) -> QuerySet[Failure]:
    """The failures `user` can claim for or help claim for."""
    if not user.is_authenticated:
        return Failure.objects.none()
    ids = Failure.objects.filter(
        _affected(user) | _represented(user) | Q(request__shared_with=user)
    ).values("pk")
    return Failure.objects.filter(pk__in=ids)


def failures_visible_to(user: User) -> QuerySet[Failure]:
    if not user.is_authenticated:
        return Failure.objects.none()
    ids = Failure.objects.filter(
        Q(organisation_id__in=organisations_where(user, SEE_ALL))
        | Q(pk__in=failures_acted_on_by(user).values("pk"))
    ).values("pk")
    return Failure.objects.filter(pk__in=ids)


def can_list_failures(user: User) -> bool:
    return failures_visible_to(user).exists() or bool(organisations_where(user, SEE_ALL))


def can_see_all_failures(user: User, organisation_id: int) -> bool:
    return has_role(user, organisation_id, *SEE_ALL)


def can_act_on_failure(user: User, failure: Failure) -> bool:
    """Record a step taken, draft a chaser letter: the workers affected and their union
    representatives (s.19(6)(a))."""
    return failures_acted_on_by(user).filter(pk=failure.pk).exists()


def is_requester_of(user: User, failure: Failure) -> bool:
    return failure.request is not None and failure.request.requester_id == user.pk

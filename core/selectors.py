from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from core.extensions import notification_subjects
from core.models import Membership, Notification, Organisation, SweepRun, TimelineEvent, User
from core.roles import Role


def roles_of(user: User, organisation: Organisation | int) -> set[str]:
    """The roles a user holds in one organisation, cached on the user for the request."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return roles_by_organisation(user).get(org_id, set())


def roles_by_organisation(user: User) -> dict[int, set[str]]:
    if not user.is_authenticated:
        return {}
    cached: dict[int, set[str]] | None = getattr(user, "_llais_roles", None)
    if cached is None:
        cached = {}
        for org_id, role in Membership.objects.filter(user=user).values_list(
            "organisation_id", "role"
        ):
            cached.setdefault(org_id, set()).add(role)
        user._llais_roles = cached  # type: ignore[attr-defined]
    return cached


def organisations_where(user: User, roles: set[Role] | set[str]) -> list[int]:
    return [org for org, held in roles_by_organisation(user).items() if held & set(roles)]


def organisations_of(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=list(roles_by_organisation(user)))


def timeline_for(subject: models.Model) -> QuerySet[TimelineEvent]:
    return TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
    ).select_related("actor")


def unread_notification_count(user: User) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notifications_for(user: User) -> QuerySet[Notification]:
    """A person's notifications, newest first, with what they are about."""
    return (
        Notification.objects.filter(recipient=user)
        .select_related("content_type")
        .prefetch_related(notification_subjects())
    )


def recent_sweep_runs(limit: int = 100) -> QuerySet[SweepRun]:
    return SweepRun.objects.all()[:limit]


# --- Administering an organisation ------------------------------------------------------------


def organisations_by_pk(organisation_ids: list[int]) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisation_ids)


def memberships_of(organisation: Organisation) -> QuerySet[Membership]:
    """An organisation's memberships with their people, by surname."""
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username", "role")
    )


def members_with_roles(organisation: Organisation) -> list[tuple[User, list[str]]]:
    """Each member once, with the roles they hold here (in Role's order)."""
    order = {role: number for number, role in enumerate(Role.values)}
    people: dict[int, tuple[User, list[str]]] = {}
    for membership in memberships_of(organisation):
        people.setdefault(membership.user_id, (membership.user, []))[1].append(membership.role)
    return [(user, sorted(roles, key=order.__getitem__)) for user, roles in people.values()]


def members_of(organisation: Organisation) -> QuerySet[User]:
    """The people who hold any role in `organisation`: the only people its administrators may
    look up (another organisation's member is a 404)."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(organisation=organisation).values("user_id")
    )


def users_with_email(email: str) -> QuerySet[User]:
    return User.objects.filter(email__iexact=email.strip())


def administrator_ids(organisation: Organisation) -> set[int]:
    return set(
        Membership.objects.filter(organisation=organisation, role=Role.ADMINISTRATOR).values_list(
            "user_id", flat=True
        )
    )

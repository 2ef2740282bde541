"""Who may see and change AI system records and their register entries.

The internal record of a system (its supplier terms, value chain, timeline and edit history) is
on a need-to-know basis: the organisation's commissioners, procurement officers, oversight
members and administrators, and the union representatives assigned to a case the system is
linked to. Every other member, workers included, sees what the public register and their
consultations show them: the internal record is a 404 for them.
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from core.extensions import represented_ai_systems
from core.models import Organisation, User
from core.permissions import has_role
from core.roles import Role
from core.selectors import organisations_where, roles_by_organisation
from registers.models import AISystem, RegisterEntry

SEE_ALL_SYSTEMS = {
    Role.COMMISSIONER,
    Role.PROCUREMENT_OFFICER,
    Role.OVERSIGHT_MEMBER,
    Role.ADMINISTRATOR,
}
EDIT_SYSTEMS = {Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR}


def _assigned_systems(user: User) -> Q:
    """The systems linked to the cases a union representative is assigned to. procurement owns
    the assignment and answers through core.extensions, so registers need not import it."""
    sources = represented_ai_systems(user)
    if not sources:
        return Q(pk__in=[])
    return reduce(or_, (Q(pk__in=systems.values("pk")) for systems in sources))


def systems_visible_to(user: User) -> QuerySet[AISystem]:
    """The internal records a person may read: every system of an organisation where they are
    staff, and the systems of the cases they represent the workers on. Nobody else, whatever
    the system's use: what the public may know is in the public register."""
    if not user.is_authenticated:
        return AISystem.objects.none()
    staff_of = organisations_where(user, SEE_ALL_SYSTEMS)
    represents = organisations_where(user, {Role.UNION_REPRESENTATIVE})
    need_to_know = Q(organisation_id__in=staff_of)
    if set(represents) - set(staff_of):
        need_to_know |= Q(organisation_id__in=represents) & _assigned_systems(user)
    return AISystem.objects.filter(need_to_know)


def member_organisation_ids(user: User) -> list[int]:
    """The organisations a person belongs to, in any role: the public register entries of these
    are the ones their pages point to."""
    return list(roles_by_organisation(user))


def can_create_system(user: User, organisation: Organisation) -> bool:
    return has_role(user, organisation, *EDIT_SYSTEMS)


def organisations_for_new_system(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisations_where(user, EDIT_SYSTEMS))


def can_edit_system(user: User, system: AISystem) -> bool:
    return has_role(user, system.organisation_id, *EDIT_SYSTEMS)


# The register (s.16). Staff of the organisation see and edit the working copy; publishing, the
# employer's public statement, is for the commissioner or an administrator. The public sees
# published versions only, through registers.selectors.published_entries(), with no user.
PUBLISH_ENTRIES = {Role.COMMISSIONER, Role.ADMINISTRATOR}


def entries_visible_to(user: User) -> QuerySet[RegisterEntry]:
    if not user.is_authenticated:
        return RegisterEntry.objects.none()
    return RegisterEntry.objects.filter(
        system__organisation_id__in=organisations_where(user, SEE_ALL_SYSTEMS)
    )


def can_list_entries(user: User) -> bool:
    return bool(organisations_where(user, SEE_ALL_SYSTEMS))


def can_view_entry(user: User, system: AISystem) -> bool:
    return has_role(user, system.organisation_id, *SEE_ALL_SYSTEMS)


def can_edit_entry(user: User, system: AISystem) -> bool:
    return has_role(user, system.organisation_id, *EDIT_SYSTEMS)


def can_publish_entry(user: User, system: AISystem) -> bool:
    return has_role(user, system.organisation_id, *PUBLISH_ENTRIES)

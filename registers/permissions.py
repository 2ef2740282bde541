"""Who may see and change AI system records and their register entries."""

from django.db.models import Q, QuerySet

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


def _in_use_in_high_risk_decisions() -> Q:
    return Q(used_in_high_risk_decision_making=True, first_use__isnull=False)


def systems_visible_to(user: User) -> QuerySet[AISystem]:
    """Staff see every system of their organisation; other members see those in use in
    high-risk decision-making (which s.16 makes public anyway)."""
    if not user.is_authenticated:
        return AISystem.objects.none()
    return AISystem.objects.filter(
        Q(organisation_id__in=organisations_where(user, SEE_ALL_SYSTEMS))
        | (
            Q(organisation_id__in=list(roles_by_organisation(user)))
            & _in_use_in_high_risk_decisions()
        )
    )


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

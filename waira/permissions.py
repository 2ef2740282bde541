"""Who may see and act on WAIRAs and their consultation. Views ask these; they never test roles.

- Staff of the organisation (commissioner, procurement officer, oversight member, administrator)
  see every WAIRA of its AI systems; commissioners, procurement officers and administrators write.
- A union representative sees the WAIRAs of AI systems linked to a case they are assigned to:
  they comment on drafts, see the concerns (anonymised as each worker chose) and sign off or
  record dissent.
- A worker sees a WAIRA only once it has been shared with them, and then only the version shared.
- Another organisation's WAIRA is a 404 for everyone.
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from core.extensions import represented_ai_systems
from core.models import User
from core.permissions import has_role
from core.roles import Role
from core.selectors import organisations_where
from registers.models import AISystem
from waira.models import Waira, WairaState

SEE_ALL = {Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.OVERSIGHT_MEMBER, Role.ADMINISTRATOR}
EDIT = {Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR}
CONSULTED_STATES = [WairaState.SHARED, WairaState.CONCLUDED, WairaState.COMPLETED]


def _systems_of_assigned_cases(user: User) -> QuerySet[AISystem]:
    """The systems of the cases the representative is assigned to. procurement owns the
    assignment and answers through core.extensions, so waira need not import it."""
    sources = represented_ai_systems(user)
    if not sources:
        return AISystem.objects.none()
    return AISystem.objects.filter(
        reduce(or_, (Q(pk__in=systems.values("pk")) for systems in sources))
    )


def wairas_visible_to(user: User) -> QuerySet[Waira]:
    """The WAIRAs a person may read in full (staff and assigned union representatives)."""
    if not user.is_authenticated:
        return Waira.objects.none()
    return Waira.objects.filter(
        Q(organisation_id__in=organisations_where(user, SEE_ALL))
        | Q(
            organisation_id__in=organisations_where(user, {Role.UNION_REPRESENTATIVE}),
            system__in=_systems_of_assigned_cases(user),
        )
    )


def consultations_visible_to(user: User) -> QuerySet[Waira]:
    """The WAIRAs shared with a worker for consultation (they read the version shared)."""
    if not user.is_authenticated:
        return Waira.objects.none()
    return Waira.objects.filter(
        organisation_id__in=organisations_where(user, {Role.WORKER}),
        consultees__worker=user,
        state__in=CONSULTED_STATES,
    )


def can_list_wairas(user: User) -> bool:
    return bool(organisations_where(user, SEE_ALL | {Role.UNION_REPRESENTATIVE}))


def can_list_consultations(user: User) -> bool:
    return bool(organisations_where(user, {Role.WORKER}))


def is_staff_for(user: User, waira: Waira) -> bool:
    return has_role(user, waira.organisation_id, *SEE_ALL)


def is_assigned_union_representative(user: User, waira: Waira) -> bool:
    return (
        has_role(user, waira.organisation_id, Role.UNION_REPRESENTATIVE)
        and _systems_of_assigned_cases(user).filter(pk=waira.system_id).exists()
    )


def can_view_waira(user: User, waira: Waira) -> bool:
    return is_staff_for(user, waira) or is_assigned_union_representative(user, waira)


def can_create_waira(user: User, system: AISystem) -> bool:
    return has_role(user, system.organisation_id, *EDIT)


def can_edit_waira(user: User, waira: Waira) -> bool:
    """Content is written until completion; a completed WAIRA never changes."""
    return not waira.is_completed and has_role(user, waira.organisation_id, *EDIT)


def can_share_waira(user: User, waira: Waira) -> bool:
    return waira.state in (WairaState.DRAFT, WairaState.SHARED) and has_role(
        user, waira.organisation_id, *EDIT
    )


def can_run_consultation(user: User, waira: Waira) -> bool:
    """Answer concerns, record adverse aspects, conclude or reopen."""
    return waira.state in (WairaState.SHARED, WairaState.CONCLUDED) and has_role(
        user, waira.organisation_id, *EDIT
    )


def can_complete_waira(user: User, waira: Waira) -> bool:
    return waira.state == WairaState.CONCLUDED and has_role(
        user, waira.organisation_id, Role.COMMISSIONER, Role.ADMINISTRATOR
    )


def can_comment_on_waira(user: User, waira: Waira) -> bool:
    return not waira.is_completed and (
        has_role(user, waira.organisation_id, *EDIT)
        or is_assigned_union_representative(user, waira)
    )


def can_take_union_position(user: User, waira: Waira) -> bool:
    return not waira.is_completed and is_assigned_union_representative(user, waira)


def is_consultee(user: User, waira: Waira) -> bool:
    return consultations_visible_to(user).filter(pk=waira.pk).exists()


def can_raise_concern(user: User, waira: Waira) -> bool:
    return waira.state == WairaState.SHARED and is_consultee(user, waira)


def can_record_high_risk_start(user: User, system: AISystem) -> bool:
    return has_role(user, system.organisation_id, Role.COMMISSIONER, Role.ADMINISTRATOR)

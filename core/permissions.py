"""Who may do what in core. Other apps build on `has_role`, and every service and view refuses
with `require`."""

from django.core.exceptions import PermissionDenied

from core.models import Organisation, User
from core.roles import SECOND_FACTOR_ROLES, Role
from core.selectors import organisations_where, roles_of


def require(allowed: bool, message: str = "") -> None:
    """Refuse (403) unless the permission function said yes: the one check every service makes
    after locking its row, and every view makes before it renders."""
    if not allowed:
        raise PermissionDenied(message)


def has_role(user: User, organisation: Organisation | int, *roles: Role | str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(roles_of(user, organisation) & set(roles))


def can_use_admin(user: User) -> bool:
    """The Django admin is for the platform's operators (superusers) only: an organisation's
    administrators work in Llais's own pages, scoped to their organisation."""
    return user.is_active and user.is_superuser


def can_see_sweep_runs(user: User) -> bool:
    """Operators: the people who run the service (Django staff)."""
    return user.is_active and user.is_staff


# --- Administering an organisation ------------------------------------------------------------


def organisations_administered_by(user: User) -> list[int]:
    """The organisations in which `user` holds the administrator role."""
    if not user.is_authenticated or not user.is_active:
        return []
    return organisations_where(user, {Role.ADMINISTRATOR})


def can_administer_organisation(user: User, organisation: Organisation | int) -> bool:
    """Members, roles and settings of one organisation: its administrators, and nobody else
    (not even an administrator of another organisation, nor a platform operator here)."""
    return has_role(user, organisation, Role.ADMINISTRATOR)


def must_use_second_factor(user: User) -> bool:
    """Superusers and whoever holds a role of SECOND_FACTOR_ROLES in any organisation must verify
    a second factor after their password; everyone else may choose to."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(organisations_where(user, set(SECOND_FACTOR_ROLES)))

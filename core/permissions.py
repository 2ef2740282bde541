"""Who may do what in core. Other apps build on `has_role`."""

from core.models import Organisation, User
from core.roles import Role
from core.selectors import roles_of


def has_role(user: User, organisation: Organisation | int, *roles: Role | str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(roles_of(user, organisation) & set(roles))


def can_use_admin(user: User) -> bool:
    return user.is_active and user.is_staff


def can_see_sweep_runs(user: User) -> bool:
    """Operators: the people who run the service (Django staff)."""
    return can_use_admin(user)

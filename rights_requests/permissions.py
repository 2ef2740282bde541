"""Who may see and do what with rights requests and the people who answer them.

A worker sees only their own requests. Staff see their organisation's requests only with the
role the request calls for: the nominated contact explanations (s.17), competent agents
reconsiderations (s.18), administrators both. A union representative sees a request only when
the worker has shared it with them; otherwise only aggregate figures.
"""

from core.models import Organisation, User
from core.permissions import has_role
from core.roles import Role
from core.selectors import organisations_where

MANAGE_CONTACTS = {Role.ADMINISTRATOR}


def can_manage_contacts(user: User, organisation: Organisation | int) -> bool:
    return has_role(user, organisation, *MANAGE_CONTACTS)


def organisations_for_contacts(user: User) -> list[int]:
    return organisations_where(user, MANAGE_CONTACTS)

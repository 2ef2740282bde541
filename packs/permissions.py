"""Who may ask for, follow and download packs.

Staff who see every case of their organisation (commissioners, procurement officers, oversight
members, administrators) get the full pack. A union representative assigned to a case gets the
pack of that case made with what they may see, and may download only packs made that way.
A WAIRA pack follows the WAIRA page: whoever may read the WAIRA may ask for its pack.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.models import Organisation, User
from core.permissions import has_role
from core.selectors import organisations_where
from packs.models import Pack
from procurement import permissions as procurement_permissions
from procurement.models import ProcurementCase
from waira import permissions as waira_permissions
from waira.models import Waira


def scope_for_case(user: User, case: ProcurementCase) -> str | None:
    """The pack this person may have of this case, or None."""
    if has_role(user, case.organisation_id, *procurement_permissions.SEE_ALL_CASES):
        return Pack.Scope.FULL
    if procurement_permissions.is_assigned_union_representative(user, case):
        return Pack.Scope.REPRESENTATIVE
    return None


def scope_for_waira(user: User, waira: Waira) -> str | None:
    if waira_permissions.is_staff_for(user, waira):
        return Pack.Scope.FULL
    if waira_permissions.is_assigned_union_representative(user, waira):
        return Pack.Scope.REPRESENTATIVE
    return None


def can_make_case_pack(user: User, case: ProcurementCase) -> bool:
    return scope_for_case(user, case) is not None


def can_make_waira_pack(user: User, waira: Waira) -> bool:
    return scope_for_waira(user, waira) is not None


def packs_visible_to(user: User) -> QuerySet[Pack]:
    """Full packs of what the person sees in full; representatives' packs of what they are
    assigned to (a representative's pack holds less than a full one, so staff see it too)."""
    if not user.is_authenticated:
        return Pack.objects.none()
    staff_cases = procurement_permissions.cases_visible_to(user).filter(
        organisation_id__in=_staff_organisations(user)
    )
    assigned_cases = procurement_permissions.cases_visible_to(user).exclude(
        organisation_id__in=_staff_organisations(user)
    )
    wairas = waira_permissions.wairas_visible_to(user)
    staff_wairas = wairas.filter(organisation_id__in=_staff_organisations(user))
    return Pack.objects.filter(
        Q(kind=Pack.Kind.CASE, case__in=staff_cases)
        | Q(kind=Pack.Kind.CASE, case__in=assigned_cases, scope=Pack.Scope.REPRESENTATIVE)
        | Q(kind=Pack.Kind.WAIRA, waira__in=staff_wairas)
        | Q(
            kind=Pack.Kind.WAIRA,
            waira__in=wairas.exclude(pk__in=staff_wairas.values("pk")),
            scope=Pack.Scope.REPRESENTATIVE,
        )
    )


def _staff_organisations(user: User) -> list[int]:
    return organisations_where(user, procurement_permissions.SEE_ALL_CASES)


def can_view_pack(user: User, pack: Pack) -> bool:
    if pack.kind == Pack.Kind.CASE:
        assert pack.case is not None
        scope = scope_for_case(user, pack.case)
    else:
        assert pack.waira is not None
        scope = scope_for_waira(user, pack.waira)
    return scope == Pack.Scope.FULL or (scope is not None and scope == pack.scope)


def can_download_pack(user: User, pack: Pack) -> bool:
    return pack.state == Pack.State.DONE and can_view_pack(user, pack)


# --- A case as JSON (docs/case-export.md) --------------------------------------------------------
# The export is the whole record, every stage and WAIRA in full: staff who see every case of the
# organisation may have it. A union representative's scoped record is their pack; the JSON is
# for moving a case, which is the employer's act.


def can_export_case(user: User, case: ProcurementCase) -> bool:
    return has_role(user, case.organisation_id, *procurement_permissions.SEE_ALL_CASES)


def can_import_case(user: User, organisation: Organisation) -> bool:
    """Whoever may start a case in the organisation may bring one in."""
    return procurement_permissions.can_create_case(user, organisation)


def organisations_to_import_into(user: User) -> QuerySet[Organisation]:
    return procurement_permissions.organisations_for_new_case(user)

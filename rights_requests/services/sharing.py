"""A worker shares their request with a union representative of the employer (or stops)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import User
from core.permissions import has_role, require
from core.roles import Role
from rights_requests import events, permissions
from rights_requests.models import RightsRequest
from rights_requests.services._common import _locked, _record


@transaction.atomic
def rights_request_share(
    *, actor: User, request: RightsRequest, representative: User, share: bool = True
) -> None:
    """The worker shares their request with a union representative of the employer (or stops)."""
    request = _locked(request)
    require(permissions.can_share_request(actor, request))
    if share and not has_role(representative, request.organisation_id, Role.UNION_REPRESENTATIVE):
        raise ValidationError(
            {"representative": _("Choose a union representative of this employer.")}
        )
    already = request.shared_with.filter(pk=representative.pk).exists()
    if share == already:
        return
    if share:
        request.shared_with.add(representative)
    else:
        request.shared_with.remove(representative)
    event = _record(
        request,
        actor,
        "request_shared" if share else "request_unshared",
        data={"representative": representative.get_full_name() or representative.username},
    )
    if share:
        events.tell_representative(representative, event)

"""What every rights-request service shares: the locked row and the timeline event. The UK day,
the permission check and the save with its history user are core's (clock, permissions,
history)."""

from __future__ import annotations

from typing import Any

from core.models import TimelineEvent, User
from core.services import timeline_record
from rights_requests.models import RightsRequest


def _locked(request: RightsRequest) -> RightsRequest:
    return RightsRequest.objects.select_for_update().get(pk=request.pk)


def _record(
    request: RightsRequest,
    actor: User | None,
    kind: str,
    *,
    from_state: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> TimelineEvent:
    return timeline_record(
        organisation=request.organisation,
        subject=request,
        actor=actor,
        kind=kind,
        from_state=from_state,
        to_state=request.state if from_state else "",
        reason=reason,
        data=data,
    )

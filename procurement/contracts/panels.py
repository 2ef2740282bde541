"""What the contract adds to a rights request's page: the supplier's answer it waits for."""

from __future__ import annotations

from typing import Any

from core.clock import uk_today
from core.extensions import Panel, register_object_panel
from procurement.contracts.selectors import supplier_answers_for_request
from rights_requests.permissions import can_handle_request


@register_object_panel("rights_request", order=10)
def supplier_answer_panel(request: Any, rights_request: Any) -> Panel | None:
    """Staff who handle the request see when the supplier's answer is due, or since when it is
    late: the employer's 28 days do not stop for it."""
    if not can_handle_request(request.user, rights_request):
        return None
    rows = supplier_answers_for_request(rights_request.pk, uk_today())
    if not rows:
        return None
    return Panel("procurement/panels/supplier_answer.html", {"rows": rows})

"""Exemptions (s.17(5)-(7), s.18(8)-(10)): the employer claims and decides, Llais never does."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import save_with_actor
from core.models import User
from core.permissions import require
from rights_requests import events, permissions, selectors
from rights_requests.models import (
    GROUNDS_FOR_KIND,
    GROUNDS_RELYING_ON_A_RECONSIDERATION,
    ExemptionClaim,
    ExemptionDecision,
    ExemptionGround,
    RequestKind,
    RequestState,
    RightsRequest,
)
from rights_requests.services._common import _locked, _record


def _same_decision(earlier: RightsRequest, request: RightsRequest) -> bool:
    """s.17(5)(b) excuses an explanation only of a decision already reconsidered. Read in the
    worker's favour: the same decision only where both requests give its date and the dates
    agree, and neither names an AI system the other contradicts."""
    if earlier.decision_date is None or earlier.decision_date != request.decision_date:
        return False
    return (
        earlier.ai_system_id is None
        or request.ai_system_id is None
        or earlier.ai_system_id == request.ai_system_id
    )


@transaction.atomic
def exemption_claim(
    *,
    actor: User,
    request: RightsRequest,
    ground: str,
    reasons: str,
    relies_on: RightsRequest | None = None,
) -> ExemptionClaim:
    """The employer claims an exemption, with reasons. A claim that relies on an earlier request
    needs one the employer has already properly reconsidered for the same person (DUP-07,
    EXPL-EXEMPT-02); a duplicate must fall inside the look-back on at least one reading (A6)."""
    request = _locked(request)
    require(permissions.can_handle_request(actor, request))
    if request.state not in (RequestState.RECEIVED, RequestState.IN_PROGRESS):
        raise ValidationError(_("An exemption can be claimed only while a request is open."))
    if ground not in GROUNDS_FOR_KIND[RequestKind(request.kind)]:
        raise ValidationError({"ground": _("Choose a ground that applies to this request.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the employer's reasons.")})
    if ground in GROUNDS_RELYING_ON_A_RECONSIDERATION:
        candidates = selectors.reconsidered_requests_of_requester(request)
        if relies_on is None or relies_on not in candidates:
            raise ValidationError(
                {
                    "relies_on": _(
                        "Choose the earlier request of this person that was properly reconsidered."
                    )
                }
            )
        if ground == ExemptionGround.EXPL_ALREADY_RECONSIDERED and not _same_decision(
            relies_on, request
        ):
            raise ValidationError(
                {
                    "relies_on": _(
                        "Choose a reconsideration of the same decision: the date of the decision "
                        "(and the AI system, where both name one) must be the same."
                    )
                }
            )
        if ground != ExemptionGround.EXPL_ALREADY_RECONSIDERED:
            lookback = selectors.lookback_for(relies_on, request)
            if not (lookback.inside_default or lookback.inside_employer_reading):
                raise ValidationError(
                    {"relies_on": _("That request is not within the last 3 months on any reading.")}
                )
    else:
        relies_on = None
    claim = ExemptionClaim(
        request=request,
        ground=ground,
        reasons=reasons,
        relies_on=relies_on,
        claimed_by=actor,
        claimed_at=timezone.now(),
    )
    save_with_actor(claim, actor)
    before = request.state
    request.claim_exemption()
    save_with_actor(request, actor)
    _record(
        request,
        actor,
        "exemption_claimed",
        from_state=before,
        reason=reasons,
        data={"ground": ground, "relies_on": relies_on.pk if relies_on else None},
    )
    return claim


@transaction.atomic
def exemption_decide(
    *, actor: User, claim: ExemptionClaim, decision: str, reasons: str
) -> ExemptionClaim:
    """The employer's decision on its own claim, with reasons. If it applies, the request is
    refused and the worker is told why; if not, work on the request carries on."""
    request = claim.request
    request = _locked(request)
    require(permissions.can_handle_request(actor, request))
    claim = ExemptionClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.decision or request.state != RequestState.EXEMPTION_CLAIMED:
        raise ValidationError(_("This claim has been decided already."))
    if decision not in ExemptionDecision.values:
        raise ValidationError({"decision": _("Choose whether the exemption applies.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    claim.decision, claim.decision_reasons = decision, reasons
    claim.decided_by, claim.decided_at = actor, timezone.now()
    save_with_actor(claim, actor)
    before = request.state
    if decision == ExemptionDecision.APPLIES:
        request.exemption_applies()
    else:
        request.exemption_rejected()
    save_with_actor(request, actor)
    event = _record(
        request,
        actor,
        "exemption_decided",
        from_state=before,
        reason=reasons,
        data={"ground": claim.ground, "decision": decision},
    )
    if request.state == RequestState.REFUSED:
        events.tell_requester(request, event, events.REQUEST_REFUSED)
    return claim

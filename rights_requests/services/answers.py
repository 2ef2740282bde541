"""The answer: a written explanation (s.17(1), (2)) or a reconsideration's outcome (s.18(1),
(6)), issued once, in time or recorded as a failure."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import legal_time
from core.clock import uk_today
from core.history import save_with_actor
from core.i18n import Language
from core.models import User
from core.pdf import content_sha256
from core.permissions import require
from rights_requests import events, permissions
from rights_requests.competence import contact_limbs_failed
from rights_requests.models import (
    ContactKind,
    ReconsiderationOutcome,
    RequestAnswer,
    RequestKind,
    RequestState,
    RightsContact,
    RightsRequest,
)
from rights_requests.services._common import _locked, _record
from rights_requests.services.failures import _record_failure

CHECKLIST = (
    "readily_understandable",
    "personal",
    "in_writing",
    "accessible_format",
    "free_of_charge",
)

# What each unticked item of the s.17(2) checklist asks the person to do: one message per item,
# naming it, so the error summary is five different instructions, not one sentence five times.
CHECKLIST_MESSAGES = {
    "readily_understandable": gettext_lazy(
        "Confirm the explanation is readily understandable (s.17(2)(a)), or rewrite it until it is"
    ),
    "personal": gettext_lazy(
        "Confirm the explanation says how the decision affects this person (s.17(2)(b)), "
        "or add that"
    ),
    "in_writing": gettext_lazy("Confirm the explanation is in writing (s.17(2)(c))"),
    "accessible_format": gettext_lazy(
        "Confirm the explanation is in a format the person can readily use (s.17(2)(c))"
    ),
    "free_of_charge": gettext_lazy(
        "Confirm the person is not charged for the explanation (s.17(2)(d))"
    ),
}


def _welsh_flag(request: RightsRequest, text_language: str) -> bool:
    """R-CY-CORR (CY-01): English output where a worker of a body under the Welsh language
    standards asked for Welsh. Flagged, never a reason for delay."""
    return (
        request.organisation.subject_to_welsh_language_standards
        and request.language == Language.WELSH
        and text_language != Language.WELSH
    )


def _answer(
    *,
    actor: User,
    request: RightsRequest,
    text: str,
    text_language: str,
    **fields: object,
) -> RequestAnswer:
    if not text.strip():
        raise ValidationError({"text": _("Write the answer.")})
    if text_language not in Language.values:
        raise ValidationError({"text_language": _("Say which language the answer is in.")})
    answered_at = timezone.now()
    answer = RequestAnswer(
        request=request,
        text=text,
        text_language=text_language,
        answered_by=actor,
        answered_at=answered_at,
        in_time=legal_time.is_in_time(answered_at, request.due_date),
        english_where_welsh_asked=_welsh_flag(request, text_language),
        **fields,
    )
    answer.content_sha256 = content_sha256(
        {
            "request": request.pk,
            "text": text,
            "text_language": text_language,
            "answered_at": answered_at.isoformat(),
            **{name: str(value) for name, value in fields.items()},
        }
    )
    answer.full_clean(exclude=["request"])
    save_with_actor(answer, actor)
    before = request.state
    request.answer = answer
    request.answer_issued()
    save_with_actor(request, actor)
    event = _record(
        request,
        actor,
        "answer_issued",
        from_state=before,
        data={
            "in_time": answer.in_time,
            "sha256": answer.content_sha256,
            "english_where_welsh_asked": answer.english_where_welsh_asked,
            "outcome": answer.outcome,
        },
    )
    if not answer.in_time:
        # Answered after the due date: the failure happened the day after it (s.19(5)),
        # whether or not the daily sweep had already seen it.
        _record_failure(request)
    events.tell_requester(request, event, events.REQUEST_ANSWERED)
    return answer


@transaction.atomic
def explanation_issue(
    *,
    actor: User,
    request: RightsRequest,
    text: str,
    text_language: str,
    readily_understandable: bool,
    personal: bool,
    in_writing: bool,
    accessible_format: bool,
    free_of_charge: bool,
) -> RequestAnswer:
    """Issue a written explanation (s.17(1), (2)), only once every s.17(2) item is confirmed."""
    request = _locked(request)
    require(permissions.can_answer_request(actor, request))
    if request.kind != RequestKind.EXPLANATION:
        raise ValidationError(_("This is not an explanation request."))
    if not request.is_open or request.state == RequestState.EXEMPTION_CLAIMED:
        raise ValidationError(_("This request cannot be answered in its present state."))
    checks = {
        "readily_understandable": readily_understandable,
        "personal": personal,
        "in_writing": in_writing,
        "accessible_format": accessible_format,
        "free_of_charge": free_of_charge,
    }
    missing = [name for name, done in checks.items() if not done]
    if missing:
        raise ValidationError({name: str(CHECKLIST_MESSAGES[name]) for name in missing})
    return _answer(actor=actor, request=request, text=text, text_language=text_language, **checks)


def _recheck_agent(request: RightsRequest) -> None:
    """s.18(3)-(5): the agent must still be a competent agent in post when they conclude, not
    only when the reconsideration was assigned (AGENT-01, AGENT-02). The default most senior
    person keeps the warning given at assignment (AGENT-03), unless they have left the role."""
    agent = request.assigned_agent
    assert agent is not None  # can_answer_request: only the assigned agent concludes
    agent = RightsContact.objects.get(pk=agent.pk)  # as it stands now
    if agent.ended_on is not None and agent.ended_on <= uk_today():
        raise ValidationError(
            _(
                "You are no longer recorded as a competent agent: the reconsideration must be "
                "given to someone who is."
            )
        )
    failed = contact_limbs_failed(agent)
    if failed and agent.kind != ContactKind.MOST_SENIOR_PERSON:
        missing = ", ".join(str(limb.label) for limb in failed)
        raise ValidationError(
            _(
                "You no longer meet s.18(5) (not %(missing)s): record the evidence on the "
                "contacts page, or give the reconsideration to a competent agent."
            )
            % {"missing": missing}
        )


@transaction.atomic
def reconsideration_conclude(
    *,
    actor: User,
    request: RightsRequest,
    outcome: str,
    text: str,
    text_language: str,
    what_changed: str = "",
) -> RequestAnswer:
    """The competent agent's personal reconsideration and its written notification (s.18(1),
    (6)): upheld or altered, with what changed. Done and notified at the same instant, which
    must be by the due date (RECON-DUE)."""
    request = _locked(request)
    require(permissions.can_answer_request(actor, request))
    if request.kind != RequestKind.RECONSIDERATION:
        raise ValidationError(_("This is not a reconsideration request."))
    if not request.is_open or request.state == RequestState.EXEMPTION_CLAIMED:
        raise ValidationError(_("This request cannot be answered in its present state."))
    _recheck_agent(request)
    if outcome not in ReconsiderationOutcome.values:
        raise ValidationError({"outcome": _("Say whether the decision is upheld or altered.")})
    if outcome == ReconsiderationOutcome.ALTERED and not what_changed.strip():
        raise ValidationError({"what_changed": _("Say what changed in the decision.")})
    if outcome == ReconsiderationOutcome.UPHELD:
        what_changed = ""
    return _answer(
        actor=actor,
        request=request,
        text=text,
        text_language=text_language,
        outcome=outcome,
        what_changed=what_changed,
    )

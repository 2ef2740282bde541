"""Every write to a case's oversight reviews. Each service: lock, permission, state, write (with
the actor in the history), the timeline event, then who is told.

A case entering oversight gets its first review (procurement tells oversight through
core.extensions.case_moved); deciding a review schedules the next one, unless it is the
closing review. Due dates come from core.legal_time.oversight_review_due."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import legal_time
from core.clock import uk_today
from core.extensions import register_case_moved
from core.history import save_with_actor
from core.models import User
from core.permissions import require
from core.services import timeline_record
from oversight import permissions, review_events, review_selectors
from oversight.models import (
    OversightReview,
    OversightReviewAnswer,
    ReviewState,
    every_prompt_answered,
)
from procurement.models import ProcurementCase
from procurement.stages import Stage
from registers.services import register_cache_invalidate

SIGN_OFF = "sign_off"
DISSENT = "dissent"


def _locked(review: OversightReview) -> OversightReview:
    return (
        OversightReview.objects.select_for_update()
        .select_related("case", "case__commissioner", "organisation")
        .get(pk=review.pk)
    )


def _open(
    case: ProcurementCase, *, number: int, today: date, actor: User | None
) -> OversightReview:
    wairas = review_selectors.next_wairas_due(case, today)
    review = OversightReview(
        organisation_id=case.organisation_id,
        case=case,
        number=number,
        opened_on=today,
        due_on=legal_time.oversight_review_due(today, wairas),
    )
    save_with_actor(review, actor)
    timeline_record(
        organisation=case.organisation,
        subject=review,
        actor=actor,
        kind="oversight_review_opened",
        to_state=review.state,
        data={"case": case.pk, "number": number, "due_on": review.due_on.isoformat()},
    )
    return review


@register_case_moved
def review_open_first(case: ProcurementCase, actor: User | None) -> OversightReview | None:
    """A case that has entered oversight gets its first review, once (idempotent: called from
    procurement's move, inside its transaction, and by the nightly sweep for a case that
    entered oversight before reviews existed)."""
    if case.stage != Stage.OVERSIGHT or OversightReview.objects.filter(case=case).exists():
        return None
    return _open(case, number=1, today=uk_today(), actor=actor)


def _closing_errors(review: OversightReview, closing: bool, today: date) -> dict[str, str]:
    if closing and review_selectors.systems_still_in_use(review.case, today):
        return {
            "closing": _(
                "A review can be the closing review only once the use of every AI system of "
                "the case has ended: record the end of use on each system first."
            )
        }
    return {}


@transaction.atomic
def review_answer(
    *,
    actor: User,
    review: OversightReview,
    answers: dict[int, str],
    what_has_changed: str,
    closing: bool = False,
) -> OversightReview:
    """Save a review's answers (a prompt left blank has no answer yet)."""
    review = _locked(review)
    require(permissions.can_edit_review(actor, review))
    errors = _closing_errors(review, closing, uk_today())
    if errors:
        raise ValidationError(errors)
    for prompt in review_selectors.stage_five_prompts():
        text = answers.get(prompt.pk, "").strip()
        if text:
            answer, _created = OversightReviewAnswer.objects.get_or_create(
                review=review, prompt=prompt, defaults={"text": text, "answered_by": actor}
            )
            if answer.text != text:
                answer.text = text
                answer.answered_by = actor
                save_with_actor(answer, actor)
        else:
            OversightReviewAnswer.objects.filter(review=review, prompt=prompt).delete()
    review.what_has_changed = what_has_changed.strip()
    review.closing = closing
    save_with_actor(review, actor)
    timeline_record(
        organisation=review.organisation,
        subject=review,
        actor=actor,
        kind="oversight_review_answered",
        data={"case": review.case_id, "number": review.number},
    )
    return review


@transaction.atomic
def review_submit(*, actor: User, review: OversightReview) -> OversightReview:
    """Send a review to the case's union representatives for sign-off or dissent."""
    review = _locked(review)
    require(permissions.can_edit_review(actor, review))
    if not every_prompt_answered(review):
        raise ValidationError(
            _(
                "Answer every prompt and say what has changed since the previous review before "
                "you submit it."
            )
        )
    errors = _closing_errors(review, review.closing, uk_today())
    if errors:
        raise ValidationError(list(errors.values()))
    review.submit()
    review.submitted_at = timezone.now()
    review.submitted_by = actor
    save_with_actor(review, actor)
    event = timeline_record(
        organisation=review.organisation,
        subject=review,
        actor=actor,
        kind="oversight_review_submitted",
        from_state=ReviewState.OPEN,
        to_state=review.state,
        data={"case": review.case_id, "number": review.number},
    )
    review_events.tell_sign_off_wanted(review, event)
    return review


@transaction.atomic
def review_decide(
    *, actor: User, review: OversightReview, kind: str, reason: str = ""
) -> OversightReview:
    """A union representative signs off a submitted review or records dissent with a reason.
    Either completes it; the next review is then scheduled, unless this one is closing."""
    review = _locked(review)
    require(permissions.can_decide_review(actor, review))
    reason = reason.strip()
    if kind not in (SIGN_OFF, DISSENT):
        raise ValidationError({"kind": _("Choose to sign off or to record dissent.")})
    if kind == DISSENT and not reason:
        raise ValidationError({"reason": _("Say why you dissent: it stays on the record.")})
    source = review.state
    if kind == SIGN_OFF:
        review.sign_off()
    else:
        review.dissent()
    review.decided_at = timezone.now()
    review.decided_by = actor
    review.decision_reason = reason
    save_with_actor(review, actor)
    event = timeline_record(
        organisation=review.organisation,
        subject=review,
        actor=actor,
        kind=f"oversight_review_{review.state}",
        from_state=source,
        to_state=review.state,
        reason=reason,
        data={"case": review.case_id, "number": review.number},
    )
    review_events.tell_decided(review, event, dissent=kind == DISSENT)
    register_cache_invalidate()  # a register entry gives its systems' last decided review
    if not review.closing and review.case.stage == Stage.OVERSIGHT:
        _open(review.case, number=review.number + 1, today=uk_today(), actor=None)
    return review

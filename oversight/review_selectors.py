"""Reads of a case's oversight reviews: its reviews, the prompts each one answers, and the
previous review's answers carried forward beside them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from core.extensions import register_closing_review_decided
from oversight.models import (
    DECIDED_REVIEW_STATES,
    UNFINISHED_REVIEW_STATES,
    OversightReview,
    OversightReviewAnswer,
)
from procurement.models import DiscussionPrompt, ProcurementCase, PromptResponse
from procurement.stages import Stage
from registers.models import AISystem


def stage_five_prompts() -> list[DiscussionPrompt]:
    """The toolkit's stage-5 prompts a review answers (the carry-forward prompt is answered by
    the review's "what has changed")."""
    return list(
        DiscussionPrompt.objects.filter(stage=Stage.OVERSIGHT, is_carry_forward=False).order_by(
            "order"
        )
    )


def reviews_of(reviews: QuerySet[OversightReview], case: ProcurementCase) -> list[OversightReview]:
    """The case's reviews, the current one first."""
    return list(reviews.filter(case=case).order_by("-number"))


def unfinished_review_of(case: ProcurementCase) -> OversightReview | None:
    return OversightReview.objects.filter(case=case, state__in=UNFINISHED_REVIEW_STATES).first()


def previous_review(review: OversightReview) -> OversightReview | None:
    return OversightReview.objects.filter(case_id=review.case_id, number__lt=review.number).first()


@dataclass(frozen=True)
class ReviewPrompt:
    prompt: DiscussionPrompt
    answer: str  # this review's answer, or ""
    carried_forward: str  # the previous review's answer (the stage-5 pass for the first)


def review_prompts(review: OversightReview) -> list[ReviewPrompt]:
    """Each stage-5 prompt with this review's answer and the one carried forward: three
    queries."""
    answers = dict(
        OversightReviewAnswer.objects.filter(review=review).values_list("prompt_id", "text")
    )
    previous = previous_review(review)
    if previous is not None:
        carried = dict(
            OversightReviewAnswer.objects.filter(review=previous).values_list("prompt_id", "text")
        )
    else:
        carried = dict(
            PromptResponse.objects.filter(
                case_id=review.case_id, prompt__stage=Stage.OVERSIGHT, not_applicable=False
            ).values_list("prompt_id", "agreed_position")
        )
    return [
        ReviewPrompt(prompt, answers.get(prompt.pk, ""), carried.get(prompt.pk, ""))
        for prompt in stage_five_prompts()
    ]


def systems_still_in_use(case: ProcurementCase, today: date) -> list[AISystem]:
    """The case's systems whose use has not ended by `today` (the closing rule's fact)."""
    return [
        system
        for system in AISystem.objects.filter(procurement_cases=case).order_by("name", "pk")
        if system.end_of_use is None or system.end_of_use > today
    ]


def next_wairas_due(case: ProcurementCase, today: date) -> list[date]:
    """The next WAIRA due dates of the case's systems still in use (what a review aligns with)."""
    return [
        system.waira_next_due
        for system in systems_still_in_use(case, today)
        if system.waira_next_due is not None
    ]


@register_closing_review_decided
def closing_review_decided() -> Exists:
    """For procurement's closing gate: the case (OuterRef("pk")) has a decided closing review."""
    return Exists(
        OversightReview.objects.filter(
            case=OuterRef("pk"), closing=True, state__in=DECIDED_REVIEW_STATES
        )
    )


def unfinished_reviews_of_cases(cases: QuerySet[ProcurementCase]) -> list[OversightReview]:
    """The open and submitted reviews of `cases`, soonest due first (the oversight dashboard's
    list): one query."""
    return list(
        OversightReview.objects.filter(
            case__in=cases.values("pk"), state__in=UNFINISHED_REVIEW_STATES
        )
        .select_related("case")
        .order_by("due_on", "pk")
    )

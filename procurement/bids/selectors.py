"""Reads of the bid assessment (ADR 0017), with blind scoring: a panel member sees only their own
scores until every scoring member has submitted; then the panel and the bid staff see them all."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from core.models import User
from procurement import permissions
from procurement.bids_models import (
    SCORE_MAX,
    Award,
    Bid,
    BidAssessment,
    Dissent,
    Moderation,
    PanelMember,
    Score,
)
from procurement.models import ProcurementCase, TenderQuestion

TWO_PLACES = Decimal("0.01")


def bids_for(case: ProcurementCase) -> QuerySet[Bid]:
    return Bid.objects.filter(case=case).select_related("supplier")


def panel_for(case: ProcurementCase) -> QuerySet[PanelMember]:
    return PanelMember.objects.filter(case=case).select_related("person")


def questions_for(case: ProcurementCase) -> QuerySet[TenderQuestion]:
    return TenderQuestion.objects.filter(case=case)


def assessment_for(case: ProcurementCase) -> BidAssessment | None:
    return BidAssessment.objects.filter(case=case).first()


def scorers(case: ProcurementCase) -> list[PanelMember]:
    return [member for member in panel_for(case) if member.scores_bids]


def all_submitted(case: ProcurementCase) -> bool:
    """Every scoring member has submitted (and scoring has opened, and someone scores)."""
    if assessment_for(case) is None:
        return False
    members = scorers(case)
    return bool(members) and all(member.submitted_at is not None for member in members)


def can_see_all_scores(user: User, case: ProcurementCase) -> bool:
    return permissions.can_view_bids(user, case) and all_submitted(case)


def scores_visible_to(user: User, case: ProcurementCase) -> QuerySet[Score]:
    """Blind scoring: the user's own scores, and everyone's only once all have submitted."""
    scores = Score.objects.filter(bid__case=case).select_related(
        "member__person", "bid__supplier", "question"
    )
    if can_see_all_scores(user, case):
        return scores
    if not user.is_authenticated:
        return scores.none()
    return scores.filter(member__person=user)


def moderations_for(case: ProcurementCase) -> QuerySet[Moderation]:
    return Moderation.objects.filter(bid__case=case).select_related("bid__supplier", "question")


def dissents_for(case: ProcurementCase) -> QuerySet[Dissent]:
    return Dissent.objects.filter(member__case=case).select_related("member__person")


def award_for_case(case: ProcurementCase) -> Award | None:
    """The case's award, with the winning bid and supplier, or None (for OCDS and the case)."""
    return Award.objects.filter(case=case).select_related("bid__supplier", "decided_by").first()


@dataclass(frozen=True)
class TotalLine:
    question: TenderQuestion
    weight: int
    agreed: int | None
    points: Decimal | None  # agreed / SCORE_MAX x weight

    @property
    def formula(self) -> str:
        if self.agreed is None or self.points is None:
            return ""
        return f"{self.agreed}/{SCORE_MAX} \u00d7 {self.weight} = {self.points}"


@dataclass(frozen=True)
class BidTotal:
    bid: Bid
    lines: tuple[TotalLine, ...]

    @property
    def complete(self) -> bool:
        return all(line.points is not None for line in self.lines)

    @property
    def total(self) -> Decimal:
        return sum(
            (line.points for line in self.lines if line.points is not None), Decimal("0.00")
        ).quantize(TWO_PLACES)

    @property
    def formula(self) -> str:
        return " + ".join(str(line.points) for line in self.lines if line.points is not None)


def weighted_totals(case: ProcurementCase) -> list[BidTotal]:
    """Each bid's weighted total out of 100: the sum over questions of the agreed score over
    SCORE_MAX times the question's weighting (which sum to 100), to two places."""
    questions = list(questions_for(case))
    agreed = {(m.bid_id, m.question_id): m.agreed_score for m in moderations_for(case)}
    totals = []
    for bid in bids_for(case):
        lines = []
        for question in questions:
            score = agreed.get((bid.pk, question.pk))
            points = (
                None
                if score is None
                else (Decimal(score) * Decimal(question.weight) / Decimal(SCORE_MAX)).quantize(
                    TWO_PLACES
                )
            )
            lines.append(TotalLine(question, question.weight, score, points))
        totals.append(BidTotal(bid, tuple(lines)))
    return sorted(totals, key=lambda item: (-item.total, item.bid.supplier.name))


def fully_moderated(case: ProcurementCase) -> bool:
    bids = bids_for(case).count()
    questions = questions_for(case).count()
    return bool(bids and questions) and moderations_for(case).count() == bids * questions

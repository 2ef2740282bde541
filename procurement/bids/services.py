"""Writes of the bid assessment (issue 18, ADR 0017). Each service: lock the case, permission,
state, write, timeline, then tell whoever must act next."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.history import save_with_actor
from core.models import User
from core.permissions import has_role, require
from core.roles import Role
from core.services import timeline_record
from procurement import events, permissions
from procurement.bids import selectors
from procurement.bids_models import (
    SCORE_MAX,
    Award,
    Bid,
    BidAssessment,
    Dissent,
    Moderation,
    PanelMember,
    Score,
    Supplier,
)
from procurement.models import ProcurementCase, TenderQuestion


def _lock(case: ProcurementCase) -> ProcurementCase:
    return ProcurementCase.objects.select_for_update().get(pk=case.pk)


def _scoring_open(case: ProcurementCase) -> bool:
    return BidAssessment.objects.filter(case=case).exists()


@transaction.atomic
def bid_record(
    *,
    actor: User,
    case: ProcurementCase,
    supplier_name: str,
    companies_house_number: str,
    received_on: datetime.date,
    summary: str,
) -> Bid:
    """Record a bid; the supplier is found by its Companies House number in the organisation,
    or added."""
    case = _lock(case)
    require(permissions.can_manage_bid_assessment(actor, case))
    if _scoring_open(case):
        raise ValidationError(
            {"supplier_name": _("Scoring has opened: no more bids can be added.")}
        )
    number = companies_house_number.strip().upper()
    supplier = Supplier.objects.filter(
        organisation=case.organisation, companies_house_number=number
    ).first()
    if supplier is None:
        supplier = Supplier(
            organisation=case.organisation,
            name=supplier_name.strip(),
            companies_house_number=number,
        )
        supplier.full_clean()
        save_with_actor(supplier, actor)
    if Bid.objects.filter(case=case, supplier=supplier).exists():
        raise ValidationError(
            {"companies_house_number": _("This supplier's bid is already recorded.")}
        )
    bid = Bid(
        case=case, supplier=supplier, received_on=received_on, summary=summary, recorded_by=actor
    )
    bid.full_clean()
    save_with_actor(bid, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="bid_recorded",
        data={"bid": bid.pk, "supplier": supplier.name},
    )
    return bid


@transaction.atomic
def panel_member_add(
    *, actor: User, case: ProcurementCase, person: User, panel_role: str
) -> PanelMember:
    case = _lock(case)
    require(permissions.can_manage_bid_assessment(actor, case))
    if _scoring_open(case):
        raise ValidationError({"person": _("Scoring has opened: the panel is fixed.")})
    if not has_role(person, case.organisation_id, *Role.values):
        raise ValidationError({"person": _("Choose a person from this organisation.")})
    if PanelMember.objects.filter(case=case, person=person).exists():
        raise ValidationError({"person": _("This person is already on the panel.")})
    member = PanelMember(case=case, person=person, panel_role=panel_role, added_by=actor)
    member.full_clean()
    save_with_actor(member, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="panel_member_added",
        data={"member": member.pk, "role": panel_role},
    )
    return member


@transaction.atomic
def conflict_declare(
    *, actor: User, member: PanelMember, has_conflict: bool, conflict: str = ""
) -> PanelMember:
    case = _lock(member.case)
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    require(permissions.can_declare_conflict(actor, member))
    if has_conflict and not conflict.strip():
        raise ValidationError(
            {"conflict": _("Describe the conflict of interest: it stays on the record.")}
        )
    if has_conflict and _scoring_open(case):
        # Standing aside after scoring opened is recorded; their scores are not counted.
        Score.objects.filter(member=member).delete()
    member.has_conflict = has_conflict
    member.conflict = conflict.strip() if has_conflict else ""
    member.conflict_declared_at = timezone.now()
    member.full_clean()
    save_with_actor(member, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="panel_conflict_declared",
        reason=member.conflict,
        data={"member": member.pk, "has_conflict": has_conflict},
    )
    return member


def scoring_blockers(case: ProcurementCase) -> list[str]:
    """What stops scoring opening, in words (empty when it can open)."""
    blockers = []
    questions = list(selectors.questions_for(case))
    if not questions:
        blockers.append(_("Add the tender questions."))
    elif sum(question.weight for question in questions) != 100:
        blockers.append(_("Make the tender questions' weightings add up to 100."))
    latest = case.weighting_decisions.order_by("-decided_at", "-id").first()
    if latest is None or latest.kind != "sign_off":
        blockers.append(_("A union representative must sign off the questions and weightings."))
    if not selectors.bids_for(case).exists():
        blockers.append(_("Record at least one bid."))
    panel = list(selectors.panel_for(case))
    if any(member.conflict_declared_at is None for member in panel):
        blockers.append(_("Every panel member must declare their conflicts of interest."))
    if not any(member.is_worker_voice and member.scores_bids for member in panel):
        blockers.append(
            _(
                "The panel must include at least one worker or union representative with no "
                "conflict of interest."
            )
        )
    return blockers


@transaction.atomic
def scoring_open(*, actor: User, case: ProcurementCase) -> BidAssessment:
    case = _lock(case)
    require(permissions.can_manage_bid_assessment(actor, case))
    if _scoring_open(case):
        raise ValidationError(_("Scoring is already open."))
    blockers = scoring_blockers(case)
    if blockers:
        raise ValidationError(blockers)
    assessment = BidAssessment(case=case, scoring_opened_at=timezone.now(), opened_by=actor)
    save_with_actor(assessment, actor)
    event = timeline_record(
        organisation=case.organisation, subject=case, actor=actor, kind="bid_scoring_opened"
    )
    events.tell_scoring_opened(event, [member.person for member in selectors.scorers(case)])
    return assessment


@transaction.atomic
def scores_save(
    *,
    actor: User,
    bid: Bid,
    scores: Mapping[int, tuple[int, str]],
) -> list[Score]:
    """Save the actor's own scores (question id -> (score, comment)) for one bid."""
    case = _lock(bid.case)
    require(permissions.can_score_bids(actor, case))
    member = PanelMember.objects.get(case=case, person=actor)
    questions = {question.pk: question for question in selectors.questions_for(case)}
    errors = {}
    for question_id, (score, _comment) in scores.items():
        if question_id not in questions:
            errors[f"score_{question_id}"] = _("Score only this case's questions.")
        elif not 0 <= score <= SCORE_MAX:
            errors[f"score_{question_id}"] = _("Enter a score from 0 to %(max)s.") % {
                "max": SCORE_MAX
            }
    if errors:
        raise ValidationError(errors)
    saved = []
    for question_id, (score, comment) in scores.items():
        row, _created = Score.objects.update_or_create(
            member=member,
            bid=bid,
            question=questions[question_id],
            defaults={"score": score, "comment": comment},
        )
        saved.append(row)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="bid_scores_saved",
        data={"bid": bid.pk, "member": member.pk},
    )
    return saved


@transaction.atomic
def scores_submit(*, actor: User, case: ProcurementCase) -> PanelMember:
    """Submit all one's scores; once every scoring member has, the commissioner is told."""
    case = _lock(case)
    require(permissions.can_score_bids(actor, case))
    member = PanelMember.objects.select_for_update().get(case=case, person=actor)
    expected = selectors.bids_for(case).count() * selectors.questions_for(case).count()
    if Score.objects.filter(member=member).count() < expected:
        raise ValidationError(_("Score every question for every bid before you submit."))
    member.submitted_at = timezone.now()
    save_with_actor(member, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="bid_scores_submitted",
        data={"member": member.pk},
    )
    if selectors.all_submitted(case):
        event = timeline_record(
            organisation=case.organisation,
            subject=case,
            actor=None,
            kind="bid_scoring_complete",
        )
        events.tell_all_scored(event, case)
    return member


@transaction.atomic
def moderation_record(
    *,
    actor: User,
    bid: Bid,
    question: TenderQuestion,
    agreed_score: int,
    reason: str = "",
) -> Moderation:
    """The agreed score; a reason is needed when it differs from any member's own score."""
    case = _lock(bid.case)
    require(permissions.can_manage_bid_assessment(actor, case))
    if question.case_id != case.pk:
        raise ValidationError({"agreed_score": _("Moderate only this case's questions.")})
    if not selectors.all_submitted(case):
        raise ValidationError(
            _("Moderation opens once every panel member has submitted their scores.")
        )
    if Award.objects.filter(case=case).exists():
        raise ValidationError(_("The award is recorded: the scores are final."))
    if not 0 <= agreed_score <= SCORE_MAX:
        raise ValidationError(
            {"agreed_score": _("Enter a score from 0 to %(max)s.") % {"max": SCORE_MAX}}
        )
    individual = set(
        Score.objects.filter(bid=bid, question=question).values_list("score", flat=True)
    )
    if individual != {agreed_score} and not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "The agreed score differs from a member's own score: give the reason for "
                    "the change."
                )
            }
        )
    moderation = Moderation.objects.filter(bid=bid, question=question).first() or Moderation(
        bid=bid, question=question
    )
    moderation.agreed_score = agreed_score
    moderation.reason = reason.strip()
    moderation.moderated_by = actor
    save_with_actor(moderation, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="bid_moderated",
        reason=moderation.reason,
        data={"bid": bid.pk, "question": question.pk, "agreed": agreed_score},
    )
    return moderation


@transaction.atomic
def award_record(
    *,
    actor: User,
    case: ProcurementCase,
    bid: Bid,
    decided_on: datetime.date,
    reasons: str,
) -> Award:
    case = _lock(case)
    require(permissions.can_manage_bid_assessment(actor, case))
    if bid.case_id != case.pk:
        raise ValidationError({"bid": _("Choose a bid made on this case.")})
    if Award.objects.filter(case=case).exists():
        raise ValidationError(_("The award is already recorded."))
    if not selectors.fully_moderated(case):
        raise ValidationError(
            _("Moderate every question for every bid before recording the award.")
        )
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the award.")})
    award = Award(
        case=case, bid=bid, decided_on=decided_on, reasons=reasons.strip(), decided_by=actor
    )
    award.full_clean()
    save_with_actor(award, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="award_recorded",
        reason=award.reasons,
        data={"bid": bid.pk, "supplier": bid.supplier.name},
    )
    return award


@transaction.atomic
def dissent_record(*, actor: User, case: ProcurementCase, text: str) -> Dissent:
    case = _lock(case)
    require(permissions.can_record_bid_dissent(actor, case))
    if not text.strip():
        raise ValidationError({"text": _("Write your dissent: it stays on the record.")})
    member = PanelMember.objects.get(case=case, person=actor)
    dissent = Dissent(member=member, text=text.strip())
    save_with_actor(dissent, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="bid_dissent_recorded",
        reason=dissent.text,
        data={"member": member.pk},
    )
    return dissent

"""Writes of the tender stage (issue 18): the specification's requirements, the tender
questions and their weightings. Each service: lock,
permission, state, write, timeline."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import save_with_actor
from core.models import User
from core.permissions import require
from core.services import timeline_record
from procurement import permissions
from procurement.models import (
    EngagementActivity,
    ProcurementCase,
    Requirement,
    TenderQuestion,
    WeightingDecision,
)
from procurement.toolkit_content import SUPPLIER_QUESTIONS


def _check_requirement(
    case: ProcurementCase,
    *,
    activity: EngagementActivity | None,
    concern: str,
    status: str,
    dispute: str,
) -> None:
    errors: dict[str, str] = {}
    if activity is not None and activity.case_id != case.pk:
        errors["activity"] = _("Choose an engagement recorded on this case.")
    if activity is None and not concern.strip():
        errors["concern"] = _(
            "Choose the engagement this requirement answers, or write the concern it answers."
        )
    if status == Requirement.Status.DISPUTED and not dispute.strip():
        errors["dispute"] = _("Say what is disputed and by whom: it stays on the record.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def requirement_create(
    *,
    actor: User,
    case: ProcurementCase,
    kind: str,
    text: str,
    proposed_by: str,
    activity: EngagementActivity | None = None,
    concern: str = "",
    status: str = Requirement.Status.AGREED,
    dispute: str = "",
) -> Requirement:
    case = ProcurementCase.objects.select_for_update().get(pk=case.pk)
    require(permissions.can_edit_specification(actor, case))
    _check_requirement(case, activity=activity, concern=concern, status=status, dispute=dispute)
    requirement = Requirement(
        case=case,
        kind=kind,
        text=text,
        proposed_by=proposed_by,
        activity=activity,
        concern=concern,
        status=status,
        dispute=dispute if status == Requirement.Status.DISPUTED else "",
        recorded_by=actor,
    )
    requirement.full_clean()
    save_with_actor(requirement, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="requirement_added",
        data={"requirement": requirement.pk, "kind": kind, "status": status},
    )
    return requirement


@transaction.atomic
def requirement_update(
    *,
    actor: User,
    requirement: Requirement,
    kind: str,
    text: str,
    proposed_by: str,
    activity: EngagementActivity | None = None,
    concern: str = "",
    status: str = Requirement.Status.AGREED,
    dispute: str = "",
) -> Requirement:
    case = ProcurementCase.objects.select_for_update().get(pk=requirement.case_id)
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    require(permissions.can_edit_specification(actor, case))
    _check_requirement(case, activity=activity, concern=concern, status=status, dispute=dispute)
    previous_status = requirement.status
    requirement.kind, requirement.text, requirement.proposed_by = kind, text, proposed_by
    requirement.activity, requirement.concern = activity, concern
    requirement.status = status
    requirement.dispute = dispute if status == Requirement.Status.DISPUTED else ""
    requirement.full_clean()
    save_with_actor(requirement, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="requirement_changed",
        from_state=previous_status,
        to_state=status,
        reason=requirement.dispute,
        data={"requirement": requirement.pk},
    )
    return requirement


# --- Tender questions and weightings -------------------------------------------------------------

WEIGHT_TOTAL = 100


def _weights(case: ProcurementCase) -> dict[str, int]:
    return {str(pk): weight for pk, weight in case.tender_questions.values_list("pk", "weight")}


def _signed_off(case: ProcurementCase) -> bool:
    latest = case.weighting_decisions.order_by("-decided_at", "-id").first()
    return latest is not None and latest.kind == WeightingDecision.Kind.SIGN_OFF


def _record_change(case: ProcurementCase, actor: User, reason: str) -> None:
    """A change to a signed-off table needs a reason, and asks the union to sign off again."""
    if not _signed_off(case):
        return
    if not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "The union has signed off this table: say why it is changing. They will "
                    "be asked to sign it off again."
                )
            }
        )
    WeightingDecision.objects.create(
        case=case,
        kind=WeightingDecision.Kind.CHANGE,
        reason=reason,
        weights=_weights(case),
        decided_by=actor,
    )
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="weightings_changed_after_sign_off",
        reason=reason,
    )


@transaction.atomic
def questions_offer_toolkit(*, actor: User, case: ProcurementCase, reason: str = "") -> int:
    """Add the toolkit's supplier questions the case does not have yet; returns how many."""
    case = ProcurementCase.objects.select_for_update().get(pk=case.pk)
    require(permissions.can_edit_tender_questions(actor, case))
    present = set(case.tender_questions.values_list("toolkit_key", flat=True))
    missing = [row for row in SUPPLIER_QUESTIONS if row[0] not in present]
    if not missing:
        return 0
    _record_change(case, actor, reason)
    start = case.tender_questions.count()
    for index, (key, english, welsh) in enumerate(missing):
        question = TenderQuestion(
            case=case, toolkit_key=key, text_en=english, text_cy=welsh, order=start + index
        )
        save_with_actor(question, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="tender_questions_added",
        data={"count": len(missing)},
    )
    return len(missing)


@transaction.atomic
def question_create(
    *,
    actor: User,
    case: ProcurementCase,
    text_en: str,
    text_cy: str = "",
    requirements: Iterable[Requirement] = (),
    reason: str = "",
) -> TenderQuestion:
    case = ProcurementCase.objects.select_for_update().get(pk=case.pk)
    require(permissions.can_edit_tender_questions(actor, case))
    chosen = list(requirements)
    if any(requirement.case_id != case.pk for requirement in chosen):
        raise ValidationError({"requirements": _("Choose requirements of this case.")})
    _record_change(case, actor, reason)
    question = TenderQuestion(
        case=case, text_en=text_en, text_cy=text_cy, order=case.tender_questions.count()
    )
    question.full_clean()
    save_with_actor(question, actor)
    question.requirements.set(chosen)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="tender_questions_added",
        data={"count": 1},
    )
    return question


@transaction.atomic
def question_link_requirements(
    *,
    actor: User,
    question: TenderQuestion,
    requirements: Iterable[Requirement],
    reason: str = "",
) -> TenderQuestion:
    case = ProcurementCase.objects.select_for_update().get(pk=question.case_id)
    require(permissions.can_edit_tender_questions(actor, case))
    chosen = list(requirements)
    if any(requirement.case_id != case.pk for requirement in chosen):
        raise ValidationError({"requirements": _("Choose requirements of this case.")})
    _record_change(case, actor, reason)
    question.requirements.set(chosen)
    return question


@transaction.atomic
def weights_set(
    *, actor: User, case: ProcurementCase, weights: dict[int, int], reason: str = ""
) -> None:
    """Set every question's weighting at once: each 0 to 100, together exactly 100."""
    case = ProcurementCase.objects.select_for_update().get(pk=case.pk)
    require(permissions.can_edit_tender_questions(actor, case))
    questions = {question.pk: question for question in case.tender_questions.select_for_update()}
    if set(weights) != set(questions):
        raise ValidationError(_("Give a weighting for every question of this case."))
    if any(not 0 <= weight <= WEIGHT_TOTAL for weight in weights.values()):
        raise ValidationError({"weights": _("Each weighting must be between 0 and 100.")})
    total = sum(weights.values())
    if total != WEIGHT_TOTAL:
        raise ValidationError(
            {
                "weights": _(
                    "The weightings add up to %(total)s. Change them so they add up to exactly 100."
                )
                % {"total": total}
            }
        )
    if all(questions[pk].weight == weight for pk, weight in weights.items()):
        return
    _record_change(case, actor, reason)
    for pk, weight in weights.items():
        question = questions[pk]
        if question.weight != weight:
            question.weight = weight
            save_with_actor(question, actor)
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="weightings_set",
        data={"weights": {str(pk): weight for pk, weight in weights.items()}},
    )


@transaction.atomic
def weightings_sign_off(*, actor: User, case: ProcurementCase, comment: str = "") -> None:
    """A union representative signs off the question table as it stands."""
    case = ProcurementCase.objects.select_for_update().get(pk=case.pk)
    require(permissions.can_sign_off_weightings(actor, case))
    weights = _weights(case)
    if not weights or sum(weights.values()) != WEIGHT_TOTAL:
        raise ValidationError(
            _("The table can be signed off once its weightings add up to exactly 100.")
        )
    if _signed_off(case):
        raise ValidationError(_("The table is already signed off."))
    WeightingDecision.objects.create(
        case=case,
        kind=WeightingDecision.Kind.SIGN_OFF,
        reason=comment,
        weights=weights,
        decided_by=actor,
    )
    timeline_record(
        organisation=case.organisation,
        subject=case,
        actor=actor,
        kind="weightings_signed_off",
        reason=comment,
    )

"""Every write to a failure after the sweep opened it: the steps taken to get the employer to
comply (s.19(6)(a)), the chaser letters drafted from them, and the worker's ACAS early
conciliation dates (s.19(4), R-ET-ACAS). Lock, permission, state, write, timeline."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accountability import permissions
from accountability.models import ChaserLetter, Failure, StepTaken
from accountability.presenters import what_happened
from core import legal_time
from core.clock import uk_today
from core.history import save_with_actor
from core.i18n import Language
from core.models import User
from core.permissions import require
from core.services import timeline_record


def _locked(failure: Failure) -> Failure:
    return (
        Failure.objects.select_for_update(of=("self",))
        .select_related("organisation", "system", "request")
        .get(pk=failure.pk)
    )


@transaction.atomic
def step_taken_record(
    *, actor: User, failure: Failure, taken_on: date, description: str
) -> StepTaken:
    """A step the worker or their union representative took to get the employer to comply
    without a claim (s.19(6)(a), R-ET-JE). Dated when it was taken, never in the future."""
    failure = _locked(failure)
    require(permissions.can_act_on_failure(actor, failure))
    if taken_on > uk_today():
        raise ValidationError({"taken_on": _("The date of the step must be today or in the past.")})
    if not description.strip():
        raise ValidationError({"description": _("Say what was done, by whom and to whom.")})
    step = StepTaken.objects.create(
        failure=failure, taken_on=taken_on, description=description.strip(), recorded_by=actor
    )
    timeline_record(
        organisation=failure.organisation,
        subject=failure,
        actor=actor,
        kind="failure_step_recorded",
        data={"taken_on": taken_on.isoformat()},
    )
    return step


def _letter_text(failure: Failure, *, language: str, sender_name: str, dated: date) -> str:
    steps = list(failure.steps.all())
    with translation.override(language):
        return render_to_string(
            "accountability/letters/chaser.txt",
            {
                "failure": failure,
                "what_happened": what_happened(failure),
                "obligation": failure.get_obligation_display(),
                "steps": steps,
                "sender_name": sender_name,
                "dated": dated,
                "reply_by": legal_time.add_days(dated, 14),
            },
        ).strip()


@transaction.atomic
def chaser_letter_draft(
    *, actor: User, failure: Failure, language: str, sender_name: str
) -> ChaserLetter:
    """Llais drafts a dated letter asking the employer to comply, in English or Welsh, from the
    failure and the steps recorded so far; it is kept as written (s.19(6)(a))."""
    failure = _locked(failure)
    require(permissions.can_act_on_failure(actor, failure))
    if language not in Language.values:
        raise ValidationError({"language": _("Choose English or Welsh.")})
    if not sender_name.strip():
        raise ValidationError({"sender_name": _("Enter the name the letter is signed with.")})
    dated = uk_today()
    letter = ChaserLetter.objects.create(
        failure=failure,
        language=language,
        dated=dated,
        sender_name=sender_name.strip(),
        body=_letter_text(failure, language=language, sender_name=sender_name.strip(), dated=dated),
        written_by=actor,
    )
    timeline_record(
        organisation=failure.organisation,
        subject=failure,
        actor=actor,
        kind="failure_letter_drafted",
        data={"language": language, "dated": dated.isoformat()},
    )
    return letter


@transaction.atomic
def failure_record_early_conciliation(
    *, actor: User, failure: Failure, day_a: date | None, day_b: date | None
) -> Failure:
    """ACAS early conciliation (s.19(4), ERA s.207B, R-ET-ACAS): Day A and Day B give the
    extended dates, kept beside the unextended ones, which stay the safe date to file (A14)."""
    failure = _locked(failure)
    require(permissions.can_act_on_failure(actor, failure))
    if (day_a is None) != (day_b is None):
        raise ValidationError(_("Enter both Day A and Day B, or neither."))
    if day_b is not None and day_b > uk_today():
        raise ValidationError({"day_b": _("Day B cannot be in the future.")})
    if day_a is not None and day_b is not None and day_b < day_a:
        raise ValidationError({"day_b": _("Day B cannot be before Day A.")})
    failure.day_a, failure.day_b = day_a, day_b
    failure.limitation_safe_with_conciliation = legal_time.with_early_conciliation(
        failure.limitation_safe, failure.failure_date_safe, day_a, day_b
    )
    failure.limitation_protective_with_conciliation = legal_time.with_early_conciliation(
        failure.limitation_protective, failure.failure_date_protective, day_a, day_b
    )
    if day_a is None:
        failure.limitation_safe_with_conciliation = None
        failure.limitation_protective_with_conciliation = None
    save_with_actor(failure, actor)
    timeline_record(
        organisation=failure.organisation,
        subject=failure,
        actor=actor,
        kind="failure_conciliation_recorded",
        data={
            "day_a": day_a.isoformat() if day_a else None,
            "day_b": day_b.isoformat() if day_b else None,
        },
    )
    return failure

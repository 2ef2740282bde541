"""Every write to the governance body. Each service: lock, permission, state, write (with the
actor in the history), the timeline event, then tasks on commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import IO

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.history import save_with_actor
from core.models import Organisation, User
from core.permissions import require
from core.selectors import members_of
from core.services import timeline_record
from core.uploads import check_upload
from oversight import permissions, selectors
from oversight.models import (
    ActionStatus,
    Decision,
    DecisionKind,
    GovernanceMember,
    Incident,
    IncidentKind,
    IncidentStatus,
    Lesson,
    Meeting,
    OutcomeSignalSettings,
    SignalFigure,
)
from procurement.models import EngagementApproach, ProcurementCase
from procurement.stages import TOOLKIT_STAGES, RiskLevel
from registers.models import AISystem, DecisionCategory

Upload = IO[bytes] | File[bytes]


def _checked(field: str, upload: Upload | None, errors: dict[str, str]) -> None:
    if upload is None:
        return
    try:
        check_upload(upload)  # by content, before anything is stored
    except ValidationError as error:
        errors[field] = " ".join(error.messages)


@transaction.atomic
def governance_member_add(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    role: str,
    joined_on: date,
    user: User | None = None,
) -> GovernanceMember:
    require(permissions.can_run_governance(actor, organisation))
    errors: dict[str, str] = {}
    if joined_on > uk_today():
        errors["joined_on"] = _("The date they joined must be today or in the past.")
    if user is not None and not members_of(organisation).filter(pk=user.pk).exists():
        errors["user"] = _("Choose a person who is a member of this organisation.")
    if errors:
        raise ValidationError(errors)
    seat = GovernanceMember(
        organisation=organisation, name=name.strip(), role=role, joined_on=joined_on, user=user
    )
    seat.full_clean()
    save_with_actor(seat, actor)
    timeline_record(
        organisation=organisation,
        subject=seat,
        actor=actor,
        kind="governance_member_added",
        data={"role": role},
    )
    return seat


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    organisation: Organisation,
    held_on: date,
    title: str,
    minutes_text: str = "",
    papers: Upload | None = None,
    minutes: Upload | None = None,
) -> Meeting:
    require(permissions.can_run_governance(actor, organisation))
    errors: dict[str, str] = {}
    _checked("papers", papers, errors)
    _checked("minutes", minutes, errors)
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        organisation=organisation,
        held_on=held_on,
        title=title.strip(),
        minutes_text=minutes_text,
        recorded_by=actor,
    )
    for field, upload in (("papers", papers), ("minutes", minutes)):
        if upload is not None:
            stored = upload if isinstance(upload, File) else File(upload)
            getattr(meeting, field).save(stored.name or field, stored, save=False)
    meeting.full_clean()
    save_with_actor(meeting, actor)
    timeline_record(
        organisation=organisation,
        subject=meeting,
        actor=actor,
        kind="governance_meeting_recorded",
        data={"held_on": held_on.isoformat()},
    )
    return meeting


@transaction.atomic
def decision_record(
    *,
    actor: User,
    meeting: Meeting,
    kind: str,
    text: str,
    owner: User | None = None,
    due_on: date | None = None,
    cases: Iterable[ProcurementCase] = (),
    systems: Iterable[AISystem] = (),
) -> Decision:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    require(permissions.can_run_governance(actor, meeting.organisation_id))
    cases, systems = list(cases), list(systems)
    errors: dict[str, str] = {}
    if kind == DecisionKind.ACTION:
        if owner is None:
            errors["owner"] = _("Choose who owns the action.")
        if due_on is None:
            errors["due_on"] = _("Enter the date the action is due.")
    if owner is not None and not members_of(meeting.organisation).filter(pk=owner.pk).exists():
        errors["owner"] = _("Choose a person who is a member of this organisation.")
    if any(case.organisation_id != meeting.organisation_id for case in cases):
        errors["cases"] = _("Choose cases of this organisation.")
    if any(system.organisation_id != meeting.organisation_id for system in systems):
        errors["systems"] = _("Choose AI systems of this organisation.")
    if errors:
        raise ValidationError(errors)
    decision = Decision(
        organisation_id=meeting.organisation_id,
        meeting=meeting,
        kind=kind,
        text=text,
        owner=owner if kind == DecisionKind.ACTION else None,
        due_on=due_on if kind == DecisionKind.ACTION else None,
        status=ActionStatus.OPEN if kind == DecisionKind.ACTION else ActionStatus.DONE,
    )
    decision.full_clean()
    save_with_actor(decision, actor)
    decision.cases.set(cases)
    decision.systems.set(systems)
    timeline_record(
        organisation=meeting.organisation,
        subject=meeting,
        actor=actor,
        kind="governance_decision_recorded",
        data={"decision": decision.pk, "kind": kind},
    )
    return decision


@transaction.atomic
def action_update(*, actor: User, action: Decision, status: str, note: str = "") -> Decision:
    action = Decision.objects.select_for_update().get(pk=action.pk)
    require(permissions.can_update_action(actor, action))
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose the action's status.")})
    if status != ActionStatus.OPEN and not note.strip():
        raise ValidationError({"status_note": _("Say what was done, or why it was dropped.")})
    previous = action.status
    action.status, action.status_note = status, note
    save_with_actor(action, actor)
    timeline_record(
        organisation=action.organisation,
        subject=action.meeting,
        actor=actor,
        kind="governance_action_updated",
        from_state=previous,
        to_state=status,
        reason=note,
        data={"decision": action.pk},
    )
    return action


# --- Incidents ----------------------------------------------------------------------------------


@transaction.atomic
def incident_report(
    *,
    actor: User,
    system: AISystem,
    kind: str,
    description: str,
    group_affected: str = "",
    decision_category: DecisionCategory | None = None,
    anonymous: bool = False,
) -> Incident:
    require(permissions.systems_reportable_by(actor).filter(pk=system.pk).exists())
    errors: dict[str, str] = {}
    if anonymous and not selectors.anonymity_offered(system.organisation):
        errors["anonymous"] = _(
            "You cannot report anonymously here: the organisation has too few workers in Llais "
            "for a report to stay anonymous. Report with your name, or ask your union "
            "representative to report it."
        )
    if kind == IncidentKind.DIFFERENT_EFFECT and not group_affected.strip():
        errors["group_affected"] = _("Say which group of people was affected differently.")
    if errors:
        raise ValidationError(errors)
    incident = Incident(
        organisation_id=system.organisation_id,
        system=system,
        decision_category=decision_category,
        kind=kind,
        description=description.strip(),
        group_affected=group_affected.strip(),
        reported_by=actor,
        anonymous=anonymous,
        reported_on=uk_today(),
    )
    incident.full_clean()
    # An anonymous report names nobody in its history or on its timeline.
    save_with_actor(incident, None if anonymous else actor)
    timeline_record(
        organisation=system.organisation,
        subject=system,
        actor=None if anonymous else actor,
        kind="incident_reported",
        data={"incident": incident.pk, "kind": kind, "sensitive": True},
    )
    return incident


@transaction.atomic
def incident_answer(*, actor: User, incident: Incident, status: str, response: str) -> Incident:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    require(permissions.can_answer_incident(actor, incident))
    if status not in IncidentStatus.values or status == IncidentStatus.REPORTED:
        raise ValidationError({"status": _("Choose whether it is being looked into or answered.")})
    if status == IncidentStatus.ANSWERED and not response.strip():
        raise ValidationError({"response": _("Write the answer to the person who reported it.")})
    previous = incident.status
    incident.status, incident.response = status, response.strip()
    save_with_actor(incident, actor)
    timeline_record(
        organisation=incident.organisation,
        subject=incident.system,
        actor=actor,
        kind="incident_answered",
        from_state=previous,
        to_state=status,
        data={"incident": incident.pk},
    )
    return incident


# --- Outcome signals ----------------------------------------------------------------------------

THRESHOLD_FIELDS = ("window_days", "minimum_answered", *SignalFigure.values)


@transaction.atomic
def signal_settings_update(
    *, actor: User, organisation: Organisation, **values: int
) -> OutcomeSignalSettings:
    """Set the organisation's outcome-signal thresholds. A threshold on a count of people's
    requests, and the fewest answers a share is judged on, are never below the organisation's
    small-number threshold: a signal must not point at fewer people than that."""
    require(permissions.can_set_signal_thresholds(actor, organisation))
    unknown = set(values) - set(THRESHOLD_FIELDS)
    if unknown:
        raise ValueError(f"not a threshold: {sorted(unknown)}")
    small = organisation.small_number_threshold
    errors: dict[str, str] = {}
    for field in (SignalFigure.REQUESTS_MADE, SignalFigure.EXEMPTIONS_USED, "minimum_answered"):
        if field in values and values[field] < small:
            errors[field] = _(
                "Enter %(small)s or more: the organisation does not show counts of people "
                "smaller than %(small)s."
            ) % {"small": small}
    if errors:
        raise ValidationError(errors)
    settings = OutcomeSignalSettings.objects.select_for_update().filter(
        organisation=organisation
    ).first() or OutcomeSignalSettings(organisation=organisation)
    before = {field: getattr(settings, field) for field in THRESHOLD_FIELDS}
    for field, value in values.items():
        setattr(settings, field, value)
    settings.full_clean()
    save_with_actor(settings, actor)
    timeline_record(
        organisation=organisation,
        subject=organisation,
        actor=actor,
        kind="outcome_signal_thresholds_set",
        data={field: value for field, value in values.items() if before.get(field) != value},
    )
    return settings


# --- Lessons ------------------------------------------------------------------------------------


def _lesson_errors(
    organisation_id: int,
    stage: str,
    risk_level: str,
    what_worked: str,
    what_did_not: str,
    case: ProcurementCase | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if stage not in TOOLKIT_STAGES:
        errors["stage"] = _("Choose the stage the lesson is about.")
    if risk_level not in RiskLevel.values:
        errors["risk_level"] = _("Choose the risk level of the procurement.")
    if not (what_worked.strip() or what_did_not.strip()):
        errors["what_worked"] = _("Say what worked, what did not, or both.")
    if case is not None and case.organisation_id != organisation_id:
        errors["case"] = _("Choose a case of this organisation.")
    return errors


@transaction.atomic
def lesson_record(
    *,
    actor: User,
    organisation: Organisation,
    title: str,
    stage: str,
    risk_level: str,
    what_worked: str = "",
    what_did_not: str = "",
    approach: EngagementApproach | None = None,
    case: ProcurementCase | None = None,
    shareable: bool = False,
) -> Lesson:
    require(permissions.can_keep_lessons(actor, organisation))
    errors = _lesson_errors(organisation.pk, stage, risk_level, what_worked, what_did_not, case)
    if errors:
        raise ValidationError(errors)
    lesson = Lesson(
        organisation=organisation,
        case=case,
        title=title.strip(),
        stage=stage,
        approach=approach,
        risk_level=risk_level,
        what_worked=what_worked.strip(),
        what_did_not=what_did_not.strip(),
        shareable=shareable,
        author=actor,
    )
    lesson.full_clean()
    save_with_actor(lesson, actor)
    timeline_record(
        organisation=organisation,
        subject=lesson,
        actor=actor,
        kind="lesson_recorded",
        data={"shareable": shareable},
    )
    return lesson


@transaction.atomic
def lesson_update(
    *,
    actor: User,
    lesson: Lesson,
    title: str,
    stage: str,
    risk_level: str,
    what_worked: str = "",
    what_did_not: str = "",
    approach: EngagementApproach | None = None,
    case: ProcurementCase | None = None,
    shareable: bool = False,
) -> Lesson:
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    require(permissions.can_edit_lesson(actor, lesson))
    errors = _lesson_errors(
        lesson.organisation_id, stage, risk_level, what_worked, what_did_not, case
    )
    if errors:
        raise ValidationError(errors)
    was_shareable = lesson.shareable
    lesson.title, lesson.stage, lesson.risk_level = title.strip(), stage, risk_level
    lesson.what_worked, lesson.what_did_not = what_worked.strip(), what_did_not.strip()
    lesson.approach, lesson.case, lesson.shareable = approach, case, shareable
    lesson.full_clean()
    save_with_actor(lesson, actor)
    timeline_record(
        organisation=lesson.organisation,
        subject=lesson,
        actor=actor,
        kind="lesson_updated",
        data={"shareable": shareable, "was_shareable": was_shareable},
    )
    return lesson

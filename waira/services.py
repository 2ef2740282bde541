"""Every write to a WAIRA and its consultation. Each service: permission, then state, then write,
then the timeline event, then tasks on commit. A completed WAIRA is refused by every one."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import legal_time
from core.clock import uk_today
from core.history import save_with_actor
from core.models import TimelineEvent, User
from core.pdf import content_sha256
from core.permissions import has_role, require
from core.roles import Role
from core.selectors import timeline_for
from core.services import timeline_record
from core.uploads import check_upload
from registers import services as register_services
from registers.models import AISystem
from waira import events, permissions, selectors
from waira.content import CHARACTERISTICS, SECTION_BY_LETTER, STATUTES, TEXT_FIELDS
from waira.gates import Blocker, high_risk_start_blockers
from waira.models import (
    AdverseAspect,
    Concern,
    HighRiskStartBreach,
    Waira,
    WairaCharacteristicImpact,
    WairaComment,
    WairaConsultee,
    WairaKind,
    WairaSharing,
    WairaSnapshot,
    WairaState,
    WairaStatuteRisk,
    WairaUnionPosition,
)

TEXT_FIELD_NAMES = [field for fields in TEXT_FIELDS.values() for field, _label in fields]
STATUTE_KEYS = {statute.key for statute in STATUTES}
CHARACTERISTIC_KEYS = {characteristic.key for characteristic in CHARACTERISTICS}


class HighRiskStartRefused(ValidationError):
    """Recording the start of high-risk decision-making refused by the Bill's gates: each
    blocker is one message (what is missing, and the earliest permitted day)."""

    def __init__(self, blockers: list[Blocker]) -> None:
        super().__init__([str(blocker) for blocker in blockers])
        self.blockers = blockers


def _locked(waira: Waira) -> Waira:
    """The WAIRA fresh from the database and locked: permissions depend on its state."""
    return (
        Waira.objects.select_for_update().select_related("system", "organisation").get(pk=waira.pk)
    )


def _refuse_if_completed(waira: Waira) -> None:
    if waira.is_completed:
        raise ValidationError(_("A completed WAIRA never changes: start a further WAIRA instead."))


def _event(waira: Waira, actor: User | None, kind: str, **extra: Any) -> TimelineEvent:
    return timeline_record(
        organisation=waira.organisation, subject=waira, actor=actor, kind=kind, **extra
    )


@transaction.atomic
def waira_create(*, actor: User, system: AISystem) -> Waira:
    """Start the next WAIRA for a system: the initial one, or a further one that builds on the
    last completed WAIRA (s.14(4)), whose answers it starts from."""
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    require(permissions.can_create_waira(actor, system))
    if selectors.open_waira_of(system) is not None:
        raise ValidationError(
            _("This AI system already has a WAIRA in progress: finish that one first.")
        )
    previous = selectors.latest_completed_of(system)
    version = (system.wairas.aggregate(top=Max("version"))["top"] or 0) + 1
    waira = Waira(
        organisation=system.organisation,
        system=system,
        kind=WairaKind.FURTHER if previous else WairaKind.INITIAL,
        version=version,
        previous=previous,
        created_by=actor,
    )
    if previous is not None:
        for field in TEXT_FIELD_NAMES:
            setattr(waira, field, getattr(previous, field))
        waira.not_reasonably_practicable = dict(previous.not_reasonably_practicable)
    save_with_actor(waira, actor)
    if previous is not None:
        WairaStatuteRisk.objects.bulk_create(
            WairaStatuteRisk(
                waira=waira,
                statute=risk.statute,
                risk_assessment=risk.risk_assessment,
                monitoring=risk.monitoring,
                measures=risk.measures,
            )
            for risk in previous.statute_risks.all()
        )
    _event(waira, actor, "waira_created", to_state=waira.state, data={"kind": waira.kind})
    return waira


@transaction.atomic
def waira_update(
    *,
    actor: User,
    waira: Waira,
    texts: dict[str, str],
    statute_risks: dict[str, dict[str, str]],
    not_reasonably_practicable: dict[str, str],
    characteristic_impacts: dict[str, dict[str, str]] | None = None,
    decisions_modified_note: str | None = None,
    harm_incidents: str | None = None,
) -> Waira:
    """Write the typed answers given (sections (a)-(d) live on the AI system record); answers
    not given are left as they are."""
    waira = _locked(waira)
    require(permissions.can_edit_waira(actor, waira))
    _refuse_if_completed(waira)
    unknown = (set(texts) - set(TEXT_FIELD_NAMES)) | (set(statute_risks) - STATUTE_KEYS)
    if unknown:
        raise ValidationError(_("Unknown WAIRA answers: %(keys)s") % {"keys": sorted(unknown)})
    for field, value in texts.items():
        setattr(waira, field, value.strip())
    excused = dict(waira.not_reasonably_practicable or {})
    for letter, reason in not_reasonably_practicable.items():
        if letter not in SECTION_BY_LETTER:
            raise ValidationError(_("Unknown WAIRA section: %(letter)s") % {"letter": letter})
        if reason.strip():
            excused[letter] = reason.strip()
        else:
            excused.pop(letter, None)  # a blank reason withdraws the claim
    waira.not_reasonably_practicable = dict(sorted(excused.items()))
    if waira.kind == WairaKind.FURTHER:
        if decisions_modified_note is not None:
            waira.decisions_modified_note = decisions_modified_note.strip()
        if harm_incidents is not None:
            waira.harm_incidents = harm_incidents.strip()
    save_with_actor(waira, actor)
    for statute, columns in statute_risks.items():
        WairaStatuteRisk.objects.update_or_create(
            waira=waira,
            statute=statute,
            defaults={
                "risk_assessment": columns.get("risk_assessment", "").strip(),
                "monitoring": columns.get("monitoring", "").strip(),
                "measures": columns.get("measures", "").strip(),
            },
        )
    if waira.kind == WairaKind.FURTHER:
        for characteristic, answers in (characteristic_impacts or {}).items():
            if characteristic not in CHARACTERISTIC_KEYS:
                raise ValidationError(_("Unknown protected characteristic."))
            WairaCharacteristicImpact.objects.update_or_create(
                waira=waira,
                characteristic=characteristic,
                defaults={
                    "impact": answers.get("impact", "").strip(),
                    "inaccurate_decisions": answers.get("inaccurate_decisions", "").strip(),
                },
            )
    _event(waira, actor, "waira_updated")
    return waira


def _snapshot(waira: Waira, actor: User, kind: str, content: dict[str, Any]) -> WairaSnapshot:
    number = (waira.snapshots.aggregate(top=Max("number"))["top"] or 0) + 1
    return WairaSnapshot.objects.create(
        waira=waira,
        kind=kind,
        number=number,
        content=content,
        sha256=content_sha256(content),
        created_by=actor,
    )


@transaction.atomic
def waira_share(
    *, actor: User, waira: Waira, audience: str, method: str, workers: list[User]
) -> WairaSharing:
    """s.15(3)(b): share the WAIRA as it stands with the workers affected. Sharing again after
    changes shares the new version; each worker reads the latest version shared."""
    waira = _locked(waira)
    require(permissions.can_share_waira(actor, waira))
    errors: dict[str, str] = {}
    if not audience.strip():
        errors["audience"] = _("Say which workers the WAIRA was shared with.")
    if not method.strip():
        errors["method"] = _("Say how it was shared, for example at team meetings and by email.")
    outsiders = [w for w in workers if not has_role(w, waira.organisation_id, Role.WORKER)]
    if outsiders:
        errors["workers"] = _("Choose workers of this organisation.")
    if errors:
        raise ValidationError(errors)
    content = selectors.current_content(waira)
    gaps = selectors.waira_gaps(waira, content)
    if gaps:
        raise ValidationError([str(gap) for gap in gaps])
    source = waira.state
    if waira.state == WairaState.DRAFT:
        waira.share()
        save_with_actor(waira, actor)
    elif waira.state != WairaState.SHARED:
        raise ValidationError(_("Only a draft, or a WAIRA under consultation, can be shared."))
    snapshot = _snapshot(waira, actor, WairaSnapshot.Kind.SHARED, content)
    sharing = WairaSharing.objects.create(
        waira=waira, snapshot=snapshot, audience=audience, method=method, shared_by=actor
    )
    already = set(waira.consultees.values_list("worker_id", flat=True))
    WairaConsultee.objects.bulk_create(
        WairaConsultee(waira=waira, worker=worker) for worker in workers if worker.pk not in already
    )
    event = _event(
        waira,
        actor,
        "waira_shared",
        from_state=source,
        to_state=waira.state,
        data={"snapshot": snapshot.number, "sha256": snapshot.sha256, "workers": len(workers)},
    )
    events.tell_consultees(event, workers)
    return sharing


@transaction.atomic
def concern_raise(*, actor: User, waira: Waira, text: str, anonymous: bool) -> Concern:
    """s.15(3)(c): a worker consulted raises a concern about the version shared with them."""
    waira = _locked(waira)
    require(permissions.can_raise_concern(actor, waira))
    if waira.state != WairaState.SHARED:
        raise ValidationError(_("The consultation on this WAIRA is closed."))
    if not text.strip():
        raise ValidationError({"text": _("Write your concern.")})
    if anonymous:
        anonymity = selectors.anonymity_of(waira)
        if not anonymity.offered:
            raise ValidationError({"anonymous": anonymity.why_not})
    snapshot = selectors.latest_shared_snapshot(waira)
    assert snapshot is not None  # a shared WAIRA has been shared
    concern = Concern.objects.create(
        waira=waira, snapshot=snapshot, raised_by=actor, anonymous=anonymous, text=text.strip()
    )
    # The timeline is read by managers: an anonymous concern names nobody there.
    event = _event(
        waira, None if anonymous else actor, "concern_raised", data={"concern": concern.pk}
    )
    events.tell_commissioners(waira, event)
    return concern


@transaction.atomic
def concern_respond(*, actor: User, concern: Concern, response: str) -> Concern:
    waira = _locked(concern.waira)
    require(permissions.can_run_consultation(actor, waira))
    if waira.state != WairaState.SHARED:
        raise ValidationError(_("Reopen the consultation to answer concerns."))
    if not response.strip():
        raise ValidationError({"response": _("Write the answer to the concern.")})
    concern = Concern.objects.select_for_update().get(pk=concern.pk)
    concern.response = response.strip()
    concern.responded_by = actor
    concern.responded_at = timezone.now()
    save_with_actor(concern, actor)
    _event(waira, actor, "concern_answered", data={"concern": concern.pk})
    return concern


@transaction.atomic
def adverse_aspect_record(
    *,
    actor: User,
    waira: Waira,
    aspect: str,
    discussed_on: date,
    discussion: str,
    outcome: str,
    outcome_detail: str,
) -> AdverseAspect:
    """s.15(3)(d): how an adverse aspect could be removed or modified, and what was decided."""
    waira = _locked(waira)
    require(permissions.can_run_consultation(actor, waira))
    if waira.state != WairaState.SHARED:
        raise ValidationError(_("Reopen the consultation to record a discussion."))
    errors: dict[str, str] = {}
    first_shared = waira.sharings.order_by("shared_at").values_list("shared_at", flat=True).first()
    if discussed_on > uk_today():
        errors["discussed_on"] = _("The date must be today or in the past.")
    elif first_shared and discussed_on < legal_time.uk_date(first_shared):
        errors["discussed_on"] = _(
            "The discussion must come after the WAIRA was shared (%(date)s)."
        ) % {"date": date_format(legal_time.uk_date(first_shared), "j F Y")}
    if outcome not in AdverseAspect.Outcome.values:
        errors["outcome"] = _("Choose whether the aspect was removed, modified or kept.")
    if not outcome_detail.strip():
        errors["outcome_detail"] = (
            _("Say why it was kept.")
            if outcome == AdverseAspect.Outcome.KEPT
            else _("Say what changed.")
        )
    if errors:
        raise ValidationError(errors)
    record = AdverseAspect(
        waira=waira,
        aspect=aspect.strip(),
        discussed_on=discussed_on,
        discussion=discussion.strip(),
        outcome=outcome,
        outcome_detail=outcome_detail.strip(),
        recorded_by=actor,
    )
    record.full_clean()
    save_with_actor(record, actor)
    _event(waira, actor, "adverse_aspect_recorded", data={"outcome": outcome})
    return record


@transaction.atomic
def waira_conclude(
    *,
    actor: User,
    waira: Waira,
    no_adverse_aspects_reason: str = "",
    short_listening_reason: str = "",
) -> Waira:
    """Conclude the consultation on the date of its last step (docs/legal-rules.md R-CONS-INIT).
    Before the organisation's listening period after the last sharing has ended
    (`selectors.listening_period_end`), only with a recorded reason (a soft gate, ADR 0010)."""
    waira = _locked(waira)
    require(permissions.can_run_consultation(actor, waira))
    if waira.state != WairaState.SHARED:
        raise ValidationError(_("Only a consultation that is open can be concluded."))
    if no_adverse_aspects_reason.strip():
        waira.no_adverse_aspects_reason = no_adverse_aspects_reason.strip()
    errors = selectors.conclusion_errors(waira)
    listening_ends = selectors.listening_period_end(waira)
    short = listening_ends is not None and uk_today() < listening_ends
    if short and not short_listening_reason.strip():
        errors["short_listening_reason"] = [selectors.listening_period_blocker(waira)]
    if errors:
        raise ValidationError(errors)
    waira.short_listening_reason = short_listening_reason.strip() if short else ""
    waira.conclude()
    waira.concluded_on = max(selectors.step_dates(waira))
    save_with_actor(waira, actor)
    data: dict[str, Any] = {"concluded_on": waira.concluded_on.isoformat()}
    if short:
        assert listening_ends is not None
        data["listening_period_ends"] = listening_ends.isoformat()
    _event(
        waira,
        actor,
        "consultation_concluded",
        from_state=WairaState.SHARED,
        to_state=waira.state,
        reason=waira.short_listening_reason,
        data=data,
    )
    return waira


@transaction.atomic
def waira_reopen(*, actor: User, waira: Waira, reason: str) -> Waira:
    waira = _locked(waira)
    require(permissions.can_run_consultation(actor, waira))
    if waira.state != WairaState.CONCLUDED:
        raise ValidationError(_("Only a concluded consultation can be reopened."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the consultation is reopened.")})
    waira.reopen()
    waira.concluded_on = None
    save_with_actor(waira, actor)
    _event(
        waira,
        actor,
        "consultation_reopened",
        from_state=WairaState.CONCLUDED,
        to_state=waira.state,
        reason=reason.strip(),
    )
    return waira


# Worked out by Llais on the day the content is built (s.14(5)(b)'s count of modified
# decisions and its period), not written by anyone: they may move between sharing and
# completing without the WAIRA having changed.
COUNTED_ANSWERS = ("further.b.count", "further.b.period")


def _as_consulted(content: dict[str, Any]) -> dict[str, Any]:
    answers = {k: v for k, v in content["answers"].items() if k not in COUNTED_ANSWERS}
    return {**content, "answers": answers}


@transaction.atomic
def waira_complete(*, actor: User, waira: Waira) -> Waira:
    """Complete the WAIRA: its content is frozen with a SHA-256 stamp, and the AI system's
    12-month clocks restart from today (R-WAIRA-PERIODIC, R-CONS-REPEAT)."""
    waira = _locked(waira)
    require(permissions.can_complete_waira(actor, waira))
    if waira.state != WairaState.CONCLUDED:
        raise ValidationError(_("Conclude the consultation before completing the WAIRA."))
    content = selectors.current_content(waira)  # built live: not yet completed
    gaps = selectors.waira_gaps(waira, content)
    if gaps:
        raise ValidationError([str(gap) for gap in gaps])
    shared = selectors.latest_shared_snapshot(waira)
    if shared is None or _as_consulted(shared.content) != _as_consulted(content):
        # s.15(3)(b)-(d): what is completed must be what workers were consulted on.
        raise ValidationError(
            _(
                "The WAIRA has changed since it was last shared with workers. Reopen the "
                "consultation and share it again before completing it."
            )
        )
    completed_on = uk_today()
    snapshot = _snapshot(waira, actor, WairaSnapshot.Kind.COMPLETED, content)
    waira.complete()
    waira.completed_on = completed_on
    waira.completed_at = timezone.now()
    waira.completed_by = actor
    waira.content_sha256 = snapshot.sha256
    save_with_actor(waira, actor)

    assert waira.concluded_on is not None
    # C, the day the last of s.15(3)(a)-(d) was done: completing the WAIRA is (a).
    consultation_done = max(waira.concluded_on, completed_on)
    system = AISystem.objects.select_for_update().get(pk=waira.system_id)
    system.waira_completed_on = completed_on
    system.waira_next_due = legal_time.next_review_due(completed_on)
    system.consultation_concluded_on = consultation_done
    system.consultation_next_due = legal_time.next_review_due(consultation_done)
    save_with_actor(system, actor)
    # The public register shows the WAIRA dates and the review-overdue badge.
    register_services.register_cache_invalidate()

    event = _event(
        waira,
        actor,
        "waira_completed",
        from_state=WairaState.CONCLUDED,
        to_state=waira.state,
        data={"sha256": snapshot.sha256, "completed_on": completed_on.isoformat()},
    )
    events.tell_representatives(waira, event)
    return waira


@transaction.atomic
def waira_comment(*, actor: User, waira: Waira, text: str) -> WairaComment:
    waira = _locked(waira)
    require(permissions.can_comment_on_waira(actor, waira))
    _refuse_if_completed(waira)
    if not text.strip():
        raise ValidationError({"text": _("Write your comment.")})
    comment = WairaComment.objects.create(waira=waira, author=actor, text=text.strip())
    _event(waira, actor, "waira_commented")
    return comment


@transaction.atomic
def waira_union_position_record(
    *, actor: User, waira: Waira, kind: str, reason: str = ""
) -> WairaUnionPosition:
    waira = _locked(waira)
    require(permissions.can_take_union_position(actor, waira))
    _refuse_if_completed(waira)
    if kind not in WairaUnionPosition.Kind.values:
        raise ValidationError({"kind": _("Choose to sign off or to record dissent.")})
    if kind == WairaUnionPosition.Kind.DISSENT and not reason.strip():
        raise ValidationError({"reason": _("Say why you dissent: it stays on the record.")})
    position = WairaUnionPosition.objects.create(
        waira=waira, representative=actor, kind=kind, reason=reason.strip()
    )
    _event(waira, actor, f"waira_union_{kind}", reason=reason.strip())
    return position


def high_risk_start_record(*, actor: User, system: AISystem, started_on: date) -> AISystem:
    """Record the day high-risk decision-making with a system began. Refused, and the refusal
    kept on the system's timeline, unless the initial WAIRA is completed, the consultation
    concluded and the day is at least a clear month after it (s.14(2), s.15(1)). No override."""
    with transaction.atomic():
        system = AISystem.objects.select_for_update().get(pk=system.pk)
        require(permissions.can_record_high_risk_start(actor, system))
        if system.used_in_high_risk_decision_making and system.first_use is not None:
            raise ValidationError(
                _("The start of high-risk decision-making is already recorded for this system.")
            )
        if started_on > uk_today():
            raise ValidationError(
                {"started_on": _("Record a start that has happened: today or in the past.")}
            )
        blockers = high_risk_start_blockers(selectors.high_risk_start_facts(system), started_on)
        if not blockers:
            started = register_services.ai_system_high_risk_use_started(
                actor=actor, system=system, started_on=started_on
            )
            _flag_stale_waira_at_go_live(actor=actor, system=started, started_on=started_on)
            return started
        earliest = next((blocker.earliest for blocker in blockers if blocker.earliest), None)
        timeline_record(
            organisation=system.organisation,
            subject=system,
            actor=actor,
            kind="high_risk_start_refused",
            data={
                "started_on": started_on.isoformat(),
                "missing": [blocker.code for blocker in blockers],
                "earliest": earliest.isoformat() if earliest else None,
            },
        )
    raise HighRiskStartRefused(blockers)


def high_risk_start_breach_record(
    *, actor: User, system: AISystem, started_on: date, account: str, evidence: Any
) -> HighRiskStartBreach:
    """Record a start of high-risk decision-making that really happened before the gates opened
    (s.14(2), s.15(1)): who recorded it, what happened and the evidence. Never refused for the
    breach itself: the start is kept, flagged, and accountability's sweep opens its failures
    (R-WAIRA-INIT, R-CONS-INIT: F = S, and for s.15(1) the safe date of start_breach)."""
    with transaction.atomic():
        system = AISystem.objects.select_for_update().get(pk=system.pk)
        require(permissions.can_record_high_risk_start(actor, system))
        if system.used_in_high_risk_decision_making and system.first_use is not None:
            raise ValidationError(
                _("The start of high-risk decision-making is already recorded for this system.")
            )
        if started_on > uk_today():
            raise ValidationError(
                {"started_on": _("Record a start that has happened: today or in the past.")}
            )
        if not account.strip():
            raise ValidationError(
                {"account": _("Say what happened: who began it, and how you know.")}
            )
        if not evidence:
            raise ValidationError({"evidence": _("Select a file showing when it began.")})
        check_upload(evidence)
        facts = selectors.high_risk_start_facts(system)
        blockers = high_risk_start_blockers(facts, started_on)
        if not blockers:
            raise ValidationError(
                {
                    "started_on": _(
                        "The law allowed high-risk decision-making on that day: record the "
                        "start on the ordinary page instead."
                    )
                }
            )
        breach = HighRiskStartBreach(
            organisation=system.organisation,
            system=system,
            started_on=started_on,
            waira_completed_on=facts.waira_completed_on,
            consultation_concluded_on=facts.consultation_concluded_on,
            missing=[blocker.code for blocker in blockers],
            account=account.strip(),
            evidence=evidence,
            recorded_by=actor,
        )
        breach.save()
        timeline_record(
            organisation=system.organisation,
            subject=system,
            actor=actor,
            kind="high_risk_start_breach_recorded",
            data={"started_on": started_on.isoformat(), "missing": breach.missing},
        )
        started = register_services.ai_system_high_risk_use_started(
            actor=actor, system=system, started_on=started_on
        )
        _flag_stale_waira_at_go_live(actor=actor, system=started, started_on=started_on)
    return breach


WAIRA_STALE_AT_GO_LIVE = events.WAIRA_STALE_AT_GO_LIVE


def _flag_stale_waira_at_go_live(*, actor: User, system: AISystem, started_on: date) -> None:
    """WAIRA-PER-03 (rules.md R-WAIRA-PERIODIC, A4): when high-risk decision-making begins more
    than 12 months after the last WAIRA was completed, its further WAIRA was already overdue at
    go-live. Flagged once, on that WAIRA's timeline, and the commissioners and the union
    representatives of the system's cases are told, with the dates in words."""
    last = (
        Waira.objects.filter(system=system, state=WairaState.COMPLETED)
        .order_by("-completed_on", "-pk")
        .first()
    )
    if last is None or last.completed_on is None:
        return
    if not legal_time.initial_waira_stale_at_start(last.completed_on, started_on):
        return
    if timeline_for(last).filter(kind=WAIRA_STALE_AT_GO_LIVE).exists():
        return
    event = _event(
        last,
        actor,
        WAIRA_STALE_AT_GO_LIVE,
        data={
            "completed_on": last.completed_on.isoformat(),
            "started_on": started_on.isoformat(),
            "further_waira_due": legal_time.next_review_due(last.completed_on).isoformat(),
        },
    )
    events.tell_of_stale_waira_at_go_live(last, event)

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from core import legal_time
from core.models import Organisation, User
from core.services import timeline_record
from registers import permissions
from registers.models import (
    AISystem,
    DecisionCategory,
    DueRule,
    EntryStatus,
    RegisterEntry,
    RegisterEntryVersion,
)


def _today() -> date:
    return legal_time.uk_date(timezone.now())


def _refuse_ungated_high_risk_start(
    used_in_high_risk_decision_making: bool,
    first_use: date | None,
    before: AISystem | None = None,
) -> None:
    """Use in high-risk decision-making starts only through the WAIRA gate (s.14(2), s.15(1):
    waira.services.high_risk_start_record), never by typing a date here."""
    if not (used_in_high_risk_decision_making and first_use):
        return
    if before and before.used_in_high_risk_decision_making and before.first_use == first_use:
        return
    raise ValidationError(
        {
            "first_use": _(
                "For a system used in high-risk decision-making, record the start from the "
                "system's page: Llais first checks the WAIRA and the consultation."
            )
        }
    )


def _validate_dates(
    planned_start: date | None, first_use: date | None, end_of_use: date | None
) -> None:
    if end_of_use and not first_use:
        raise ValidationError({"end_of_use": _("Record when use began before when it ended.")})
    if end_of_use and first_use and end_of_use < first_use:
        raise ValidationError({"end_of_use": _("Use cannot end before it began.")})


@transaction.atomic
def ai_system_create(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    supplier: str = "",
    description: str = "",
    value_chain: str = "",
    decision_categories: list[DecisionCategory] | None = None,
    used_in_high_risk_decision_making: bool = False,
    planned_start: date | None = None,
    first_use: date | None = None,
    end_of_use: date | None = None,
) -> AISystem:
    if not permissions.can_create_system(actor, organisation):
        raise PermissionDenied
    _validate_dates(planned_start, first_use, end_of_use)
    _refuse_ungated_high_risk_start(used_in_high_risk_decision_making, first_use)
    system = AISystem(
        organisation=organisation,
        name=name,
        supplier=supplier,
        description=description,
        value_chain=value_chain,
        used_in_high_risk_decision_making=used_in_high_risk_decision_making,
        planned_start=planned_start,
        first_use=first_use,
        end_of_use=end_of_use,
    )
    system.full_clean()
    system._history_user = actor  # type: ignore[attr-defined]
    system.save()
    system.decision_categories.set(decision_categories or [])
    timeline_record(
        organisation=organisation, subject=system, actor=actor, kind="ai_system_created"
    )
    _keep_register_clock(system=system, actor=actor, changed_on=None)
    return system


@transaction.atomic
def ai_system_update(
    *,
    actor: User,
    system: AISystem,
    name: str,
    supplier: str,
    description: str,
    value_chain: str,
    decision_categories: list[DecisionCategory],
    used_in_high_risk_decision_making: bool,
    planned_start: date | None,
    first_use: date | None,
    end_of_use: date | None,
) -> AISystem:
    if not permissions.can_edit_system(actor, system):
        raise PermissionDenied
    _validate_dates(planned_start, first_use, end_of_use)
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    _refuse_ungated_high_risk_start(used_in_high_risk_decision_making, first_use, system)
    before = _register_facts(system)
    system.name, system.supplier, system.value_chain = name, supplier, value_chain
    system.description = description
    system.used_in_high_risk_decision_making = used_in_high_risk_decision_making
    system.planned_start, system.first_use, system.end_of_use = (
        planned_start,
        first_use,
        end_of_use,
    )
    system.full_clean()
    system._history_user = actor  # type: ignore[attr-defined]
    system.save()
    system.decision_categories.set(decision_categories)
    timeline_record(
        organisation=system.organisation, subject=system, actor=actor, kind="ai_system_updated"
    )
    after = _register_facts(system)
    changed_on = None
    if after != before:
        # Ending use counts as a change (s.16(5)), dated the day use ended, not the day typed.
        ended = end_of_use is not None and end_of_use != before["end_of_use"]
        changed_on = end_of_use if ended else _today()
    _keep_register_clock(system=system, actor=actor, changed_on=changed_on)
    return system


@transaction.atomic
def ai_system_high_risk_use_started(*, actor: User, system: AISystem, started_on: date) -> AISystem:
    """Record that use in high-risk decision-making began on `started_on`, and start the
    register's clock from it (R-REG-INIT).

    Only `waira.services.high_risk_start_record` calls this, inside its transaction and after
    the Bill's gate (s.14(2), s.15(1)) has passed: the gate needs the WAIRA records, which this
    app does not read.
    """
    before = _register_facts(system)
    system.used_in_high_risk_decision_making = True
    system.first_use = started_on
    system._history_user = actor  # type: ignore[attr-defined]
    system.save()
    timeline_record(
        organisation=system.organisation,
        subject=system,
        actor=actor,
        kind="high_risk_start_recorded",
        data={"started_on": started_on.isoformat()},
    )
    changed = _register_facts(system) != before
    _keep_register_clock(system=system, actor=actor, changed_on=started_on if changed else None)
    return system


# --- The register (s.16) ----------------------------------------------------------------------


# What the register says about a system (s.16(3)(a)-(e) and the supplier): a change to any of
# these is a change the register must record within three months (s.16(5)).
def _register_facts(system: AISystem) -> dict[str, Any]:
    return {
        "name": system.name,
        "supplier": system.supplier,
        "used_in_high_risk_decision_making": system.used_in_high_risk_decision_making,
        "first_use": system.first_use,
        "end_of_use": system.end_of_use,
        "decision_categories": sorted(system.decision_categories.values_list("pk", flat=True)),
    }


def _set_clock(entry: RegisterEntry) -> None:
    """The entry's due date: R-REG-INIT until a version is published, then R-REG-CHANGE from the
    earliest change not yet published; none while nothing is owed."""
    system = entry.system
    if entry.published_version_id is None:
        due = (
            legal_time.register_update_due(system.first_use)
            if system.used_in_high_risk_decision_making and system.first_use
            else None
        )
        entry.due_by, entry.due_rule = due, DueRule.INITIAL if due else ""
    elif entry.unrecorded_change_on is not None:
        entry.due_by = legal_time.register_update_due(entry.unrecorded_change_on)
        entry.due_rule = DueRule.CHANGE
    else:
        entry.due_by, entry.due_rule = None, ""


def _save_entry(entry: RegisterEntry, actor: User | None) -> None:
    entry.full_clean(exclude=["status", "published_version", "system"])
    entry._history_user = actor  # type: ignore[attr-defined]
    entry.save()


def _note_change(entry: RegisterEntry, changed_on: date) -> None:
    if entry.unrecorded_change_on is None or changed_on < entry.unrecorded_change_on:
        entry.unrecorded_change_on = changed_on


def _keep_register_clock(*, system: AISystem, actor: User, changed_on: date | None) -> None:
    """Called by the AI-system services after a write. A system used in high-risk decisions gets
    a draft entry (so its R-REG-INIT date shows from the day first use is recorded); a change to
    a published entry's facts starts the R-REG-CHANGE clock."""
    entry = RegisterEntry.objects.select_for_update().filter(system=system).first()
    if entry is None:
        if not system.used_in_high_risk_decision_making:
            return
        entry = RegisterEntry(system=system, description_en=system.description)
        created = True
    else:
        created = False
    entry.system = system
    if changed_on is not None and entry.published_version_id is not None:
        _note_change(entry, changed_on)
    _set_clock(entry)
    _save_entry(entry, actor)
    if created:
        timeline_record(
            organisation=system.organisation,
            subject=entry,
            actor=actor,
            kind="register_entry_started",
        )


ENTRY_TEXT_FIELDS = [
    "name_cy",
    "description_en",
    "description_cy",
    "purpose_en",
    "purpose_cy",
    "data_types_en",
    "data_types_cy",
]


@transaction.atomic
def register_entry_save(
    *,
    actor: User,
    system: AISystem,
    name_cy: str,
    description_en: str,
    description_cy: str,
    purpose_en: str,
    purpose_cy: str,
    data_types_en: str,
    data_types_cy: str,
) -> RegisterEntry:
    """Save the working copy of a system's entry. Nothing here is public until it is published;
    an edit to a published entry is a change the register must show within three months."""
    if not permissions.can_edit_entry(actor, system):
        raise PermissionDenied
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    entry = RegisterEntry.objects.select_for_update().filter(system=system).first()
    if entry is None:
        if not system.used_in_high_risk_decision_making:
            raise ValidationError(
                _("The register lists only systems used in high-risk decision-making.")
            )
        entry = RegisterEntry(system=system)
    values = {
        "name_cy": name_cy.strip(),
        "description_en": description_en.strip(),
        "description_cy": description_cy.strip(),
        "purpose_en": purpose_en.strip(),
        "purpose_cy": purpose_cy.strip(),
        "data_types_en": data_types_en.strip(),
        "data_types_cy": data_types_cy.strip(),
    }
    changed = any(getattr(entry, field) != value for field, value in values.items())
    for field, value in values.items():
        setattr(entry, field, value)
    if changed and entry.published_version_id is not None:
        entry.has_unpublished_changes = True
        _note_change(entry, _today())
    _set_clock(entry)
    _save_entry(entry, actor)
    timeline_record(
        organisation=system.organisation, subject=entry, actor=actor, kind="register_entry_edited"
    )
    return entry


def _snapshot(entry: RegisterEntry) -> dict[str, Any]:
    system = entry.system
    return {
        "name_en": system.name,
        "name_cy": entry.name_cy,
        "supplier": system.supplier,
        "description_en": entry.description_en,
        "description_cy": entry.description_cy,
        "purpose_en": entry.purpose_en,
        "purpose_cy": entry.purpose_cy,
        "data_types_en": entry.data_types_en,
        "data_types_cy": entry.data_types_cy,
        "planned_start": system.planned_start,
        "first_use": system.first_use,
        "end_of_use": system.end_of_use,
        "waira_completed_on": system.waira_completed_on,
    }


def _unchanged_since(version: RegisterEntryVersion, snapshot: dict, categories: set[int]) -> bool:
    return all(getattr(version, field) == value for field, value in snapshot.items()) and (
        set(version.decision_categories.values_list("pk", flat=True)) == categories
    )


def _publication_errors(entry: RegisterEntry, *, first: bool, note_en: str, note_cy: str) -> dict:
    """What s.16(3) needs before the entry can be public, in each language the employer owes."""
    errors: dict[str, list[str]] = {}
    system = entry.system
    welsh_owed = system.organisation.subject_to_welsh_language_standards
    required = [
        ("description_en", _("Say what the system is and does, in English.")),
        ("purpose_en", _("Give the purpose or aim in using the system, in English.")),
        ("data_types_en", _("List the types of data the system processes, in English.")),
    ]
    if welsh_owed:
        required += [
            ("description_cy", _("Say what the system is and does, in Welsh.")),
            ("purpose_cy", _("Give the purpose or aim in using the system, in Welsh.")),
            ("data_types_cy", _("List the types of data the system processes, in Welsh.")),
        ]
    for field, message in required:
        if not getattr(entry, field):
            errors.setdefault(field, []).append(str(message))
    if not system.decision_categories.exists():
        errors.setdefault("__all__", []).append(
            _("Record on the AI system the decisions it takes or contributes to before publishing.")
        )
    if not first:
        if not note_en:
            errors.setdefault("change_note_en", []).append(_("Say what changed, in English."))
        if welsh_owed and not note_cy:
            errors.setdefault("change_note_cy", []).append(_("Say what changed, in Welsh."))
    return errors


def _write_version(
    entry: RegisterEntry,
    *,
    actor: User,
    status: str,
    change_date: date | None,
    change_note_en: str,
    change_note_cy: str,
) -> RegisterEntryVersion:
    snapshot = _snapshot(entry)
    last = entry.versions.order_by("-number").first()
    version = RegisterEntryVersion(
        entry=entry,
        number=(last.number + 1) if last else 1,
        status=status,
        published_at=timezone.now(),
        change_date=change_date,
        change_note_en=change_note_en,
        change_note_cy=change_note_cy,
        **snapshot,
    )
    version._history_user = actor  # type: ignore[attr-defined]
    version.save()
    version.decision_categories.set(entry.system.decision_categories.all())
    entry.published_version = version
    entry.has_unpublished_changes = False
    entry.unrecorded_change_on = None
    _set_clock(entry)
    _save_entry(entry, actor)
    return version


def _locked_entry(entry: RegisterEntry) -> RegisterEntry:
    return (
        RegisterEntry.objects.select_for_update(of=("self",))
        .select_related("system__organisation", "published_version")
        .get(pk=entry.pk)
    )


@transaction.atomic
def register_entry_publish(
    *,
    actor: User,
    entry: RegisterEntry,
    change_date: date | None = None,
    change_note_en: str = "",
    change_note_cy: str = "",
) -> RegisterEntryVersion:
    """Publish the working copy as the entry's next version (s.16(4), (5))."""
    if not permissions.can_publish_entry(actor, entry.system):
        raise PermissionDenied
    entry = _locked_entry(entry)
    system = entry.system
    today = _today()
    first = entry.published_version is None
    note_en, note_cy = change_note_en.strip(), change_note_cy.strip()
    if not system.used_in_high_risk_decision_making:
        raise ValidationError(
            _("The register lists only systems used in high-risk decision-making.")
        )
    if system.end_of_use and system.end_of_use <= today:
        raise ValidationError(_("Its use has ended: record the end of use instead."))
    errors = _publication_errors(entry, first=first, note_en=note_en, note_cy=note_cy)
    if not first:
        if change_date is None:
            errors.setdefault("change_date", []).append(_("Enter the date of the change."))
        elif change_date > today:
            errors.setdefault("change_date", []).append(
                _("The date of the change cannot be in the future.")
            )
    if errors:
        raise ValidationError(errors)
    categories = set(system.decision_categories.values_list("pk", flat=True))
    if (
        entry.published_version is not None
        and entry.status == EntryStatus.PUBLISHED
        and _unchanged_since(entry.published_version, _snapshot(entry), categories)
    ):
        raise ValidationError(
            _("Nothing has changed since version %(number)s.")
            % {"number": entry.published_version.number}
        )
    from_state = entry.status
    entry.publish()
    version = _write_version(
        entry,
        actor=actor,
        status=EntryStatus.PUBLISHED,
        change_date=None if first else change_date,
        change_note_en=note_en,
        change_note_cy=note_cy,
    )
    timeline_record(
        organisation=system.organisation,
        subject=entry,
        actor=actor,
        kind="register_entry_published",
        from_state=from_state,
        to_state=entry.status,
        data={"version": version.number},
    )
    return version


@transaction.atomic
def register_entry_retire(
    *, actor: User, entry: RegisterEntry, change_note_en: str = "", change_note_cy: str = ""
) -> RegisterEntryVersion:
    """Publish the final version: use has ended (s.16(3)(b); ending use is a change, s.16(5)).
    The entry stays in the public register with the date its use ended."""
    if not permissions.can_publish_entry(actor, entry.system):
        raise PermissionDenied
    entry = _locked_entry(entry)
    system = entry.system
    if system.end_of_use is None or system.end_of_use > _today():
        raise ValidationError(
            _("Record on the AI system the date its use ended before retiring its entry.")
        )
    errors = _publication_errors(
        entry, first=True, note_en=change_note_en.strip(), note_cy=change_note_cy.strip()
    )
    if errors:
        raise ValidationError(errors)
    from_state = entry.status
    try:
        entry.retire()
    except TransitionNotAllowed as refused:
        raise ValidationError(_("This entry has already been retired.")) from refused
    version = _write_version(
        entry,
        actor=actor,
        status=EntryStatus.RETIRED,
        change_date=system.end_of_use,
        change_note_en=change_note_en.strip(),
        change_note_cy=change_note_cy.strip(),
    )
    timeline_record(
        organisation=system.organisation,
        subject=entry,
        actor=actor,
        kind="register_entry_retired",
        from_state=from_state,
        to_state=entry.status,
        data={"version": version.number},
    )
    return version

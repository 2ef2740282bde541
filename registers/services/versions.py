"""Publishing a register entry as a new version, and retiring it once the system's use has
ended: each is a snapshot the public register shows."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from core.clock import uk_today
from core.history import save_with_actor
from core.models import User
from core.permissions import require
from core.services import timeline_record
from registers import cache, events, permissions, selectors
from registers.models import EntryStatus, RegisterEntry, RegisterEntryVersion
from registers.services.clock import _save_entry, _set_clock


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
        # What the ATRS export says beyond s.16(3), frozen like the rest (docs/adr/0023).
        **selectors.atrs_details_of(system),
    }


def _unchanged_since(
    version: RegisterEntryVersion, snapshot: dict[str, Any], categories: set[int]
) -> bool:
    return all(getattr(version, field) == value for field, value in snapshot.items()) and (
        set(version.decision_categories.values_list("pk", flat=True)) == categories
    )


def _publication_errors(
    entry: RegisterEntry, *, first: bool, note_en: str, note_cy: str
) -> dict[str, list[str]]:
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
    save_with_actor(version, actor)
    version.decision_categories.set(entry.system.decision_categories.all())
    entry.published_version = version
    entry.has_unpublished_changes = False
    entry.unrecorded_change_on = None
    _set_clock(entry)
    _save_entry(entry, actor)
    cache.invalidate()  # the public register changes with this version
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
    entry = _locked_entry(entry)
    require(permissions.can_publish_entry(actor, entry.system))
    system = entry.system
    today = uk_today()
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
    event = timeline_record(
        organisation=system.organisation,
        subject=entry,
        actor=actor,
        kind="register_entry_published",
        from_state=from_state,
        to_state=entry.status,
        data={"version": version.number},
    )
    events.tell_representatives(entry, event)
    return version


@transaction.atomic
def register_entry_retire(
    *, actor: User, entry: RegisterEntry, change_note_en: str = "", change_note_cy: str = ""
) -> RegisterEntryVersion:
    """Publish the final version: use has ended (s.16(3)(b); ending use is a change, s.16(5)).
    The entry stays in the public register with the date its use ended."""
    entry = _locked_entry(entry)
    require(permissions.can_publish_entry(actor, entry.system))
    system = entry.system
    if system.end_of_use is None or system.end_of_use > uk_today():
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

"""The register's clock (s.16): the facts the register states, and the due date an entry owes
(R-REG-INIT until first published, then R-REG-CHANGE from the earliest unpublished change)."""

from __future__ import annotations

from datetime import date
from typing import Any

from core import legal_time
from core.history import save_with_actor
from core.models import User
from core.services import timeline_record
from registers.models import AISystem, DueRule, RegisterEntry


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
    save_with_actor(entry, actor)


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

"""A register entry's text (s.16(3)), bilingual, saved as a draft."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.models import User
from core.permissions import require
from core.services import timeline_record
from registers import permissions
from registers.models import AISystem, RegisterEntry
from registers.services.clock import _note_change, _save_entry, _set_clock

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
    system = AISystem.objects.select_for_update().get(pk=system.pk)
    require(permissions.can_edit_entry(actor, system))
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
        _note_change(entry, uk_today())
    _set_clock(entry)
    _save_entry(entry, actor)
    timeline_record(
        organisation=system.organisation, subject=entry, actor=actor, kind="register_entry_edited"
    )
    return entry

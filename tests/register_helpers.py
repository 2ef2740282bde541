"""Register entries for tests, and the one place a register test says "a WAIRA was completed".

A system in high-risk use already has its initial WAIRA (`system_in_high_risk_use` completes it
two months before first use); `waira_completed` completes a further one on a later day, through
the waira services, so the dates the register shows are derived from real WAIRA records.
"""

from __future__ import annotations

import datetime

from core.models import Organisation, User
from core.roles import Role
from registers import cache as register_cache
from registers import services
from registers.models import AISystem, DecisionCategory, RegisterEntry, RegisterEntryVersion
from tests.system_helpers import system_in_high_risk_use
from tests.waira_helpers import complete_waira_on


def waira_completed(system: AISystem, on: datetime.date) -> AISystem:
    """A further WAIRA on `system` was completed on `on` (s.14(4)), by a commissioner."""
    if system.waira_completed_on and on <= system.waira_completed_on:
        raise ValueError(f"{system} already has a WAIRA completed on {system.waira_completed_on}.")
    commissioner = User.objects.filter(
        memberships__organisation=system.organisation_id,
        memberships__role__in=[Role.COMMISSIONER, Role.ADMINISTRATOR],
    ).first()
    assert commissioner is not None, "the organisation needs a commissioner"
    complete_waira_on(commissioner, system, on)
    system.refresh_from_db()
    return system


ENGLISH = {
    "description_en": "Suggests weekly rotas for home-care workers.",
    "purpose_en": "To fill shifts fairly and cut travel time.",
    "data_types_en": "Shift history, travel times, stated availability.",
}
WELSH = {
    "description_cy": "Mae'n awgrymu rotâu wythnosol i weithwyr gofal cartref.",
    "purpose_cy": "Llenwi shifftiau'n deg a lleihau amser teithio.",
    "data_types_cy": "Hanes shifftiau, amseroedd teithio, argaeledd a nodwyd.",
}


def entry_text(**overrides: str) -> dict[str, str]:
    return {"name_cy": "", **ENGLISH, **WELSH, **overrides}


def entry_for(system: AISystem) -> RegisterEntry:
    return RegisterEntry.objects.get(system=system)


def register_system(
    actor: User,
    organisation: Organisation,
    *,
    first_use: datetime.date,
    categories: tuple[str, ...] = ("allocation-of-work",),
    **fields,
) -> AISystem:
    """A system in high-risk use with the decisions it contributes to (s.16(3)(c))."""
    return system_in_high_risk_use(
        actor,
        organisation,
        first_use=first_use,
        decision_categories=list(DecisionCategory.objects.filter(key__in=categories)),
        **fields,
    )


def published_entry(
    actor: User, system: AISystem, **text: str
) -> tuple[RegisterEntry, RegisterEntryVersion]:
    """Write the entry's text and publish it as its first version."""
    entry = services.register_entry_save(actor=actor, system=system, **entry_text(**text))
    version = services.register_entry_publish(actor=actor, entry=entry)
    entry.refresh_from_db()
    return entry, version


def copies_of_published_entry(entry: RegisterEntry, count: int) -> None:
    """`count` more published entries shaped exactly like `entry` (its system, working copy and
    current version, with the version's categories), written in bulk.

    For the scale tests and the bench only: a thousand entries through the services would take
    minutes, and what is measured there is reading the register, not writing it.
    """
    system, version = entry.system, entry.published_version
    assert version is not None
    start = AISystem.objects.count()
    systems = AISystem.objects.bulk_create(
        [
            AISystem(
                organisation_id=system.organisation_id,
                name=f"{system.name} {start + n}",
                supplier=system.supplier,
                description=system.description,
                used_in_high_risk_decision_making=True,
                first_use=system.first_use,
                waira_completed_on=system.waira_completed_on,
                waira_next_due=system.waira_next_due,
            )
            for n in range(count)
        ]
    )
    entries = RegisterEntry.objects.bulk_create(
        [
            RegisterEntry(
                system=copy,
                **{field: getattr(entry, field) for field in services.ENTRY_TEXT_FIELDS},
            )
            for copy in systems
        ]
    )
    copied = {
        field.name: getattr(version, field.name)
        for field in RegisterEntryVersion._meta.concrete_fields
        if field.name not in {"id", "entry", "name_en"}
    }
    versions = RegisterEntryVersion.objects.bulk_create(
        [
            RegisterEntryVersion(entry=copy, name_en=system_copy.name, **copied)
            for copy, system_copy in zip(entries, systems, strict=True)
        ]
    )
    category_ids = list(version.decision_categories.values_list("pk", flat=True))
    through = RegisterEntryVersion.decision_categories.through
    through.objects.bulk_create(
        [
            through(registerentryversion_id=copy.pk, decisioncategory_id=category_id)
            for copy in versions
            for category_id in category_ids
        ]
    )
    for copy, version_copy in zip(entries, versions, strict=True):
        copy.published_version = version_copy
    # The status is a protected FSM field: bulk_update writes the column without assigning it.
    for copy in entries:
        copy.__dict__["status"] = entry.status
    RegisterEntry.objects.bulk_update(entries, ["published_version", "status"])
    # Written around the services, so the register's cached answers are bumped here.
    register_cache.bump()

"""Who answers: nominated contacts, competent agents and their delegates, the most senior
person (s.17, s.18)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.history import save_with_actor
from core.models import Organisation, User
from core.permissions import require
from core.services import timeline_record
from registers.services import register_cache_invalidate
from rights_requests import permissions
from rights_requests.models import ContactKind, RightsContact

CONTACT_FIELDS = (
    "kind",
    "user",
    "name",
    "job_title",
    "address",
    "email",
    "phone",
    "competent_to_explain",
    "competence_evidence",
    "trained_on",
    "training_evidence",
    "designated_on",
    "designation_evidence",
    "can_discuss_facts_and_reasons",
    "discussion_evidence",
    "can_alter_decision",
    "authority_evidence",
    "delegated_by",
    "ended_on",
)


def _validate_contact(contact: RightsContact) -> None:
    errors: dict[str, str] = {}
    evidence = {
        "competence_evidence": (
            contact.competent_to_explain,
            _("Say what shows they are competent to explain decisions made with AI."),
        ),
        "training_evidence": (contact.trained_on is not None, _("Say what shows the training.")),
        "designation_evidence": (
            contact.designated_on is not None,
            _("Say what shows the designation."),
        ),
        "discussion_evidence": (
            contact.can_discuss_facts_and_reasons,
            _("Say what shows they can discuss the facts, circumstances and reasons."),
        ),
        "authority_evidence": (
            contact.can_alter_decision,
            _("Say what gives them authority to alter decisions."),
        ),
    }
    for field, (claimed, message) in evidence.items():
        if claimed and not getattr(contact, field).strip():
            errors[field] = message
    today = uk_today()
    if contact.trained_on and contact.trained_on > today:
        errors["trained_on"] = _("The training date cannot be in the future.")
    if contact.designated_on and contact.designated_on > today:
        errors["designated_on"] = _("The designation date cannot be in the future.")
    if contact.delegated_by_id is not None:
        delegator = contact.delegated_by
        if contact.kind != ContactKind.COMPETENT_AGENT:
            errors["delegated_by"] = _("Only a competent agent's work can be delegated.")
        elif (
            delegator is None
            or delegator.organisation_id != contact.organisation_id
            or delegator.kind != ContactKind.COMPETENT_AGENT
            or delegator.is_delegate
            or delegator.pk == contact.pk
        ):
            errors["delegated_by"] = _("Choose a competent agent of this organisation.")
    if (
        contact.user_id is not None
        and not contact.user.memberships.filter(  # type: ignore[union-attr]
            organisation_id=contact.organisation_id
        ).exists()
    ):
        errors["user"] = _("Choose an account that belongs to this organisation.")
    if errors:
        raise ValidationError(errors)
    contact.full_clean()


@transaction.atomic
def rights_contact_create(
    *, actor: User, organisation: Organisation, **fields: Any
) -> RightsContact:
    """Record a nominated contact, a competent agent (or delegate) or the most senior person."""
    require(permissions.can_manage_contacts(actor, organisation))
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    contact = RightsContact(organisation=organisation, **fields)
    _validate_contact(contact)
    save_with_actor(contact, actor)
    register_cache_invalidate()  # the register's pages and data name the published contacts
    timeline_record(
        organisation=organisation,
        subject=contact,
        actor=actor,
        kind="rights_contact_recorded",
        data={"kind": contact.kind, "name": contact.name},
    )
    return contact


@transaction.atomic
def rights_contact_update(*, actor: User, contact: RightsContact, **fields: Any) -> RightsContact:
    contact = RightsContact.objects.select_for_update().get(pk=contact.pk)
    require(permissions.can_manage_contacts(actor, contact.organisation_id))
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown contact fields: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(contact, name) != value]
    if not changed:
        return contact
    for name, value in fields.items():
        setattr(contact, name, value)
    _validate_contact(contact)
    save_with_actor(contact, actor)
    register_cache_invalidate()  # the register's pages and data name the published contacts
    timeline_record(
        organisation=contact.organisation,
        subject=contact,
        actor=actor,
        kind="rights_contact_updated",
        data={"fields": changed},
    )
    return contact

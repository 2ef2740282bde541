"""Reads of rights-request data that need rules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from core import legal_time
from rights_requests.models import ContactKind, RightsContact


def _today() -> date:
    return legal_time.uk_date(timezone.now())


# --- Who answers (s.17(8)-(9), s.18(3)-(4)) --------------------------------------------------


@dataclass(frozen=True)
class PublishedContact:
    role: str  # "nominated_contact" (s.17(8)-(9)) or "competent_agent" (s.18(3)-(4))
    name: str
    job_title: str
    address: str
    email: str
    phone: str
    is_default_most_senior: bool  # True when nobody is nominated and this is the most senior


def current_contacts(today: date | None = None) -> QuerySet[RightsContact]:
    """Contacts in post today (UK date)."""
    today = today or _today()
    return RightsContact.objects.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))


def _published(contact: RightsContact, role: str, *, default: bool) -> PublishedContact:
    return PublishedContact(
        role=role,
        name=contact.name,
        job_title=contact.job_title,
        address=contact.address,
        email=contact.email,
        phone=contact.phone,
        is_default_most_senior=default,
    )


def published_contacts_for(organisation_ids: Iterable[int]) -> dict[int, list[PublishedContact]]:
    """Only the published details, for the public register; a fixed number of queries (one).

    Each organisation's nominated contacts, then its competent agents (delegates are the
    agent's own arrangement under s.18(7), so they are not published). Where nobody holds one of
    the roles, the most senior person stands in for it (s.17(9), s.18(3)) and is marked so.
    Organisations with nothing recorded map to an empty list.
    """
    ids = list(organisation_ids)
    result: dict[int, list[PublishedContact]] = {org_id: [] for org_id in ids}
    if not ids:
        return result
    by_org: dict[int, dict[str, list[RightsContact]]] = {}
    contacts = current_contacts().filter(organisation_id__in=ids, delegated_by__isnull=True)
    for contact in contacts.order_by("name", "id"):
        by_org.setdefault(contact.organisation_id, {}).setdefault(contact.kind, []).append(contact)
    for org_id, kinds in by_org.items():
        senior = kinds.get(ContactKind.MOST_SENIOR_PERSON, [])
        for role in (ContactKind.NOMINATED_CONTACT, ContactKind.COMPETENT_AGENT):
            holders = kinds.get(role, [])
            if holders:
                result[org_id] += [_published(c, str(role), default=False) for c in holders]
            else:
                result[org_id] += [_published(c, str(role), default=True) for c in senior[:1]]
    return result

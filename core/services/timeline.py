"""The event timeline: who did what to an object, when and why (shown on pages and in packs).

Every event is sealed into its organisation's hash chain as it is written (core/chain.py,
docs/adr/0014): under a lock held for the organisation until the transaction ends, so two
events never share a predecessor. Sweeps that write events in bulk (one statement for any
number) leave them to `core.tasks.seal_timeline`, queued on commit, which seals them in chunks;
the next event recorded for the organisation seals any still waiting first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from core import chain
from core.models import Organisation, TimelineEvent, User

# The first key of PostgreSQL's two-key advisory locks, naming the timeline's chain.
CHAIN_LOCK = 0x11A15


def timeline_record(
    *,
    organisation: Organisation,
    subject: models.Model,
    actor: User | None,
    kind: str,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> TimelineEvent:
    event = TimelineEvent.objects.create(
        organisation=organisation,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        actor=actor,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        data=data or {},
    )
    sealed = timeline_seal([organisation.pk])
    return sealed.get(event.pk, event)


def _lock(organisation_ids: list[int]) -> None:
    """Hold each organisation's chain until the transaction ends (PostgreSQL; SQLite, which
    `make run` uses, writes one transaction at a time anyway). In id order: no deadlock."""
    if connection.vendor != "postgresql" or not organisation_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, o) FROM unnest(%s::int[]) AS o ORDER BY o",
            [CHAIN_LOCK, sorted(organisation_ids)],
        )


def subject_label(content_type_id: int, object_id: int) -> str:
    content_type = ContentType.objects.get_for_id(content_type_id)
    return f"{content_type.app_label}.{content_type.model}:{object_id}"


def timeline_seal(
    organisation_ids: Iterable[int], *, limit: int | None = None
) -> dict[int, TimelineEvent]:
    """Seal the organisations' unsealed events into their chains, in the order they were
    written (at most `limit` of them): a few statements. Returns the events sealed."""
    ids = sorted(set(organisation_ids))
    _lock(ids)
    pending = list(
        TimelineEvent.objects.filter(organisation_id__in=ids, chain_position__isnull=True).order_by(
            "organisation_id", "id"
        )[:limit]
    )
    if not pending:
        return {}
    heads = (
        {
            event.organisation_id: event
            for event in TimelineEvent.objects.filter(
                organisation_id__in={event.organisation_id for event in pending},
                chain_position__isnull=False,
            )
            .order_by("organisation_id", "-chain_position")
            .distinct("organisation_id")
        }
        if connection.vendor == "postgresql"
        else _heads_one_by_one(pending)
    )
    for event in pending:
        head = heads.get(event.organisation_id)
        seal(event, head)
        heads[event.organisation_id] = event
    TimelineEvent.objects.bulk_update(
        pending,
        ["chain_position", "previous_sha256", "who_why_sha256", "sha256"],
        batch_size=2000,
    )
    return {event.pk: event for event in pending}


def _heads_one_by_one(pending: list[TimelineEvent]) -> dict[int, TimelineEvent]:
    heads = {}
    for organisation_id in {event.organisation_id for event in pending}:
        head = (
            TimelineEvent.objects.filter(
                organisation_id=organisation_id, chain_position__isnull=False
            )
            .order_by("-chain_position")
            .first()
        )
        if head is not None:
            heads[organisation_id] = head
    return heads


def seal(event: TimelineEvent, head: TimelineEvent | None) -> None:
    """Give `event` its place after `head` (None: the first of its organisation) and its hashes."""
    event.chain_position = 1 if head is None else (head.chain_position or 0) + 1
    event.previous_sha256 = chain.GENESIS if head is None else head.sha256
    event.who_why_sha256 = chain.who_why_sha256(event.actor_id, event.reason)
    event.sha256 = chain.event_sha256(
        organisation_id=event.organisation_id,
        subject=subject_label(event.content_type_id, event.object_id),
        position=event.chain_position,
        kind=event.kind,
        from_state=event.from_state,
        to_state=event.to_state,
        data=event.data,
        when=chain.when_sha256(event.created_at.isoformat()),
        who_why=event.who_why_sha256,
        previous=event.previous_sha256,
    )

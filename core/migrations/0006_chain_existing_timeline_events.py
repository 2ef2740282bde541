"""Seal the events written before the hash chain into their organisations' chains, in the
order they were written (core/chain.py; docs/adr/0014)."""

from typing import Any

from django.db import migrations

from core import chain


def chain_existing_events(apps: Any, schema_editor: Any) -> None:
    TimelineEvent = apps.get_model("core", "TimelineEvent")
    ContentType = apps.get_model("contenttypes", "ContentType")
    labels = {ct.pk: f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all()}
    heads: dict[int, Any] = {}
    batch = []
    events = TimelineEvent.objects.filter(chain_position__isnull=True).order_by(
        "organisation_id", "id"
    )
    for event in events.iterator(chunk_size=2000):
        head = heads.get(event.organisation_id)
        event.chain_position = 1 if head is None else head[0] + 1
        event.previous_sha256 = chain.GENESIS if head is None else head[1]
        event.who_why_sha256 = chain.who_why_sha256(event.actor_id, event.reason)
        event.sha256 = chain.event_sha256(
            organisation_id=event.organisation_id,
            subject=f"{labels[event.content_type_id]}:{event.object_id}",
            position=event.chain_position,
            kind=event.kind,
            from_state=event.from_state,
            to_state=event.to_state,
            data=event.data,
            when=chain.when_sha256(event.created_at.isoformat()),
            who_why=event.who_why_sha256,
            previous=event.previous_sha256,
        )
        heads[event.organisation_id] = (event.chain_position, event.sha256)
        batch.append(event)
        if len(batch) >= 2000:
            TimelineEvent.objects.bulk_update(
                batch, ["chain_position", "previous_sha256", "who_why_sha256", "sha256"]
            )
            batch = []
    if batch:
        TimelineEvent.objects.bulk_update(
            batch, ["chain_position", "previous_sha256", "who_why_sha256", "sha256"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_timeline_hash_chain"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(chain_existing_events, migrations.RunPython.noop)]

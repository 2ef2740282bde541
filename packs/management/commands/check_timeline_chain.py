"""Check an organisation's whole timeline chain in the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.services.timeline import subject_label
from packs import selectors
from packs.verification import check_chain


class Command(BaseCommand):
    help = "Walk an organisation's hash-chained timeline and name every event that breaks it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("organisation", help="the organisation's slug")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = selectors.organisation_by_slug(options["organisation"])
        if organisation is None:
            raise CommandError(f"No organisation {options['organisation']!r}.")
        events = selectors.chain_of(organisation.pk)
        breaks = check_chain(events.iterator(chunk_size=2000), subject_label)
        for found in breaks:
            self.stdout.write(
                f"BROKEN event id={found.event_id} position={found.position}: {found.problem}"
            )
        count = events.count()
        if breaks:
            raise CommandError(f"The chain of {organisation.slug} is broken ({count} events).")
        whole = f"The chain of {organisation.slug} is whole: {count} events."
        self.stdout.write(self.style.SUCCESS(whole))

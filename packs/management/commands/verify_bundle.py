"""Say whether an evidence bundle (ZIP) is intact, or exactly which file or event changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from packs import selectors
from packs.verification import verify_bundle


class Command(BaseCommand):
    help = "Check an evidence bundle: every file against its manifest, every timeline event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bundle", help="path to the bundle's ZIP file")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with open(options["bundle"], "rb") as handle:
                report = verify_bundle(handle)
        except OSError as error:
            raise CommandError(f"Cannot read {options['bundle']}: {error}") from error
        if not report.readable:
            raise CommandError("This is not an evidence bundle Llais can read.")
        for path in report.missing:
            self.stdout.write(f"MISSING {path}")
        for path in report.changed:
            self.stdout.write(f"CHANGED {path}")
        for path in report.unlisted:
            self.stdout.write(f"NOT IN MANIFEST {path}")
        for problem in report.events:
            self.stdout.write(
                f"EVENT CHANGED id={problem.event_id} position={problem.position} "
                f"({', '.join(problem.problems)})"
            )
        issued = selectors.pack_issued(report.manifest_sha256)
        self.stdout.write(
            f"Manifest {report.manifest_sha256}: "
            + (f"issued here as pack {issued.pk}" if issued else "not issued by this Llais")
        )
        summary = f"{report.files_checked} files and {report.events_checked} events checked"
        if not report.intact:
            raise CommandError(f"NOT INTACT: {summary}.")
        self.stdout.write(self.style.SUCCESS(f"INTACT: {summary}."))

"""Bring in a case exported by another Llais installation (docs/case-export.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from packs import selectors
from packs.case_import import CaseImportRefused, case_document_read, case_import


class Command(BaseCommand):
    help = "Import a case from a JSON file made by export_case or the case's page."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the case's .json file")
        parser.add_argument("--organisation", required=True, help="the organisation's slug")
        parser.add_argument(
            "--actor", required=True, help="email of the member who imports it (a commissioner)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = selectors.organisation_by_slug(options["organisation"])
        if organisation is None:
            raise CommandError(f"There is no organisation {options['organisation']!r}.")
        actor = selectors.member_by_email(organisation, options["actor"])
        if actor is None:
            raise CommandError(f"{options['actor']} is not a member of {organisation}.")
        try:
            with open(options["file"], "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        try:
            case = case_import(
                actor=actor, organisation=organisation, document=case_document_read(raw)
            )
        except CaseImportRefused as refused:
            raise CommandError("\n".join(refused.problems)) from None
        except PermissionDenied:
            raise CommandError(f"{actor.email} may not start cases in {organisation}.") from None
        self.stdout.write(f"Imported as case {case.pk}: {case.title}")

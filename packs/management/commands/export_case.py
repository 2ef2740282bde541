"""Write a case as JSON in Llais's case format (docs/case-export.md), to move it elsewhere."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from packs import selectors
from packs.case_export import case_export


class Command(BaseCommand):
    help = "Export a case as JSON (docs/case-export.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("pk", type=int, help="the case's number")
        parser.add_argument("--output", help="the file to write (standard output without it)")

    def handle(self, *args: Any, **options: Any) -> None:
        case = selectors.case_by_pk(options["pk"])
        if case is None:
            raise CommandError(f"There is no case {options['pk']}.")
        text = json.dumps(case_export(case), ensure_ascii=False, indent=2)
        if options["output"]:
            try:
                with open(options["output"], "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error}") from error
            self.stdout.write(f"Case {case.pk} written to {options['output']}.")
        else:
            self.stdout.write(text)

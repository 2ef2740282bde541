"""Load a demo council: a person in every role and a procurement case at every stage.

Every case is built through the services, gate by gate (`demo.case_builder`), so the timeline,
the history and the gates are real, and a change to a gate shows up here as a refusal.

Safe to run twice: if the demo organisation exists nothing is created. The credentials table is
printed either way.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.accounts.selectors import authenticator_key, authenticator_of, recovery_codes_of
from core.models import Organisation, User
from core.roles import SECOND_FACTOR_ROLES, Role
from demo.council import DEFAULT_PASSWORD, DEMO_SLUG, OPERATOR_USERNAME, PEOPLE
from demo.loader import load_demo
from procurement.models import ProcurementCase
from procurement.services import GateRefused


class Command(BaseCommand):
    help = (
        "Load a demo council with a person in every role and a procurement case at every stage, "
        "built through the services. Safe to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"The password for every demo person (default: {DEFAULT_PASSWORD}).",
        )

    def handle(self, *args: Any, password: str, **options: Any) -> None:
        if Organisation.objects.filter(slug=DEMO_SLUG).exists():
            self.stdout.write(
                f"The demo organisation '{DEMO_SLUG}' is already loaded: nothing was created or "
                "changed. If it was loaded with --password, sign in with that password."
            )
            self._print_people(password)
            return
        clashes = User.objects.filter(
            username__in=[p.username for p in PEOPLE] + [OPERATOR_USERNAME]
        )
        if clashes.exists():
            names = ", ".join(clashes.values_list("username", flat=True))
            raise CommandError(f"These usernames are taken, so the demo cannot load: {names}.")
        try:
            organisation = load_demo(password=password, on_case_built=self._print_case)
        except GateRefused as refused:
            raise CommandError(f"A gate refused the demo data: {refused}") from refused
        self.stdout.write(self.style.SUCCESS(f"Loaded {organisation.name_en} ({DEMO_SLUG})."))
        self._print_people(password)

    def _print_case(self, case: ProcurementCase) -> None:
        self.stdout.write(f"  {case.get_stage_display():<36} {case.title}")

    def _print_people(self, password: str) -> None:
        rows = [("username", "password", "role", "name")] + [
            (
                p.username,
                password,
                str(p.role.label)
                + (" (members, roles, settings)" if p.role == Role.ADMINISTRATOR else ""),
                f"{p.first_name} {p.last_name}",
            )
            for p in PEOPLE
        ]
        rows.append(
            (
                OPERATOR_USERNAME,
                password,
                "Platform operator: Django admin, superuser, no organisation",
                "Platform Operator",
            )
        )
        widths = [max(len(row[column]) for row in rows) for column in range(4)]
        for number, row in enumerate(rows):
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  ".join(cells).rstrip())
            if number == 0:
                self.stdout.write("  ".join("-" * width for width in widths))
        self._print_second_factors()

    def _print_second_factors(self) -> None:
        """The demo people who must use a second factor: the key to type into an authenticator
        app (choose "enter a setup key", time-based), and their unused recovery codes."""
        self.stdout.write("")
        self.stdout.write(
            "These people must also enter a code after the password. Add the key to any "
            "authenticator app (time-based, 6 digits), or use one of the recovery codes once:"
        )
        usernames = [p.username for p in PEOPLE if p.role in SECOND_FACTOR_ROLES]
        for username in [*usernames, OPERATOR_USERNAME]:
            user = User.objects.filter(username=username).first()
            device = authenticator_of(user) if user else None
            if user is None or device is None:
                continue
            self.stdout.write(f"  {username}")
            self.stdout.write(f"    authenticator key: {authenticator_key(device)}")
            self.stdout.write(f"    recovery codes:    {' '.join(recovery_codes_of(user))}")

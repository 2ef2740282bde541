"""Worlds for the failure tests: systems built through the real services and gates."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import Organisation, SweepRun, User
from core.services import sweep_run
from procurement import services as procurement_services
from registers.models import AISystem
from tests.procurement_helpers import new_case
from tests.waira_helpers import assessable_system, at_noon, complete_waira_on
from waira import services as waira_services


@contextmanager
def on(day: datetime.date) -> Iterator[None]:
    with time_machine.travel(at_noon(day), tick=False):
        yield


def sweep_on(day: datetime.date) -> SweepRun:
    with on(day):
        return sweep_run("accountability")


def evidence() -> SimpleUploadedFile:
    return SimpleUploadedFile("log.txt", b"2026-02-27 first ranked rota published\n", "text/plain")


def consulted_system(
    actor: User,
    organisation: Organisation,
    *,
    first_use: datetime.date,
    workers: list[User],
    union_rep: User | None = None,
) -> AISystem:
    """A system whose initial WAIRA was shared with `workers` two months before `first_use`, in
    high-risk use from then, and (with `union_rep`) linked to a case the rep is assigned to."""
    from core import legal_time

    assessed_on = legal_time.add_months(first_use, -2)
    with on(assessed_on):
        system = assessable_system(actor, organisation, planned_start=first_use)
    complete_waira_on(actor, system, assessed_on, workers)
    with on(first_use):
        system = waira_services.high_risk_start_record(
            actor=actor, system=system, started_on=first_use
        )
        if union_rep is not None:
            case = new_case(actor, organisation, union_rep)
            procurement_services.case_link_ai_system(actor=actor, case=case, system=system)
    return system


def breach_start(actor: User, system: AISystem, start: datetime.date, today: datetime.date):
    with on(today):
        return waira_services.high_risk_start_breach_record(
            actor=actor,
            system=system,
            started_on=start,
            account="The service manager switched on automated rota decisions.",
            evidence=evidence(),
        )

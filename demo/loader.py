"""The one entry point: build the whole demo council, then run tonight's sweeps."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from core.models import Organisation
from core.roles import Role
from core.services import sweep_names, sweep_run
from demo.accountability import load_failure_letters, load_failures_demo
from demo.case_builder import build_case
from demo.cases import CASES
from demo.council import DEMO_SLUG, PEOPLE, operator_create, person_create
from demo.oversight import load_oversight_demo
from demo.register import load_register_demo
from demo.rights import load_rights_demo
from procurement.models import ProcurementCase


def load_demo(
    *, password: str, on_case_built: Callable[[ProcurementCase], None] = lambda case: None
) -> Organisation:
    """Create the demo council, its people (each with `password`), its cases, register and rights
    requests in one transaction, calling `on_case_built` as each case reaches its stage.

    Raises procurement's `GateRefused` (and creates nothing) if a gate refuses the data. The
    caller checks first that the organisation and the usernames are free.
    """
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name_en="Example County Council",
            name_cy="Cyngor Sir Enghreifftiol",
            slug=DEMO_SLUG,
            subject_to_welsh_language_standards=True,
        )
        people = {p.role: person_create(p, organisation, password) for p in PEOPLE}
        operator_create(password)
        for spec in CASES:
            on_case_built(build_case(spec, organisation, people))
        load_register_demo(organisation, people[Role.COMMISSIONER])
        load_rights_demo(organisation, people)
        load_failures_demo(organisation, people)
        load_oversight_demo(organisation, people)
    # Tonight's sweeps, now, so the demo people have their reminders to read.
    # accountability last, as in the beat schedule: it reads the failures the others record.
    for name in sorted(sweep_names(), key=lambda name: name == "accountability"):
        sweep_run(name, triggered_by="load_demo")
    with transaction.atomic():
        load_failure_letters(organisation, people)
    return organisation

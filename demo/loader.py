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
from demo.contracts import load_contracts_demo
from demo.council import DEMO_SLUG, PEOPLE, operator_create, person_create
from demo.oversight import load_oversight_demo
from demo.oversight_reviews import hold_review
from demo.register import load_register_demo
from demo.rights import load_rights_demo
from packs.builder import pack_build
from packs.services import case_pack_request
from procurement.models import ProcurementCase
from procurement.stages import Stage


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
        cases = []
        for spec in CASES:
            cases.append(build_case(spec, organisation, people))
            on_case_built(cases[-1])
        load_register_demo(organisation, people[Role.COMMISSIONER])
        # Before the rights requests: the open one on RotaCare Planner starts its supplier's clock.
        load_contracts_demo(organisation, people)
        load_rights_demo(organisation, people)
        load_failures_demo(organisation, people)
        load_oversight_demo(organisation, people)
        # The case in oversight: one review signed off, the next one open.
        for case in cases:
            if case.stage == Stage.OVERSIGHT:
                hold_review(
                    case,
                    people,
                    what_has_changed="Disability-related absence no longer counts towards a "
                    "trigger; the board reviewed the first six months of reports.",
                )
    # Tonight's sweeps, now, so the demo people have their reminders to read.
    # accountability last, as in the beat schedule: it reads the failures the others record.
    for name in sorted(sweep_names(), key=lambda name: name == "accountability"):
        sweep_run(name, triggered_by="load_demo")
    with transaction.atomic():
        load_failure_letters(organisation, people)
    # The case in oversight has its assessment pack and evidence bundle, made here and now (in
    # one transaction, so the task queued on commit finds it built and leaves it alone), so a
    # new user can open one and check its bundle at once.
    in_oversight = [case for case in cases if case.stage == Stage.OVERSIGHT]
    for case in in_oversight[:1]:
        with transaction.atomic():
            pack = case_pack_request(actor=people[Role.COMMISSIONER], case=case, language="en")
            pack_build(pack_id=pack.pk)
    return organisation

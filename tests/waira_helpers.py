"""Build WAIRAs through the real services: a test's WAIRA has really been shared, consulted on
and completed, so every gate it meets is met for real."""

from __future__ import annotations

import datetime

import time_machine

from core import legal_time
from core.clock import uk_today
from core.models import Organisation, User
from core.roles import Role
from registers import services as register_services
from registers.models import AISystem, DecisionCategory
from tests.factories import member
from waira import services
from waira.content import CHARACTERISTICS, STATUTES, TEXT_FIELDS
from waira.models import AdverseAspect, Waira, WairaKind

ALL_TEXTS = {
    field: f"The rostering assistant's answer on {field}."
    for fields in TEXT_FIELDS.values()
    for field, _label in fields
}


def at_noon(day: datetime.date) -> datetime.datetime:
    """Midday UK time on a day: a moment that is that day whether GMT or BST."""
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=legal_time.UK)


def assessable_system(
    actor: User,
    organisation: Organisation,
    *,
    name: str = "RotaWise",
    planned_start: datetime.date | None = None,
    **fields,
) -> AISystem:
    """An AI system recorded fully enough for a WAIRA's sections (a)-(d); planned to start in
    three months unless told otherwise. `fields` override the record's defaults."""
    if planned_start is None:
        planned_start = legal_time.add_months(uk_today(), 3)
    record = {
        "supplier": "Rota Systems Ltd",
        "description": "Allocates home-care visits to care workers and plans their routes.",
        "value_chain": "Built and hosted by Rota Systems Ltd; configured by the council's IT team.",
        "decision_categories": list(DecisionCategory.objects.all()[:2]),
        **fields,
    }
    return register_services.ai_system_create(
        actor=actor,
        organisation=organisation,
        name=name,
        used_in_high_risk_decision_making=True,
        planned_start=planned_start,
        **record,
    )


def answer_everything(actor: User, waira: Waira) -> Waira:
    further = waira.kind == WairaKind.FURTHER
    return services.waira_update(
        actor=actor,
        waira=waira,
        texts=dict(ALL_TEXTS),
        statute_risks={
            statute.key: {
                "risk_assessment": f"Risk to the rights in {statute.key}.",
                "monitoring": f"Monthly review of the rights in {statute.key}.",
                "measures": f"Human review of every decision touching {statute.key}.",
            }
            for statute in STATUTES
        },
        not_reasonably_practicable={},
        characteristic_impacts={
            characteristic.key: {
                "impact": f"No difference seen for {characteristic.key}.",
                "inaccurate_decisions": "2 in 1,000 decisions corrected.",
            }
            for characteristic in CHARACTERISTICS
        }
        if further
        else None,
        decisions_modified_note="Every altered decision was a travel-time error."
        if further
        else "",
        harm_incidents="None reported to the forum or through grievances." if further else "",
    )


def fellow_workers(organisation: Organisation, count: int) -> list[User]:
    """`count` more workers of `organisation`, so that a WAIRA shared with them and one more is
    shared with enough workers for anonymous concerns (the default minimum is 5)."""
    return [member(Role.WORKER, organisation) for _ in range(count)]


def share(actor: User, waira: Waira, workers: list[User] | None = None) -> Waira:
    services.waira_share(
        actor=actor,
        waira=waira,
        audience="All home-care workers, day and night shifts.",
        method="Email and team meetings, with printed copies.",
        workers=workers or [],
    )
    waira.refresh_from_db()
    return waira


def discuss_and_conclude(actor: User, waira: Waira) -> Waira:
    sharing = waira.sharings.first()
    assert sharing is not None
    services.adverse_aspect_record(
        actor=actor,
        waira=waira,
        aspect="Shorter gaps between visits.",
        discussed_on=legal_time.uk_date(sharing.shared_at),
        discussion="Branch secretary and six care workers.",
        outcome=AdverseAspect.Outcome.MODIFIED,
        outcome_detail="Travel time is now a hard constraint.",
    )
    # A test world shares and concludes on the same day, inside the organisation's listening
    # period: that needs a reason, given here as it would be in Llais.
    return services.waira_conclude(
        actor=actor,
        waira=waira,
        short_listening_reason="The union agreed to conclude early: workers were briefed.",
    )


def complete_waira(actor: User, system: AISystem, workers: list[User] | None = None) -> Waira:
    """Start, answer, share, consult on and complete the next WAIRA of a system, today."""
    waira = services.waira_create(actor=actor, system=system)
    answer_everything(actor, waira)
    share(actor, waira, workers)
    discuss_and_conclude(actor, waira)
    return services.waira_complete(actor=actor, waira=waira)


def complete_waira_on(
    actor: User, system: AISystem, day: datetime.date, workers: list[User] | None = None
) -> Waira:
    with time_machine.travel(at_noon(day), tick=False):
        return complete_waira(actor, system, workers)

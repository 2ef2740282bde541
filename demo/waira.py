"""The demo's WAIRAs: each AI system the demo council uses in high-risk decision-making was
assessed and consulted on before it started, through the real services.

The services stamp every step with the time it happens, and the gates count from those stamps, so
the demo replays each assessment on the day it happened (time-machine moves the clock for the
replay only). Nothing is written around the services: the gates are met for real.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from core import legal_time
from core.models import User
from registers.models import AISystem
from waira import services
from waira.content import CHARACTERISTICS, STATUTES
from waira.models import AdverseAspect, Waira, WairaKind

STATUTE_RISKS = {
    "hswa": (
        "Work intensity and lone working: tighter schedules could cut rest breaks and raise "
        "stress.",
        "Breaks, overtime and stress-related absence by team, reviewed monthly with safety reps.",
        "Minimum breaks and travel time are hard limits the system cannot override.",
    ),
    "hra": (
        "Article 8 (private life): location and activity data reveal more than work needs.",
        "Data-access logs audited each quarter by the Data Protection Officer.",
        "Location is used only during paid working time and is never kept beyond 90 days.",
    ),
    "eqa": (
        "Indirect discrimination against disabled, part-time and older workers, and those with "
        "caring responsibilities.",
        "Outcomes compared by protected characteristic every quarter with the equality lead.",
        "Reasonable adjustments are recorded as constraints; managers review every outlier.",
    ),
    "dpa": (
        "Processing beyond what the purpose needs; automated decisions without human review.",
        "The DPIA is reviewed with the union at each WAIRA; subject access requests tracked.",
        "Data minimised to the fields listed in (g); every decision can be reviewed by a person.",
    ),
    "ukgdpr": (
        "Article 22: decisions with significant effects made solely by automated means.",
        "A sample of decisions is checked each month for meaningful human involvement.",
        "A named manager confirms each decision; workers are told how to ask for a review.",
    ),
}


@dataclass(frozen=True)
class DemoAssessment:
    purpose: str
    logic: str
    data: str
    personal_data: str
    accuracy: str
    metric: str
    concern: str
    response: str
    aspect: str
    outcome_detail: str


def _at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=legal_time.UK)


def _answer(actor: User, waira: Waira, spec: DemoAssessment) -> None:
    further = waira.kind == WairaKind.FURTHER
    services.waira_update(
        actor=actor,
        waira=waira,
        texts={
            "purpose": spec.purpose,
            "decision_logic": spec.logic,
            "data_processed": spec.data,
            "personal_data_influence": spec.personal_data,
            "accuracy_monitoring": spec.accuracy,
            "accuracy_metric": spec.metric,
        },
        statute_risks={
            statute.key: dict(
                zip(
                    ("risk_assessment", "monitoring", "measures"),
                    STATUTE_RISKS[statute.key],
                    strict=True,
                )
            )
            for statute in STATUTES
        },
        not_reasonably_practicable={},
        characteristic_impacts={
            characteristic.key: {
                "impact": "Quarterly comparison of outcomes showed no difference beyond chance.",
                "inaccurate_decisions": "Corrections on review ran at the same rate as for "
                "other workers.",
            }
            for characteristic in CHARACTERISTICS
        }
        if further
        else None,
        decisions_modified_note="Each altered decision was reviewed at the worker-management forum."
        if further
        else "",
        harm_incidents="No incident of harm was reported through the forum, grievances or "
        "health and safety reports."
        if further
        else "",
    )


def assess(
    *,
    system: AISystem,
    commissioner: User,
    officer: User,
    worker: User,
    on: date,
    spec: DemoAssessment,
) -> Waira:
    """Replay, on day `on`, the next WAIRA of `system`: answered, shared with the workers,
    a concern heard and answered, an adverse aspect discussed, concluded and completed."""
    import time_machine  # the demo's replay clock; the product itself never moves time

    with time_machine.travel(_at_noon(on), tick=False):
        waira = services.waira_create(actor=officer, system=system)
        _answer(officer, waira, spec)
        services.waira_share(
            actor=officer,
            waira=waira,
            audience="Every worker whose work the system allocates or reviews, on all shifts.",
            method="Briefings at each team meeting, email, and printed copies in each base.",
            workers=[worker],
        )
        # Shared with one worker in Llais: too few for anonymity to mean anything.
        concern = services.concern_raise(
            actor=worker, waira=waira, text=spec.concern, anonymous=False
        )
        services.concern_respond(actor=officer, concern=concern, response=spec.response)
        services.adverse_aspect_record(
            actor=officer,
            waira=waira,
            aspect=spec.aspect,
            discussed_on=on,
            discussion="Workers' forum with the union branch and twelve workers from every team.",
            outcome=AdverseAspect.Outcome.MODIFIED,
            outcome_detail=spec.outcome_detail,
        )
        # Replayed in one day, so inside the listening period: the demo gives its reason.
        services.waira_conclude(
            actor=officer,
            waira=waira,
            short_listening_reason="The workers' forum and the union branch met that day, heard "
            "every concern raised and agreed the consultation could close.",
        )
        return services.waira_complete(actor=commissioner, waira=waira)


def start_high_risk_use(*, system: AISystem, commissioner: User, started_on: date) -> AISystem:
    return services.high_risk_start_record(actor=commissioner, system=system, started_on=started_on)

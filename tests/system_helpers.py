"""AI systems for tests, built through the real services.

Use `system_in_high_risk_use` for any system that must be in use in high-risk decision-making:
starting such use is gated on the WAIRA and the consultation (s.14(2), s.15(1)), so the helper
completes the initial WAIRA and its consultation two months before, then records the start.
"""

from __future__ import annotations

import datetime

import time_machine

from core import legal_time
from core.models import Organisation, User
from registers.models import AISystem
from tests.waira_helpers import assessable_system, at_noon, complete_waira_on
from waira import services as waira_services


def system_in_high_risk_use(
    actor: User,
    organisation: Organisation,
    *,
    first_use: datetime.date,
    name: str = "RotaWise",
    **fields,
) -> AISystem:
    """`fields` override the AI system record's defaults (supplier, description, categories)."""
    assessed_on = legal_time.add_months(first_use, -2)
    with time_machine.travel(at_noon(assessed_on), tick=False):
        system = assessable_system(
            actor, organisation, name=name, planned_start=first_use, **fields
        )
    complete_waira_on(actor, system, assessed_on)
    with time_machine.travel(at_noon(first_use), tick=False):
        return waira_services.high_risk_start_record(
            actor=actor, system=system, started_on=first_use
        )

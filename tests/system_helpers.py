"""AI systems for tests, built through the real services.

Use `system_in_high_risk_use` for any system that must be in use in high-risk decision-making:
starting such use is gated on the WAIRA and the consultation (s.14(2), s.15(1)), so the helper
walks whatever that gate asks for and tests never write `first_use` on such a system directly.
"""

from __future__ import annotations

import datetime

from core.models import Organisation, User
from registers import services as register_services
from registers.models import AISystem


def system_in_high_risk_use(
    actor: User,
    organisation: Organisation,
    *,
    first_use: datetime.date,
    name: str = "RotaWise",
    **fields,
) -> AISystem:
    return register_services.ai_system_create(
        actor=actor,
        organisation=organisation,
        name=name,
        used_in_high_risk_decision_making=True,
        first_use=first_use,
        **fields,
    )

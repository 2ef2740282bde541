from datetime import date

from core import legal_time
from registers.models import AISystem


def register_entry_due(system: AISystem) -> date | None:
    """s.16(4): the register entry is due three months after first use in high-risk decisions."""
    if system.used_in_high_risk_decision_making and system.first_use:
        return legal_time.register_update_due(system.first_use)
    return None

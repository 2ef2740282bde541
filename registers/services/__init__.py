"""Every write to AI systems and the public register (s.16), one module per idea; the names
callers use are re-exported here."""

from registers.cache import invalidate as register_cache_invalidate
from registers.services.entries import ENTRY_TEXT_FIELDS, register_entry_save
from registers.services.systems import (
    ai_system_create,
    ai_system_high_risk_use_started,
    ai_system_update,
)
from registers.services.versions import register_entry_publish, register_entry_retire

__all__ = [
    "ENTRY_TEXT_FIELDS",
    "ai_system_create",
    "ai_system_high_risk_use_started",
    "ai_system_update",
    "register_cache_invalidate",
    "register_entry_publish",
    "register_entry_retire",
    "register_entry_save",
]

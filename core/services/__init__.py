"""Core's writes, one module per idea; the names callers use are re-exported here."""

from core.services.notifications import (
    NOTIFICATION_ROW,
    notification_create,
    notification_render,
    notification_url,
    notifications_add,
    notifications_deliver,
    notifications_insert,
    notifications_mark_read,
)
from core.services.organisation import (
    ORGANISATION_SETTINGS_FIELDS,
    member_add,
    member_roles_set,
    organisation_settings_update,
)
from core.services.reminders import (
    CLOCK_ESCALATION,
    CLOCK_OWNERS,
    clock_notifications,
    member_rows,
    person_rows,
    reminder_window,
)
from core.services.sql import history_record_created, insert_from_select
from core.services.sweeps import sweep_names, sweep_run
from core.services.timeline import timeline_record
from core.services.users import user_set_language

__all__ = [
    "CLOCK_ESCALATION",
    "CLOCK_OWNERS",
    "NOTIFICATION_ROW",
    "ORGANISATION_SETTINGS_FIELDS",
    "clock_notifications",
    "history_record_created",
    "insert_from_select",
    "member_add",
    "member_roles_set",
    "member_rows",
    "notification_create",
    "notification_render",
    "notification_url",
    "notifications_add",
    "notifications_deliver",
    "notifications_insert",
    "notifications_mark_read",
    "organisation_settings_update",
    "person_rows",
    "reminder_window",
    "sweep_names",
    "sweep_run",
    "timeline_record",
    "user_set_language",
]

"""Core's writes, one module per idea; the names callers use are re-exported here."""

from core.services.events import EVENT_THRESHOLD, Told, members_holding, notify_event
from core.services.notifications import (
    NOTIFICATION_ROW,
    notification_create,
    notification_open,
    notification_open_url,
    notification_render,
    notification_url,
    notifications_add,
    notifications_deliver,
    notifications_insert,
    notifications_mark_read,
    notifications_send_digests,
)
from core.services.organisation import (
    ORGANISATION_SETTINGS_FIELDS,
    member_add,
    member_invite,
    member_roles_set,
    member_second_factor_reset,
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
from core.services.users import user_set_language, user_set_notification_emails

__all__ = [
    "CLOCK_ESCALATION",
    "CLOCK_OWNERS",
    "EVENT_THRESHOLD",
    "NOTIFICATION_ROW",
    "ORGANISATION_SETTINGS_FIELDS",
    "Told",
    "clock_notifications",
    "history_record_created",
    "insert_from_select",
    "member_add",
    "member_invite",
    "member_roles_set",
    "member_rows",
    "member_second_factor_reset",
    "members_holding",
    "notification_create",
    "notification_open",
    "notification_open_url",
    "notification_render",
    "notification_url",
    "notifications_add",
    "notifications_deliver",
    "notifications_insert",
    "notifications_mark_read",
    "notifications_send_digests",
    "notify_event",
    "organisation_settings_update",
    "person_rows",
    "reminder_window",
    "sweep_names",
    "sweep_run",
    "timeline_record",
    "user_set_language",
    "user_set_notification_emails",
]

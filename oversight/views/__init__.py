"""Views parse input, call one service and render. Permissions come from permissions.py. One
module per idea: the governance body, dashboard and incidents; outcome signals; lessons; search;
oversight reviews."""

from oversight.views.governance import (
    action_update,
    dashboard,
    dashboard_csv,
    decision_create,
    governance,
    home,
    incident_answer,
    incident_list,
    incident_report,
    meeting_create,
    meeting_detail,
    meeting_file,
    member_add,
)
from oversight.views.lessons import (
    lesson_create,
    lesson_edit,
    lesson_list,
    shared_lesson,
    shared_lesson_list,
)
from oversight.views.outcomes import (
    signal_detail,
    signal_list,
    signal_list_csv,
    signal_settings,
    system_signals,
    system_signals_csv,
)
from oversight.views.reviews import review_answer, review_decide, review_detail, review_submit
from oversight.views.search import search

__all__ = [
    "action_update",
    "dashboard",
    "dashboard_csv",
    "decision_create",
    "governance",
    "home",
    "incident_answer",
    "incident_list",
    "incident_report",
    "lesson_create",
    "lesson_edit",
    "lesson_list",
    "meeting_create",
    "meeting_detail",
    "meeting_file",
    "member_add",
    "review_answer",
    "review_decide",
    "review_detail",
    "review_submit",
    "search",
    "shared_lesson",
    "shared_lesson_list",
    "signal_detail",
    "signal_list",
    "signal_list_csv",
    "signal_settings",
    "system_signals",
    "system_signals_csv",
]

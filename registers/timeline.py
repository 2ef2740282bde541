"""Words for the events an AI system's and a register entry's timelines show."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "ai_system_created": _("Recorded"),
    "ai_system_updated": _("Details changed"),
    "register_entry_started": _("Register entry started"),
    "register_entry_edited": _("Register entry edited"),
    "register_entry_published": _("Register entry published"),
    "register_entry_retired": _("End of use published"),
    "high_risk_start_recorded": _("Start of high-risk decision-making recorded"),
    "high_risk_start_refused": _("Start of high-risk decision-making refused"),
}


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind.replace("_", " ").capitalize()))

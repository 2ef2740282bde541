"""Words for the events an AI system's and a register entry's timelines show."""

from django.utils.translation import gettext_lazy as _

from core.timeline import register_event_labels

register_event_labels(
    {
        "ai_system_created": _("Recorded"),
        "ai_system_updated": _("Details changed"),
        "register_entry_started": _("Register entry started"),
        "register_entry_edited": _("Register entry edited"),
        "register_entry_published": _("Register entry published"),
        "register_entry_retired": _("End of use published"),
        "high_risk_start_recorded": _("Start of high-risk decision-making recorded"),
    }
)

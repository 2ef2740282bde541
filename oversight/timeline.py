"""Words for the events the governance body's timeline shows."""

from django.utils.translation import gettext_lazy as _

from core.timeline import register_event_labels

register_event_labels(
    {
        "governance_member_added": _("Member joined the governance body"),
        "governance_meeting_recorded": _("Governance meeting recorded"),
        "governance_decision_recorded": _("Decision or action recorded"),
        "governance_action_updated": _("Action updated"),
        "incident_reported": _("Incident reported"),
        "incident_answered": _("Incident answered"),
    }
)

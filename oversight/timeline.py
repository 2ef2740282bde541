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
        "oversight_review_opened": _("Oversight review opened"),
        "oversight_review_answered": _("Oversight review answers saved"),
        "oversight_review_submitted": _("Oversight review submitted for the union's sign-off"),
        "oversight_review_signed_off": _("Oversight review signed off"),
        "oversight_review_dissented": _("Dissent recorded on an oversight review"),
    }
)

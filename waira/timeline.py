"""Words for the events a WAIRA's timeline and an AI system's timeline show."""

from django.utils.translation import gettext_lazy as _

from core.timeline import register_day_only_kinds, register_event_labels

register_event_labels(
    {
        "waira_created": _("WAIRA started"),
        "waira_updated": _("Answers saved"),
        "waira_shared": _("Shared with the workers affected"),
        "concern_raised": _("Concern raised"),
        "concern_answered": _("Concern answered"),
        "adverse_aspect_recorded": _("Adverse aspect discussed"),
        "consultation_concluded": _("Consultation concluded"),
        "consultation_reopened": _("Consultation reopened"),
        "waira_completed": _("WAIRA completed"),
        "waira_commented": _("Comment added"),
        "waira_union_sign_off": _("Union representative signed off"),
        "waira_union_dissent": _("Union representative recorded dissent"),
        "high_risk_start_refused": _("Start of high-risk decision-making refused"),
        "concern_personal_data_removed": _(
            "Personal data in the concerns removed: the time to bring a claim has passed"
        ),
        "high_risk_start_breach_recorded": _(
            "Start of high-risk decision-making recorded as a breach"
        ),
    }
)

# A concern's time to the minute would let a manager match it to who was at work then.
register_day_only_kinds({"concern_raised", "concern_answered"})

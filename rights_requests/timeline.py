"""Words for the events a request's timeline shows."""

from django.utils.translation import gettext_lazy as _

from core.timeline import register_event_labels

register_event_labels(
    {
        "request_made": _("Request made"),
        "late_request_decided": _("Decision on a late request recorded"),
        "due_date_set": _("Due date set"),
        "extension_proposed": _("A longer period proposed: waiting for the worker to agree"),
        "extension_confirmed": _("The worker agreed to the longer period"),
        "extension_declined": _("The worker did not agree to the longer period"),
        "request_started": _("Work started"),
        "agent_assigned": _("Competent agent assigned"),
        "answer_issued": _("Written answer issued"),
        "exemption_claimed": _("Exemption claimed by the employer"),
        "exemption_decided": _("Employer's decision on the exemption recorded"),
        "request_withdrawn": _("Request withdrawn"),
        "compliance_failure_recorded": _("Not answered in time: failure recorded"),
        "early_conciliation_recorded": _("ACAS early conciliation dates recorded"),
        "request_shared": _("Shared with a union representative"),
        "request_unshared": _("No longer shared with a union representative"),
        "personal_data_removed": _("Personal data removed: the time to bring a claim has passed"),
    }
)

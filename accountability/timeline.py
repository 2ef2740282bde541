"""Words for the events a failure's timeline shows."""

from django.utils.translation import gettext_lazy as _

from core.timeline import register_event_labels

register_event_labels(
    {
        "failure_opened": _("Failure recorded, with its tribunal dates"),
        "failure_step_recorded": _("Step taken to get the employer to comply recorded"),
        "failure_letter_drafted": _("Chaser letter drafted"),
        "failure_conciliation_recorded": _("ACAS early conciliation dates recorded"),
    }
)

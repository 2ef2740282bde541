"""The rights requests a person made, with the answers and tribunal dates, for "Your
information" (core.extensions.register_personal_data). Only requests they made themselves."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.extensions import PersonalDataSection, register_personal_data
from core.models import User
from core.your_information import rows_of
from rights_requests.models import RightsRequest

LABELS: dict[str, str | Promise] = {
    "id": _("Request number"),
    "organisation__name_en": _("Organisation"),
    "kind": _("Kind"),
    "state": _("State"),
    "requester_name": _("Name"),
    "requester_email": _("Email address"),
    "requester_status": _("You are"),
    "decision": _("The decision"),
    "decision_date": _("Date of the decision"),
    "aware_on": _("Date you became aware of the decision"),
    "request_text": _("What you asked for"),
    "language": _("Language for letters"),
    "made_at": _("Made at"),
    "due_date": _("Answer due by"),
    "withdrawal_reason": _("Why it was withdrawn"),
    "answer__text": _("The answer"),
    "answer__answered_at": _("Answered at"),
    "answer__outcome": _("Outcome"),
    "failure__failure_date": _("Date of the failure"),
    "failure__file_by": _("File a claim by"),
    "failure__out_of_time_after": _("Out of time after"),
    "personal_data_removed_on": _("Personal data removed on"),
}


@register_personal_data(30)
def rights_requests(user: User) -> PersonalDataSection:
    return PersonalDataSection(
        "rights_requests",
        _("Your requests for an explanation or reconsideration"),
        LABELS,
        rows_of(RightsRequest.objects.filter(requester=user).order_by("made_at").values(*LABELS)),
    )

"""Views parse input, call one service and render. Permissions come from permissions.py. One
module per audience: the worker's pages, staff pages, contacts and the pages of people without
an account."""

from rights_requests.views.contacts import contact_create, contact_edit, contact_list
from rights_requests.views.public import (
    public_confirm,
    public_early_conciliation,
    public_letter_pdf,
    public_request,
    public_request_form,
    public_timeline_pdf,
)
from rights_requests.views.staff import (
    agent_assign,
    due_date_set,
    exemption_claim,
    exemption_decide,
    explanation_issue,
    figures,
    queue,
    reconsideration_conclude,
    request_copy,
    request_log,
    request_start,
    window_decide,
)
from rights_requests.views.worker import (
    early_conciliation,
    extension_answer,
    letter,
    letter_pdf,
    request_create,
    request_detail,
    request_list,
    request_share,
    request_withdraw,
    timeline_pdf,
)

__all__ = [
    "agent_assign",
    "contact_create",
    "contact_edit",
    "contact_list",
    "due_date_set",
    "early_conciliation",
    "exemption_claim",
    "exemption_decide",
    "explanation_issue",
    "extension_answer",
    "figures",
    "letter",
    "letter_pdf",
    "public_confirm",
    "public_early_conciliation",
    "public_letter_pdf",
    "public_request",
    "public_request_form",
    "public_timeline_pdf",
    "queue",
    "reconsideration_conclude",
    "request_copy",
    "request_create",
    "request_detail",
    "request_list",
    "request_log",
    "request_share",
    "request_start",
    "request_withdraw",
    "timeline_pdf",
    "window_decide",
]

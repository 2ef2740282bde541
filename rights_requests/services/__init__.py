"""Every write to rights requests and the people who answer them, one module per idea. Each
service: permission, then state, then write, then the timeline event, then tasks on commit."""

from rights_requests.services.agents import AgentChoice, agent_choices, reconsideration_assign
from rights_requests.services.answers import (
    CHECKLIST,
    explanation_issue,
    reconsideration_conclude,
)
from rights_requests.services.contacts import (
    CONTACT_FIELDS,
    rights_contact_create,
    rights_contact_update,
)
from rights_requests.services.drafts import (
    DRAFT_FIELDS,
    DRAFT_SIGNER_SALT,
    DRAFT_VALID_FOR_SECONDS,
    ConfirmationInvalid,
    ConfirmationsLimited,
    rights_request_confirm,
    rights_request_draft,
)
from rights_requests.services.exemptions import exemption_claim, exemption_decide
from rights_requests.services.failures import failure_record_early_conciliation
from rights_requests.services.handling import (
    rights_request_decide_window,
    rights_request_extension_answer,
    rights_request_set_due_date,
    rights_request_start,
    rights_request_withdraw,
)
from rights_requests.services.making import (
    LOGGED_CHANNELS,
    rights_request_log_received,
    rights_request_make,
    token_sha256,
)
from rights_requests.services.sharing import rights_request_share

__all__ = [
    "CHECKLIST",
    "CONTACT_FIELDS",
    "DRAFT_FIELDS",
    "DRAFT_SIGNER_SALT",
    "DRAFT_VALID_FOR_SECONDS",
    "LOGGED_CHANNELS",
    "AgentChoice",
    "ConfirmationInvalid",
    "ConfirmationsLimited",
    "agent_choices",
    "exemption_claim",
    "exemption_decide",
    "explanation_issue",
    "failure_record_early_conciliation",
    "reconsideration_assign",
    "reconsideration_conclude",
    "rights_contact_create",
    "rights_contact_update",
    "rights_request_confirm",
    "rights_request_decide_window",
    "rights_request_draft",
    "rights_request_extension_answer",
    "rights_request_log_received",
    "rights_request_make",
    "rights_request_set_due_date",
    "rights_request_share",
    "rights_request_start",
    "rights_request_withdraw",
    "token_sha256",
]

"""Who answers workers' rights requests, the requests themselves, and what became of them: one
module per idea, every model imported here so Django finds it.

Contacts (s.17(8)-(9), s.18(3)-(5), (7)); requests (s.17, s.18) and the drafts of people without
an account; their answers, exemption claims and compliance failures (s.19).
"""

from rights_requests.models.answers import ReconsiderationOutcome, RequestAnswer
from rights_requests.models.contacts import ContactKind, RightsContact
from rights_requests.models.drafts import RequestDraft
from rights_requests.models.exemptions import (
    GROUNDS_FOR_KIND,
    GROUNDS_RELYING_ON_A_RECONSIDERATION,
    ExemptionClaim,
    ExemptionDecision,
    ExemptionGround,
)
from rights_requests.models.failures import ComplianceFailure
from rights_requests.models.requests import (
    OPEN_STATES,
    DueBasis,
    ExtensionState,
    ReceivedBy,
    RequesterStatus,
    RequestKind,
    RequestState,
    RightsRequest,
    WindowDecision,
    has_agent,
    has_answer,
    has_open_exemption_claim,
    window_not_accepted,
    window_settled,
)

__all__ = [
    "GROUNDS_FOR_KIND",
    "GROUNDS_RELYING_ON_A_RECONSIDERATION",
    "OPEN_STATES",
    "ComplianceFailure",
    "ContactKind",
    "DueBasis",
    "ExemptionClaim",
    "ExemptionDecision",
    "ExemptionGround",
    "ExtensionState",
    "ReceivedBy",
    "ReconsiderationOutcome",
    "RequestAnswer",
    "RequestDraft",
    "RequestKind",
    "RequestState",
    "RequesterStatus",
    "RightsContact",
    "RightsRequest",
    "WindowDecision",
    "has_agent",
    "has_answer",
    "has_open_exemption_claim",
    "window_not_accepted",
    "window_settled",
]

"""How a rights request's state looks on a page: state → GOV.UK tag colour and label."""

from core.status_tags import coloured_choices, register_statuses
from rights_requests.models import RequestState

STATE_COLOURS: dict[str, str] = {
    RequestState.ANSWERED: "green",
    RequestState.REFUSED: "grey",
    RequestState.WITHDRAWN: "grey",
    RequestState.EXEMPTION_CLAIMED: "orange",
}


register_statuses("rights_requests.state", coloured_choices(RequestState.choices, STATE_COLOURS))

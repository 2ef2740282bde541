"""How WAIRA states look on a page: state → GOV.UK tag colour and label."""

from django.utils.translation import gettext_lazy as _

from core.status_tags import Status, coloured_choices, register_statuses
from waira.models import WairaState

STATE_COLOURS: dict[str, str] = {
    WairaState.COMPLETED: "green",
    WairaState.CONCLUDED: "turquoise",
    WairaState.SHARED: "blue",
}
# What a worker sees of a consultation: open while the WAIRA is shared, closed otherwise.
CONSULTATION_CLOSED = Status(_("Consultation closed"), "grey")
CONSULTATION_STATUSES = {
    state: CONSULTATION_CLOSED for state in WairaState.values if state != WairaState.SHARED
} | {WairaState.SHARED: Status(_("Open for your concerns"), "blue")}


register_statuses("waira.state", coloured_choices(WairaState.choices, STATE_COLOURS, "grey"))
register_statuses("waira.consultation", CONSULTATION_STATUSES)

"""How register states look on a page: state → GOV.UK tag colour and label."""

from core.status_tags import Status, coloured_choices, register_statuses
from registers.models import EntryStatus
from registers.selectors import PUBLIC_STATUSES

ENTRY_STATUS_COLOURS: dict[str, str] = {
    EntryStatus.DRAFT: "grey",
    EntryStatus.PUBLISHED: "green",
    EntryStatus.RETIRED: "blue",
}
# The public register's status of a published entry (selectors.public_status).
PUBLIC_STATUS_COLOURS = {"in-use": "green", "planned": "blue", "ended": "grey"}


register_statuses("registers.entry", coloured_choices(EntryStatus.choices, ENTRY_STATUS_COLOURS))
register_statuses(
    "registers.public",
    {key: Status(PUBLIC_STATUSES[key], colour) for key, colour in PUBLIC_STATUS_COLOURS.items()},
)

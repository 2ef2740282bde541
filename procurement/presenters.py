"""How procurement's states look on a page: state → GOV.UK tag colour and label."""

from django.utils.translation import gettext_lazy as _

from core.status_tags import Status, coloured_choices, register_statuses
from procurement.stages import RiskLevel, Stage

STAGE_COLOURS: dict[str, str] = {
    Stage.PLANNING: "blue",
    Stage.TENDER_AWARD: "purple",
    Stage.DEVELOPMENT: "orange",
    Stage.DEPLOYMENT: "green",
    Stage.OVERSIGHT: "turquoise",
    Stage.CANCELLED: "red",
}
RISK_COLOURS: dict[str, str] = {RiskLevel.HIGH: "red", RiskLevel.MEDIUM: "yellow"}
# Where each toolkit stage stands in the case page's list of stages ("todo" shows no tag).
STAGE_PROGRESS = {
    "current": Status(_("Current stage"), "blue"),
    "done": Status(_("Done"), "green"),
    "todo": None,
}


register_statuses("procurement.stage", coloured_choices(Stage.choices, STAGE_COLOURS, "grey"))
register_statuses("procurement.risk", coloured_choices(RiskLevel.choices, RISK_COLOURS, "grey"))
register_statuses("procurement.stage_progress", STAGE_PROGRESS)

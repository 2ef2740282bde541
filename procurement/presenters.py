"""How procurement's states look on a page: state → GOV.UK tag colour and label."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.status_tags import Status, coloured_choices, register_statuses
from procurement.gates import Missing
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
STAGE_PROGRESS: dict[str, Status | None] = {
    "current": Status(_("Current stage"), "blue"),
    "done": Status(_("Done"), "green"),
    "overridden": Status(_("Overridden"), "orange"),
    "todo": None,
}


register_statuses("procurement.stage", coloured_choices(Stage.choices, STAGE_COLOURS, "grey"))
register_statuses("procurement.risk", coloured_choices(RiskLevel.choices, RISK_COLOURS, "grey"))
register_statuses("procurement.stage_progress", STAGE_PROGRESS)


@dataclass(frozen=True)
class GateItem:
    """One thing missing at a gate, with the page where it is put right (or "" where this
    person cannot put it right)."""

    missing: Missing
    url: str


# Which of the case page's permissions each blocker needs, and the page that fixes it.
_FIXED_BY: dict[str, tuple[str, str]] = {
    "owner": ("can_edit", "procurement:case_edit"),
    "engagement_plan": ("can_edit", "procurement:case_edit"),
    "risk_level": ("can_edit", "procurement:case_edit"),
    "union_identified": ("can_assign", "procurement:union_representatives"),
    "ledger_worker_participation": ("can_record", "procurement:activity_create"),
    "high_risk_protected_characteristics_workshop": ("can_record", "procurement:activity_create"),
    "union_sign_off": ("can_decide", "procurement:gate_decide"),
    "go_live_ai_system": ("can_edit", "procurement:case_systems"),
    "award_recorded": ("can_manage_bids", "procurement:bid_assessment"),
}


def gate_items(
    case_pk: int, missing: tuple[Missing, ...], *, allowed: dict[str, bool], carry_forward: str
) -> list[GateItem]:
    """Each blocker as a link to where it is fixed: the case's own pages for the toolkit's
    items, the prompts further down the page, the AI system's page for the Bill's go-live
    gates (its WAIRA and consultation are reached from there)."""
    items = []
    for item in missing:
        url = ""
        if item.code in _FIXED_BY:
            permission, name = _FIXED_BY[item.code]
            if allowed.get(permission):
                url = reverse(name, args=[case_pk])
        elif item.code == "prompts_unanswered":
            url = "#prompts"
        elif item.code == "closing_review":
            url = "#oversight-reviews"  # the oversight app's panel on the case page
        elif item.code == "carry_forward" and allowed.get("can_edit") and carry_forward:
            url = reverse("procurement:carry_forward_edit", args=[case_pk, carry_forward])
        elif item.system_id is not None:
            url = reverse("registers:system_detail", args=[item.system_id])
        items.append(GateItem(item, url))
    return items

"""The toolkit's five stages and the order a case moves through them."""

from itertools import pairwise

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    PLANNING = "planning", _("Planning")
    TENDER_AWARD = "tender_award", _("Tender and award")
    DEVELOPMENT = "development", _("Development and customisation")
    DEPLOYMENT = "deployment", _("Deployment and contract management")
    OVERSIGHT = "oversight", _("Oversight")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


# The order a case moves through, written once: the toolkit's five stages, then closed. The
# stage list, the next stage, the state machine's forward move and the carry-forward stages
# are all derived from it.
STAGE_ORDER: tuple[str, ...] = (
    Stage.PLANNING,
    Stage.TENDER_AWARD,
    Stage.DEVELOPMENT,
    Stage.DEPLOYMENT,
    Stage.OVERSIGHT,
    Stage.CLOSED,
)
TOOLKIT_STAGES: tuple[str, ...] = STAGE_ORDER[:-1]
OPEN_STAGES = TOOLKIT_STAGES
NEXT_STAGE: dict[str, str] = dict(pairwise(STAGE_ORDER))
# Entering stages 2-5 needs the toolkit's carry-forward record (G-TK-CARRY-FORWARD).
CARRY_FORWARD_STAGES: tuple[str, ...] = TOOLKIT_STAGES[1:]


def previous_stage(stage: str) -> str | None:
    """The toolkit stage before `stage`, or None for planning and the ended states."""
    previous = {target: source for source, target in NEXT_STAGE.items()}.get(stage)
    return previous if previous in TOOLKIT_STAGES else None


class RiskLevel(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


# The toolkit approach that a high-risk case must have used before it leaves planning.
PROTECTED_CHARACTERISTICS_WORKSHOP = "protected-characteristics-workshop"


def stages_reached(stage: str) -> tuple[str, ...]:
    """The toolkit stages a case at `stage` has reached, the current one first, then back to
    planning (a closed case: all five). A cancelled case's own stage is not kept here."""
    if stage == Stage.CLOSED:
        return tuple(reversed(TOOLKIT_STAGES))
    if stage not in TOOLKIT_STAGES:
        return ()
    return tuple(reversed(TOOLKIT_STAGES[: TOOLKIT_STAGES.index(stage) + 1]))

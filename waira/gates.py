"""The Bill's hard gates on high-risk decision-making (R-WAIRA-INIT, R-CONS-INIT, G-TK-GO-LIVE).

Pure functions of facts, so the case's move into deployment, recording the start of high-risk
decision-making and the pages that explain them all give the same answer. There is no override:
s.14(2) and s.15(1) say high-risk decision-making "shall not take place" unless they are met.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core import legal_time


@dataclass(frozen=True)
class HighRiskStartFacts:
    """What the gate needs to know about one AI system (read from the AISystem record)."""

    system_id: int
    system_name: str
    waira_completed_on: date | None
    # C: the day the last of s.15(3)(a)-(d) was done (the WAIRA completed, shared, concerns
    # heard, adverse aspects discussed), as the WAIRA services store it.
    consultation_concluded_on: date | None

    @property
    def earliest_start(self) -> date | None:
        if self.waira_completed_on is None or self.consultation_concluded_on is None:
            return None
        return legal_time.earliest_high_risk_start(self.consultation_concluded_on)


@dataclass(frozen=True)
class Blocker:
    code: str
    message: str | Promise
    earliest: date | None = None

    def __str__(self) -> str:
        return str(self.message)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def high_risk_start_blockers(facts: HighRiskStartFacts, start: date) -> list[Blocker]:
    """Why high-risk decision-making with this system may not start on `start` (empty: it may)."""
    blockers: list[Blocker] = []
    name = facts.system_name
    if facts.waira_completed_on is None:
        blockers.append(
            Blocker(
                "waira_initial",
                _(
                    "%(system)s: complete the initial WAIRA. High-risk decision-making may not "
                    "take place without one (s.14(2))."
                )
                % {"system": name},
            )
        )
    if facts.consultation_concluded_on is None:
        blockers.append(
            Blocker(
                "consultation",
                _(
                    "%(system)s: share the WAIRA with the workers affected, listen to their "
                    "concerns, discuss the adverse aspects and conclude the consultation "
                    "(s.15(3))."
                )
                % {"system": name},
            )
        )
    earliest = facts.earliest_start
    if earliest is not None and start < earliest:
        assert facts.consultation_concluded_on is not None
        blockers.append(
            Blocker(
                "consultation_month",
                _(
                    "%(system)s: high-risk decision-making may not start before %(earliest)s, "
                    "a clear month after the consultation concluded on %(concluded)s "
                    "(s.15(1))."
                )
                % {
                    "system": name,
                    "earliest": _day(earliest),
                    "concluded": _day(facts.consultation_concluded_on),
                },
                earliest=earliest,
            )
        )
    return blockers

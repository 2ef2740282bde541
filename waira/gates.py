"""The Bill's hard gates on high-risk decision-making (R-WAIRA-INIT, R-CONS-INIT, G-TK-GO-LIVE),
and what stops a consultation concluding (s.15(3)).

Pure functions of facts, so the case's move into deployment, recording the start of high-risk
decision-making and the pages that explain them all give the same answer. There is no override:
s.14(2) and s.15(1) say high-risk decision-making "shall not take place" unless they are met.
The facts are read elsewhere (the AI system's columns, `models.consultation_facts`), so the
model's conditions, the selectors and procurement's go-live gate import this without a circle.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import legal_time

if TYPE_CHECKING:
    from registers.models import AISystem


@dataclass(frozen=True)
class HighRiskStartFacts:
    """What the gate needs to know about one AI system (read from the AISystem record)."""

    system_id: int
    system_name: str
    waira_completed_on: date | None
    # C: the day the last of s.15(3)(a)-(d) was done (the WAIRA completed, shared, concerns
    # heard, adverse aspects discussed), as the WAIRA services store it.
    consultation_concluded_on: date | None

    @classmethod
    def of(cls, system: AISystem) -> HighRiskStartFacts:
        """The facts as the WAIRA services store them on the AI system: no query."""
        return cls(
            system_id=system.pk,
            system_name=system.name,
            waira_completed_on=system.waira_completed_on,
            consultation_concluded_on=system.consultation_concluded_on,
        )

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


@dataclass(frozen=True)
class ConsultationFacts:
    """What concluding a consultation needs to know about its WAIRA (s.15(3)(b)-(d))."""

    shared: bool
    unanswered_concerns: int
    adverse_aspects_discussed: bool
    no_adverse_aspects_reason_given: bool


def consultation_blockers(facts: ConsultationFacts) -> list[str]:
    """What stops the consultation being concluded (empty: it may conclude)."""
    blockers = []
    if not facts.shared:
        blockers.append(gettext("Share the WAIRA with the workers affected (s.15(3)(b))."))
    if facts.unanswered_concerns:
        blockers.append(
            gettext("Answer every concern raised (%(count)s unanswered) (s.15(3)(c)).")
            % {"count": facts.unanswered_concerns}
        )
    adverse = adverse_aspects_blocker(facts)
    if adverse:
        blockers.append(adverse)
    return blockers


def adverse_aspects_blocker(facts: ConsultationFacts) -> str:
    """s.15(3)(d), the one blocker the conclude form's own field can put right ("" if met)."""
    if facts.adverse_aspects_discussed or facts.no_adverse_aspects_reason_given:
        return ""
    return gettext(
        "Record the discussion of each adverse aspect and its outcome, or say why no "
        "adverse aspect was identified (s.15(3)(d))."
    )

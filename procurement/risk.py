"""The risk questionnaire's grading (docs/adr/0016): a pure function, no database.

The toolkit asks at planning, "given the risks, what is a proportional approach for engaging
worker voice?". The questionnaire's answers set the risk level (`grade`), with the reasoning
shown; `procurement.gates.engagement_for` then says what the level requires at each stage.

The grading is monotone: answering any question with a more serious answer never lowers the
level (tests/procurement/test_proportionality_rules.py checks every combination of answers).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from procurement.stages import RiskLevel


class Automation(models.TextChoices):
    INFORMS = "informs", _("It informs people, who decide for themselves")
    RECOMMENDS = "recommends", _("It recommends, and a person reviews every recommendation")
    DECIDES = "decides", _("It decides or acts without a person reviewing each decision")


class Reversibility(models.TextChoices):
    EASILY = "easily", _("Easily reversed, with no lasting effect")
    WITH_EFFORT = "with_effort", _("Reversible, with effort or delay")
    HARD = "hard", _("Hard or impossible to reverse")


class ProtectedCharacteristics(models.TextChoices):
    YES = "yes", _("Yes")
    NOT_KNOWN = "not_known", _("Not known yet")
    NO = "no", _("No")


LEVEL_ORDER: dict[str, int] = {RiskLevel.LOW: 0, RiskLevel.MEDIUM: 1, RiskLevel.HIGH: 2}

# Points per answer. An answer of "not known" counts as "yes": the worker-protective default.
CATEGORY_POINTS = ((0, 0), (1, 2), (2, 3))  # (at least this many categories, points)
WORKER_POINTS = ((0, 0), (20, 1), (250, 2))  # (at least this many workers, points)
AUTOMATION_POINTS = {Automation.INFORMS: 0, Automation.RECOMMENDS: 1, Automation.DECIDES: 3}
REVERSIBILITY_POINTS = {
    Reversibility.EASILY: 0,
    Reversibility.WITH_EFFORT: 1,
    Reversibility.HARD: 2,
}
PROTECTED_POINTS = {
    ProtectedCharacteristics.YES: 2,
    ProtectedCharacteristics.NOT_KNOWN: 2,
    ProtectedCharacteristics.NO: 0,
}
HIGH_FROM, MEDIUM_FROM = 7, 3  # total points


@dataclass(frozen=True)
class RiskAnswers:
    decision_categories: int  # how many of the Bill's categories of decision it touches
    workers_affected: int
    protected_characteristics: str  # ProtectedCharacteristics
    automation: str  # Automation
    reversibility: str  # Reversibility


@dataclass(frozen=True)
class Grading:
    level: str
    points: int
    reasons: tuple[str | Promise, ...]


def _stepped(value: int, steps: tuple[tuple[int, int], ...]) -> int:
    return max(points for floor, points in steps if value >= floor)


def grade(answers: RiskAnswers) -> Grading:
    """The risk level the answers set, with one line of reasoning per answer and the rule."""
    categories = _stepped(answers.decision_categories, CATEGORY_POINTS)
    workers = _stepped(answers.workers_affected, WORKER_POINTS)
    protected = PROTECTED_POINTS[ProtectedCharacteristics(answers.protected_characteristics)]
    automation = AUTOMATION_POINTS[Automation(answers.automation)]
    reversibility = REVERSIBILITY_POINTS[Reversibility(answers.reversibility)]
    points = categories + workers + protected + automation + reversibility
    reasons: list[str | Promise] = [
        ngettext_lazy(
            "It touches %(count)s category of decision about workers (%(points)s points).",
            "It touches %(count)s categories of decision about workers (%(points)s points).",
            "count",
        )
        % {"count": answers.decision_categories, "points": categories},
        ngettext_lazy(
            "%(count)s worker is affected (%(points)s points).",
            "%(count)s workers are affected (%(points)s points).",
            "count",
        )
        % {"count": answers.workers_affected, "points": workers},
        _("Protected characteristics: %(answer)s (%(points)s points).")
        % {
            "answer": ProtectedCharacteristics(answers.protected_characteristics).label,
            "points": protected,
        },
        _("Automation: %(answer)s (%(points)s points).")
        % {"answer": Automation(answers.automation).label, "points": automation},
        _("Reversibility: %(answer)s (%(points)s points).")
        % {"answer": Reversibility(answers.reversibility).label, "points": reversibility},
    ]
    automated_decisions = answers.automation == Automation.DECIDES and answers.decision_categories
    if automated_decisions:
        level = RiskLevel.HIGH
        reasons.append(
            _("High: it decides about workers without a person reviewing each decision.")
        )
    elif points >= HIGH_FROM:
        level = RiskLevel.HIGH
        reasons.append(
            _("High: %(points)s points, and %(high)s or more is high.")
            % {"points": points, "high": HIGH_FROM}
        )
    elif points >= MEDIUM_FROM or answers.decision_categories:
        level = RiskLevel.MEDIUM
        reasons.append(
            _(
                "Medium: %(points)s points; %(medium)s or more, or any decision about workers, "
                "is at least medium."
            )
            % {"points": points, "medium": MEDIUM_FROM}
        )
    else:
        level = RiskLevel.LOW
        reasons.append(
            _("Low: %(points)s points, below %(medium)s, and no decision about workers.")
            % {"points": points, "medium": MEDIUM_FROM}
        )
    return Grading(level=level, points=points, reasons=tuple(reasons))


def is_lower(level: str, than: str) -> bool:
    """True when `level` is below `than`; an unset level is below every level."""
    return LEVEL_ORDER.get(level, -1) < LEVEL_ORDER.get(than, -1)

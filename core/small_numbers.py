"""Counts about people, as a page shows them to union representatives or the public: a small
number is shown as "fewer than N" (N is the organisation's `small_number_threshold`), so that
nobody can be picked out from the figures.

Zero is treated as a small number too, and shown as "fewer than N". A zero next to a small total
says something about every person in it ("none of the fewer than 5 requests was refused" tells
a representative who knows one of the requesters how theirs went), and if zeros were shown as
they are, "fewer than N" would mean "1 to N-1", which narrows every hidden cell and lets
subtraction recover more. A true zero is therefore hidden with the rest; an employer's clean
record shows once its figures are large enough to show anything.

Where a row's total is made of parts (a partition: each person counted in exactly one part),
a hidden part could be recovered by subtracting the shown parts from the shown total.
`partition_figures` hides a second part when needed ("not shown"), or the total.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext


class Hidden(StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # below the threshold: "fewer than N"
    WITHHELD = "withheld"  # any size, hidden so that a small number cannot be worked out


@dataclass(frozen=True)
class Figure:
    """A count ready to show: the number itself only when it is safe. The hidden number is not
    kept, so no template can print it by mistake."""

    value: int | None
    threshold: int
    hidden: Hidden = Hidden.SHOWN

    def __str__(self) -> str:
        if self.hidden == Hidden.SMALL:
            return gettext("fewer than %(threshold)s") % {"threshold": self.threshold}
        if self.hidden == Hidden.WITHHELD:
            return gettext("not shown, to protect a small number")
        return str(self.value)

    @property
    def is_hidden(self) -> bool:
        return self.hidden != Hidden.SHOWN


def is_small(count: int, threshold: int) -> bool:
    return count < threshold


def figure(count: int, threshold: int) -> Figure:
    if is_small(count, threshold):
        return Figure(None, threshold, Hidden.SMALL)
    return Figure(count, threshold)


def _withheld(threshold: int) -> Figure:
    return Figure(None, threshold, Hidden.WITHHELD)


def _recoverable(
    total: int, parts: Mapping[str, int], known: Collection[str], small: Collection[str], top: int
) -> bool:
    """Can a reader who sees the total and the `known` parts work out any `small` part exactly?
    Small parts lie between 0 and `top` (threshold - 1); other unknown parts could be anything."""
    if not small:
        return False
    rest = total - sum(parts[key] for key in known)  # what the unknown parts add up to
    unbounded = len(parts) - len(known) - len(small)
    if rest == 0:
        return True  # every unknown part is 0
    if unbounded:
        return False
    # Only small parts are unknown: one alone is the rest; several are pinned only at the top.
    return len(small) == 1 or rest == len(small) * top


def partition_figures(
    *, total: int, parts: Mapping[str, int], displayed: Collection[str], threshold: int
) -> tuple[Figure, dict[str, Figure]]:
    """The total and the `displayed` parts of a partition of it (`parts` holds every part, shown
    or not, so that the arithmetic a reader can do is known), each safe to show."""
    if sum(parts.values()) != total:
        raise ValueError("The parts must add up to the total.")
    if is_small(total, threshold):
        # Every part is no bigger than the total: all of them are small too.
        return figure(total, threshold), {key: figure(parts[key], threshold) for key in displayed}
    shown = {key: figure(parts[key], threshold) for key in displayed}
    while True:
        known = [key for key in displayed if not shown[key].is_hidden]
        small = [key for key in displayed if shown[key].hidden == Hidden.SMALL]
        if not _recoverable(total, parts, known, small, threshold - 1):
            return Figure(total, threshold), shown
        if not known:
            return _withheld(threshold), shown
        # Hide the smallest part still shown that adds to what is unknown (a zero would not).
        smallest = min(known, key=lambda key: (parts[key] == 0, parts[key], key))
        shown[smallest] = _withheld(threshold)

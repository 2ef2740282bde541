"""State → GOV.UK tag colour and label, kept in Python and rendered by one template tag.

Each app's `presenters` module registers its maps when AppConfig.ready() imports it, keyed
by a name such as "waira.state"; templates render every status with
`{% status_tag "waira.state" waira.state %}` (core/templatetags/govuk.py), never an
`if state == ...` chain. core knows no app's states, so the dependency arrow keeps pointing here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise

# The GOV.UK Frontend tag colours (govuk-tag--<colour>); "" is the default tag.
COLOURS = frozenset(
    ("", "grey", "green", "turquoise", "blue", "light-blue", "purple", "pink", "red", "orange")
) | {"yellow"}


@dataclass(frozen=True)
class Status:
    label: str | Promise
    colour: str = ""

    def __post_init__(self) -> None:
        if self.colour not in COLOURS:
            raise ValueError(f"{self.colour!r} is not a GOV.UK tag colour")


# kind → value → Status, or None where a value shows no tag at all.
_STATUSES: dict[str, Mapping[str, Status | None]] = {}


def register_statuses(kind: str, statuses: Mapping[str, Status | None]) -> None:
    _STATUSES[kind] = dict(statuses)


def coloured_choices(
    choices: Iterable[tuple[str, str | Promise]], colours: Mapping[str, str], default: str = ""
) -> dict[str, Status | None]:
    """A choices class's labels with a colour for each value (`default` for the rest)."""
    return {value: Status(label, colours.get(value, default)) for value, label in choices}


def status_for(kind: str, value: object) -> Status | None:
    statuses = _STATUSES[kind]  # an unregistered kind is a programming error
    key = str(value)
    if key in statuses:
        return statuses[key]
    return Status(key)

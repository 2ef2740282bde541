"""The event timeline as people read it: one registry of words for event kinds, one label
function, and the rows every timeline (page or PDF) renders through `includes/timeline.html`.

Each app labels the kinds it records, from its `timeline.py`, imported by its AppConfig.ready(),
so core shows every app's events without importing any of them (docs/adr/0008).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.models import TimelineEvent
from core.selectors import timeline_for

EVENT_LABELS: dict[str, str | Promise] = {}


def register_event_labels(labels: Mapping[str, str | Promise]) -> None:
    """Add an app's words for its event kinds. A kind has one label: naming it twice, with other
    words, is a mistake caught at start-up."""
    for kind, label in labels.items():
        if EVENT_LABELS.setdefault(kind, label) is not label:
            raise ValueError(f"Timeline event kind {kind!r} already has a label.")


# Kinds whose time is shown to the day only, never to the minute: a time to the minute lets a
# reader match the event to who was at work then (a worker's concern). An event can also ask for
# it alone, with `"sensitive": True` in its data.
DAY_ONLY_KINDS: set[str] = set()


def register_day_only_kinds(kinds: Iterable[str]) -> None:
    DAY_ONLY_KINDS.update(kinds)


def is_day_only(event: TimelineEvent) -> bool:
    return event.kind in DAY_ONLY_KINDS or (
        isinstance(event.data, dict) and event.data.get("sensitive") is True
    )


def event_label(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind.replace("_", " ").capitalize()))


@dataclass(frozen=True)
class TimelineRow:
    """One line of a timeline: the event (who, when, why), what it was in words, for a state
    change the states' names, and whether its time is shown to the day only."""

    event: TimelineEvent
    label: str
    from_label: str = ""
    to_label: str = ""
    day_only: bool = False


def timeline_rows(
    subject: models.Model | None, state_labels: Mapping[str, str | Promise] | None = None
) -> list[TimelineRow]:
    """`subject`'s events, oldest first; with `state_labels`, state changes name their states."""
    if subject is None:
        return []
    states = state_labels or {}
    return [
        TimelineRow(
            event=event,
            label=event_label(event.kind),
            from_label=str(states.get(event.from_state, "")),
            to_label=str(states.get(event.to_state, "")),
            day_only=is_day_only(event),
        )
        for event in timeline_for(subject)
    ]


# Core's own events: an organisation's administrators at work (core/services/organisation.py).
register_event_labels(
    {
        "member_role_granted": _("Role given"),
        "member_role_removed": _("Role taken away"),
        "organisation_settings_changed": _("Organisation settings changed"),
        "member_invited": _("Link to set a password sent"),
        "member_second_factor_reset": _("Second factor reset"),
    }
)

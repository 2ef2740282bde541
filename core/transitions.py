"""The actions a page offers on a state machine, labelled by the machine itself.

A workflow's django-fsm-2 transitions carry their button text as `custom={"label": ...}`, so
the shape of the machine (which move, from which state, called what) is written once, in the
model. A page asks `transition_actions()` for the moves open from the object's state that the
user may make (the app's `can_...` answers, which the page passes in: core knows no app's
permissions) and renders each with `includes/transition_action.html`. Where to put each
action on the page stays the page's business, so the result is keyed by transition name.

A label is a (lazy) string, or a named function of the object when the text depends on it,
e.g. sharing a WAIRA again offers "Share an updated version".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from django.db import models
from django.utils.functional import Promise

Label = str | Promise | Callable[[Any], str | Promise]


@dataclass(frozen=True)
class Action:
    name: str
    label: str | Promise
    url: str
    method: Literal["get", "post"] = "get"


def transition_label(obj: models.Model, name: str, field: str) -> str | Promise:
    """The label of transition `name` on `field`, as the page shows it for this object."""
    for transition in getattr(obj, f"get_all_{field}_transitions")():
        if transition.name == name:
            return _label_of(obj, transition)
    raise LookupError(f"{type(obj).__name__} has no transition {name!r} on {field!r}")


def _label_of(obj: models.Model, transition: Any) -> str | Promise:
    label: Label = transition.custom["label"]
    if isinstance(label, str | Promise):
        return label
    return label(obj)


def transition_actions(
    obj: models.Model,
    field: str,
    *,
    allowed: Mapping[str, bool],
    url_for: Mapping[str, str],
    even_if_unmet: bool = False,
    post: Collection[str] = (),
) -> dict[str, Action]:
    """The transitions of `field` open from `obj`'s state that `allowed` grants, in the order
    the model declares them.

    By default a transition must also meet its conditions (`get_available_<field>_transitions`).
    With `even_if_unmet`, one whose conditions are not met yet is still offered, because its
    page explains what is missing (`get_all_<field>_transitions`, filtered by the source state).
    A transition the page does not name in `allowed` is not offered.
    """
    state = getattr(obj, field)
    if even_if_unmet:
        transitions = [
            t for t in getattr(obj, f"get_all_{field}_transitions")() if t.source in (state, "*")
        ]
    else:
        transitions = list(getattr(obj, f"get_available_{field}_transitions")())
    return {
        t.name: Action(
            name=t.name,
            label=_label_of(obj, t),
            url=url_for[t.name],
            method="post" if t.name in post else "get",
        )
        for t in transitions
        if allowed.get(t.name, False)
    }

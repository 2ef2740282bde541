"""The timeline's hash chain, as pure functions of an event's recorded fields.

Every event of an organisation has a place in the organisation's chain. Its hash covers its
subject, kind, states, data, the instant it was recorded, the hash of who and why, and the hash
of the event before it; so a changed, inserted or deleted event breaks the chain from there on.
Who and why are hashed apart: the retention rule removes them from a closed rights request's
events (docs/retention.md), and such an event then still fits its chain, and is reported as
emptied under that rule rather than as changed. docs/adr/0014 explains the choice.

Pure: the evidence bundle's verification (packs) uses the same functions on the JSON rows.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from core import legal_time

GENESIS = "0" * 64
# The only events the retention rule empties of who and why: a closed rights request's, and the
# "Concern raised" event of a WAIRA whose concerns' personal data went (waira/retention.py).
RETENTION_EMPTIED: tuple[tuple[str, str | None], ...] = (
    ("rights_requests.rightsrequest:", None),
    ("waira.waira:", "concern_raised"),
)


def sha256_of(value: Any) -> str:
    canonical = json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def who_why_sha256(actor_id: int | None, reason: str) -> str:
    return sha256_of({"actor": actor_id, "reason": reason})


def when_sha256(created_at_iso: str) -> str:
    return sha256_of({"when": created_at_iso})


def event_sha256(
    *,
    organisation_id: int,
    subject: str,
    position: int,
    kind: str,
    from_state: str,
    to_state: str,
    data: Any,
    when: str,
    who_why: str,
    previous: str,
) -> str:
    return sha256_of(
        {
            "organisation": organisation_id,
            "subject": subject,
            "position": position,
            "kind": kind,
            "from": from_state,
            "to": to_state,
            "data": data,
            "when": when,
            "who_why": who_why,
            "previous": previous,
        }
    )


def event_row(event: Any, subject: str, *, day_only: bool) -> dict[str, Any]:
    """An event as the evidence bundle's timeline.json carries it: every hashed field. An event
    shown to the day only (a worker's concern) keeps its minute out: its instant's hash alone."""
    return {
        "id": event.pk,
        "organisation": event.organisation_id,
        "subject": subject,
        "position": event.chain_position,
        "kind": event.kind,
        "from": event.from_state,
        "to": event.to_state,
        "data": event.data,
        "when": None if day_only else event.created_at.isoformat(),
        "day": legal_time.uk_date(event.created_at).isoformat(),
        "when_sha256": when_sha256(event.created_at.isoformat()),
        "actor": event.actor_id,
        "reason": event.reason,
        "who_why_sha256": event.who_why_sha256,
        "previous_sha256": event.previous_sha256,
        "sha256": event.sha256,
    }


def row_sha256(row: dict[str, Any]) -> str:
    return event_sha256(
        organisation_id=row["organisation"],
        subject=row["subject"],
        position=row["position"],
        kind=row["kind"],
        from_state=row["from"],
        to_state=row["to"],
        data=row["data"],
        when=row["when_sha256"],
        who_why=row["who_why_sha256"],
        previous=row["previous_sha256"],
    )


def row_problems(row: dict[str, Any]) -> list[str]:
    """What is wrong with one event row: "content" (its hash does not match its fields),
    "who_why" (who or why changed), or nothing. A row emptied by the retention rule (no actor,
    no reason) is not a problem when its who/why hash no longer matches."""
    problems = []
    if row_sha256(row) != row["sha256"]:
        problems.append("content")
    if row["when"] is not None and when_sha256(row["when"]) != row["when_sha256"]:
        problems.append("when")
    emptied = (
        any(
            row["subject"].startswith(subject) and kind in (None, row["kind"])
            for subject, kind in RETENTION_EMPTIED
        )
        and row["actor"] is None
        and row["reason"] == ""
    )
    if who_why_sha256(row["actor"], row["reason"]) != row["who_why_sha256"] and not emptied:
        problems.append("who_why")
    return problems

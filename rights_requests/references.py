"""Short references for requests (EXP-2026-0042, REC-2026-0007): pure, so the service and the
migration that gave the earlier requests theirs count the same way."""

from __future__ import annotations

from collections.abc import Iterable

PREFIXES = {"explanation": "EXP", "reconsideration": "REC"}


def reference_for(kind: str, year: int, number: int) -> str:
    return f"{PREFIXES[kind]}-{year}-{number:04d}"


def next_reference(kind: str, year: int, taken: Iterable[str]) -> str:
    """One more than the highest number of this kind and year among `taken`."""
    stem = f"{PREFIXES[kind]}-{year}-"
    numbers = [int(ref[len(stem) :]) for ref in taken if ref.startswith(stem)]
    return reference_for(kind, year, max(numbers, default=0) + 1)

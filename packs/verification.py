"""Checking an evidence bundle, and an organisation's chain in the database.

A bundle is intact when every file the manifest lists is there with the SHA-256 it lists, no
file is there that it does not list, and every event in timeline.json still has the hash it was
sealed with (core/chain.py). What is wrong is named exactly: the file, or the event and what
about it. The manifest's own hash tells whether this Llais issued the bundle (`issued`).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import IO, Any

from core import chain

MAX_MEMBERS = 10_000
MAX_UNPACKED_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class EventProblem:
    event_id: Any
    position: Any
    problems: tuple[str, ...]


@dataclass
class BundleReport:
    readable: bool = True
    manifest_sha256: str = ""
    case: Any = None
    version: Any = None
    files_checked: int = 0
    events_checked: int = 0
    missing: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unlisted: list[str] = field(default_factory=list)
    events: list[EventProblem] = field(default_factory=list)
    error: str = ""

    @property
    def intact(self) -> bool:
        return self.readable and not (self.missing or self.changed or self.unlisted or self.events)


def _read(archive: zipfile.ZipFile, name: str, budget: list[int]) -> bytes:
    data = archive.read(name)
    budget[0] -= len(data)
    if budget[0] < 0:
        raise ValueError("too large")
    return data


def verify_bundle(source: IO[bytes] | bytes) -> BundleReport:
    report = BundleReport()
    try:
        archive = zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
        names = [info.filename for info in archive.infolist() if not info.is_dir()]
        if len(names) > MAX_MEMBERS or "manifest.json" not in names:
            raise ValueError("no manifest")
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ValueError("too large")
        budget = [MAX_UNPACKED_BYTES]
        manifest_bytes = _read(archive, "manifest.json", budget)
        report.manifest_sha256 = hashlib.sha256(manifest_bytes).hexdigest()
        manifest = json.loads(manifest_bytes)
        files = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
        report.case, report.version = manifest.get("case"), manifest.get("version")
        for path, expected in files.items():
            if path not in names:
                report.missing.append(path)
                continue
            report.files_checked += 1
            if hashlib.sha256(_read(archive, path, budget)).hexdigest() != expected:
                report.changed.append(path)
        report.unlisted = sorted(set(names) - set(files) - {"manifest.json"})
        if "timeline.json" in names:
            rows = json.loads(_read(archive, "timeline.json", budget))
            for row in rows:
                report.events_checked += 1
                problems = chain.row_problems(row)
                if problems:
                    report.events.append(
                        EventProblem(row.get("id"), row.get("position"), tuple(problems))
                    )
    except (
        zipfile.BadZipFile,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        OSError,
        EOFError,
        RuntimeError,  # an encrypted member; JSON nested too deep (RecursionError)
        NotImplementedError,  # a compression method zipfile does not know
        zlib.error,
    ):
        report.readable = False
    return report


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    position: int | None
    problem: str  # "content", "who_why", "link", "gap", "unsealed"


def check_chain(events: Any, subject_label: Any) -> list[ChainBreak]:
    """Walk an organisation's events in chain order; each break found, named."""
    breaks: list[ChainBreak] = []
    previous_hash, expected_position = chain.GENESIS, 1
    for event in events:
        if event.chain_position is None:
            breaks.append(ChainBreak(event.pk, None, "unsealed"))
            continue
        if event.chain_position != expected_position:
            breaks.append(ChainBreak(event.pk, event.chain_position, "gap"))
        if event.previous_sha256 != previous_hash:
            breaks.append(ChainBreak(event.pk, event.chain_position, "link"))
        row = chain.event_row(
            event, subject_label(event.content_type_id, event.object_id), day_only=False
        )
        for problem in chain.row_problems(row):
            breaks.append(ChainBreak(event.pk, event.chain_position, problem))
        previous_hash, expected_position = event.sha256, event.chain_position + 1
    return breaks

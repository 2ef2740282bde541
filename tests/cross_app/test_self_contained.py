"""The repository is self-contained: no tracked file names a path outside it, so a fresh
checkout builds, runs and tests with nothing beside it."""

import re
import subprocess
from pathlib import PurePosixPath

import pytest

from tests import ROOT

# Written so that this file does not match itself.
OUTSIDE = {
    "a sibling shared/ folder": re.compile(r"\.\.[/\\]shared\b"),
    "a shared/ folder above the file": re.compile(r"parents\[\d+\]\s*/\s*[\"']shared[\"']"),
    "an absolute path on the build machine": re.compile(r"(?<![\w.~-])/wor[k]/"),
}
CLIMB = re.compile(r"(?<![\w.])((?:\.\./)+)")
FILE_PARENTS = re.compile(r"__file__\)(?:\.resolve\(\))?\.parents\[(\d+)\]")
FILE_PARENT_CHAIN = re.compile(r"__file__\)(?:\.resolve\(\))?((?:\.parent\b)+)")
# Folders that are installed, never tracked, if the repository is read without git.
UNTRACKED = {".git", ".venv", ".tools", "node_modules", "var", "__pycache__", "vendor"}


def tracked_files() -> list[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        # An exported tree without git: every file outside the installed folders.
        return [
            path.relative_to(ROOT).as_posix()
            for path in ROOT.rglob("*")
            if path.is_file() and not UNTRACKED & set(path.relative_to(ROOT).parts)
        ]
    return [name for name in listed.split("\0") if name]


def text_of(name: str) -> str | None:
    try:
        data = (ROOT / name).read_bytes()
    except FileNotFoundError:  # deleted in the work tree, not yet committed
        return None
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def outside_references(name: str, text: str) -> list[str]:
    """Every line of `text` (the file `name`) that names a path outside the repository."""
    depth = len(PurePosixPath(name).parts) - 1  # folders between the root and the file
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        reasons = [reason for reason, pattern in OUTSIDE.items() if pattern.search(line)]
        # A relative path climbs out when it goes up more folders than the file is deep.
        if any(len(ups) // 3 > depth for ups in CLIMB.findall(line)):
            reasons.append("a relative path above the repository root")
        # Path(__file__).parents[depth] is the root; one more is outside it.
        if any(int(n) > depth for n in FILE_PARENTS.findall(line)) or any(
            chain.count(".parent") - 1 > depth for chain in FILE_PARENT_CHAIN.findall(line)
        ):
            reasons.append("a folder above the repository root")
        found += [f"{name}:{number}: {reason}: {line.strip()[:120]}" for reason in reasons]
    return found


def test_no_tracked_file_names_a_path_outside_the_repository():
    found = []
    for name in tracked_files():
        text = text_of(name)
        if text is not None:
            found += outside_references(name, text)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize(
    ("name", "line"),
    [
        # The examples are put together so that this file does not name what it looks for.
        ("core/x.py", '"""See ..' + '/shared/rules.md."""'),
        ("tests/x.py", "Path(__file__).resolve().parents[2] / " + '"shared" / "cases.json"'),
        ("README.md", "Run it from /wor" + "k/main."),
        ("Makefile", "include ../other/Makefile"),
        ("docs/adr/0001-x.md", "[rules](" + "../" * 3 + "rules.md)"),
        ("tests/x.py", "Path(__file__).resolve().parents[2]"),
        ("tests/x.py", "Path(__file__).parent.parent.parent"),
    ],
)
def test_paths_outside_the_repository_are_found(name, line):
    assert outside_references(name, line)


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("tests/cross_app/x.py", "Path(__file__).resolve().parents[2]"),
        ("config/settings/base.py", "Path(__file__).resolve().parent.parent.parent"),
        ("docs/adr/0001-x.md", "[rules](../rules.md)"),
        ("tests/data/__init__.py", 'DATA / "legal_time_cases.json"'),
        ("Makefile", "[ -x /usr/bin/chromium ]"),
    ],
)
def test_paths_inside_the_repository_are_not(name, line):
    assert outside_references(name, line) == []

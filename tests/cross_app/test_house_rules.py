"""House rules read from the source (CONVENTIONS.md): views and dashboards never call
`Model.objects`; their reads go through the app's selectors, scoped by the user where it
matters."""

import re
from pathlib import Path

from tests import ROOT

APPS = [
    "config",
    "core",
    "demo",
    "procurement",
    "registers",
    "rights_requests",
    "waira",
    "accountability",
    "oversight",
    "packs",
]
PAGE_MODULES = {"views.py", "public_views.py", "api.py", "dashboard.py"}
# "path": "why a direct read is the right thing there". Keep it short; empty is best.
ALLOWED: dict[str, str] = {}
OBJECTS = re.compile(r"\.objects\b")


def page_modules() -> list[Path]:
    found = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts:
                continue
            if (
                path.name in PAGE_MODULES
                or path.name.endswith("_views.py")
                or "views" in relative.parts[1:-1]
            ):
                found.append(path)
    return found


def test_the_rule_finds_the_view_and_dashboard_modules():
    names = {path.relative_to(ROOT).as_posix() for path in page_modules()}
    assert {
        "core/views.py",
        "procurement/dashboard.py",
        "rights_requests/views/worker.py",
        "oversight/views/reviews.py",
    } <= names


def test_views_and_dashboards_never_call_model_objects():
    offenders = [
        f"{path.relative_to(ROOT).as_posix()}:{number}: {line.strip()}"
        for path in page_modules()
        if path.relative_to(ROOT).as_posix() not in ALLOWED
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if OBJECTS.search(line)
    ]
    assert not offenders, "read through the app's selectors instead:\n" + "\n".join(offenders)


def test_every_allowed_module_still_needs_its_exception():
    for name in ALLOWED:
        assert OBJECTS.search((ROOT / name).read_text()), f"{name} no longer needs its exception"

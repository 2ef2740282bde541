"""Every string the code marks for translation has a Welsh translation in the committed catalogue.

makemessages is run against a copy of the project, so a new string without Welsh fails here.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests import ROOT

CATALOGUE = ROOT / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def untranslated(po_text: str) -> list[str]:
    """msgids whose msgstr (or every msgstr[n]) is empty, skipping the header and obsolete ones."""
    problems = []
    for block in po_text.split("\n\n"):
        if block.lstrip().startswith("#~") or 'msgid ""\nmsgstr ""\n"Project' in block:
            continue
        if "#, fuzzy" in block:
            problems.append(block)
            continue
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.MULTILINE)
        if strings and any(not (first or rest.strip()) for first, rest in strings):
            problems.append(block)
    return problems


SOURCES = (
    "config",
    "core",
    "procurement",
    "registers",
    "waira",
    "rights_requests",
    "accountability",
    "oversight",
    "packs",
    "demo",
    "templates",
)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed")
def test_every_marked_string_has_welsh(tmp_path):
    # makemessages writes to the locale folder nearest each source file, so it runs on a copy.
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "cy", "-v0"],
        cwd=tmp_path,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    refreshed = (tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    assert untranslated(refreshed) == []


def test_the_committed_catalogue_is_complete():
    assert untranslated(CATALOGUE.read_text(encoding="utf-8")) == []

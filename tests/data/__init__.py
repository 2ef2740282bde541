"""Data files the tests read, kept inside the repository so a checkout tests itself.

`legal_time_cases.json` holds the worked examples of every legal clock (rules.md's rule ids,
inputs and expected dates); every test that checks a date against them reads them from here.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent
LEGAL_TIME_CASES_FILE = DATA / "legal_time_cases.json"


@cache
def _legal_time_cases_text() -> str:
    return LEGAL_TIME_CASES_FILE.read_text(encoding="utf-8")


def legal_time_cases() -> list[dict[str, Any]]:
    """The worked examples in file order; a fresh copy each call, so no test edits another's."""
    cases: list[dict[str, Any]] = json.loads(_legal_time_cases_text())
    return cases


def legal_time_cases_by_id() -> dict[str, dict[str, Any]]:
    return {case["id"]: case for case in legal_time_cases()}

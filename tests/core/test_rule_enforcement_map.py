"""docs/rule-enforcement.md maps every rule of rules.md §2 (copied in tests/data/rule_ids.txt) to
where it is enforced and the tests that check it; every module, function and test it names
exists. No database."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAP = ROOT / "docs" / "rule-enforcement.md"
RULE_IDS = ROOT / "tests" / "data" / "rule_ids.txt"

# Rules for which rules.md itself says there is nothing for an engine to do.
NO_ENGINE_RULE = {"R-REMEDY": "s.20 has no time limit and its cap is unset: 'No engine rule.'"}

REFERENCE = re.compile(r"`([\w./-]+\.py)(?:::(\w+))?`")


def rule_ids() -> list[str]:
    lines = RULE_IDS.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def rows() -> dict[str, tuple[str, str]]:
    found: dict[str, tuple[str, str]] = {}
    for line in MAP.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("R-"):
            assert cells[0] not in found, f"{cells[0]} has two rows"
            found[cells[0]] = (cells[1], cells[2])
    return found


@cache
def names_defined(path: str) -> frozenset[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return frozenset(
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    )


def test_the_copied_rule_ids_look_like_rules_md_section_2():
    ids = rule_ids()
    assert len(ids) == len(set(ids)) == 31
    assert all(re.fullmatch(r"R-[A-Z0-9-]+", rule) for rule in ids)


@pytest.mark.parametrize("rule", rule_ids())
def test_every_rule_is_mapped_to_code_and_tests(rule):
    assert rule in rows(), f"{rule} has no row in docs/rule-enforcement.md"
    enforced, tested = rows()[rule]
    if rule in NO_ENGINE_RULE:
        assert not REFERENCE.findall(tested)
        return
    assert REFERENCE.findall(enforced), f"{rule}: where is it enforced?"
    tests = REFERENCE.findall(tested)
    assert tests and all(path.startswith("tests/") and name for path, name in tests)


def test_no_row_names_a_rule_that_is_not_in_rules_md():
    assert set(rows()) <= set(rule_ids())


@pytest.mark.parametrize("rule", rule_ids())
def test_every_module_function_and_test_named_exists(rule):
    enforced, tested = rows().get(rule, ("", ""))
    for path, name in REFERENCE.findall(enforced) + REFERENCE.findall(tested):
        assert (ROOT / path).is_file(), f"{rule}: no file {path}"
        if name:
            assert name in names_defined(path), f"{rule}: {path} defines no {name}"


def test_a_name_that_does_not_exist_is_caught():
    assert "test_worked_example" in names_defined("tests/core/test_legal_time.py")
    assert "test_no_such_test" not in names_defined("tests/core/test_legal_time.py")

"""Issue 14, item 8 (ADR 0012): every table a person reads in a browser is marked to stack on a
phone, and each data cell carries its column's label. PDF templates and the admin are not read on
a phone and keep their own layout."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def browser_templates() -> list[Path]:
    return [
        path
        for path in TEMPLATES.rglob("*.html")
        if "pdf" not in path.relative_to(TEMPLATES).parts
        and path.relative_to(TEMPLATES).parts[0] != "admin"
        and "<table" in path.read_text()
    ]


def test_every_table_is_marked_to_stack_and_labels_its_cells():
    templates = browser_templates()
    assert len(templates) >= 25
    problems = []
    for path in templates:
        text = path.read_text()
        for table in re.findall(r"<table\b.*?</table>", text, re.S):
            if "llais-stack-table" not in table.split(">", 1)[0]:
                problems.append(f"{path.name}: a table not marked llais-stack-table")
            body = re.search(r"<tbody.*?</tbody>", table, re.S)
            for cell in re.findall(r"<td\b[^>]*>", body.group(0) if body else ""):
                if "data-label" not in cell and "colspan" not in cell:
                    problems.append(f"{path.name}: {cell}")
    assert problems == []

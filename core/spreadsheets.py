"""CSV that a spreadsheet opens safely: no cell is read as a formula (CSV injection).

OWASP's advice, followed for every CSV Llais writes: a text cell that begins with `=`, `+`, `-`,
`@`, a tab or a carriage return gets a single quote in front, so a spreadsheet shows it as text
and never runs it (`=HYPERLINK(...)`, `@SUM(...)`, `-2+3`). Numbers are left as they are; the
JSON downloads carry the text unchanged.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """The cell as written to CSV: text that could start a formula is prefixed with `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value

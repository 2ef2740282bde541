"""Print the total line and branch coverage from `coverage json`'s report (make coverage)."""

import json
import sys
from pathlib import Path

report = Path(sys.argv[1] if len(sys.argv) > 1 else "var/coverage/coverage.json")
totals = json.loads(report.read_text(encoding="utf-8"))["totals"]
print(
    f"Line coverage {totals['percent_statements_covered']:.1f}% "
    f"({totals['covered_lines']}/{totals['num_statements']} lines), "
    f"branch coverage {totals['percent_branches_covered']:.1f}% "
    f"({totals['covered_branches']}/{totals['num_branches']} branches)"
)

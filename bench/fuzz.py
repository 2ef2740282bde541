"""`make bench`: the fuzz tests with a larger budget; prints the inputs tried and the 500s.

Runs tests/cross_app/test_fuzz.py under pytest (its own test database) with LLAIS_FUZZ_EXAMPLES
hostile inputs per page and form and per API operation, random rather than derandomized, the PDF
pages walked too, and reads back the counts the tests write to LLAIS_FUZZ_REPORT.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("LLAIS_BENCH_FUZZ_EXAMPLES", "25"))


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "fuzz.jsonl"
        env = {
            **os.environ,
            "LLAIS_FUZZ_EXAMPLES": str(EXAMPLES),
            "LLAIS_FUZZ_API_EXAMPLES": str(EXAMPLES * 4),
            "LLAIS_FUZZ_REPORT": str(report),
            "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/cross_app/test_fuzz.py",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        tally: Counter[str] = Counter()
        if report.exists():
            for line in report.read_text(encoding="utf-8").splitlines():
                tally.update(json.loads(line))
    print(f"fuzz ({EXAMPLES} examples per page and form, {EXAMPLES * 4} per API operation)")
    for kind in ("GET parameter", "form field", "API request"):
        print(
            f"  {kind + 's':<16}{tally[kind + ' inputs']:>8} tried{tally[kind + ' 500s']:>6} 500s"
        )
    for key, count in sorted(tally.items()):
        if key.startswith("500 at "):
            print(f"  {key}: {count}")
    if result.returncode != 0:
        print(result.stdout[-4000:])
    return result.returncode


if __name__ == "__main__":
    raise SystemExit(main())

"""The case pack bench alone, on a database of its own (bench/case_pack.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bench.run as bench_run  # sets up Django before anything reads a model


def main() -> None:
    from django.test.utils import setup_test_environment

    from bench import case_pack
    from core.models import Organisation
    from core.roles import Role

    setup_test_environment()
    bench_run.fresh_database()
    organisation = Organisation.objects.create(name_en="Bench Council", slug="bench")
    bench_run.person(organisation, "commissioner", Role.COMMISSIONER)
    bench_run.person(organisation, "union", Role.UNION_REPRESENTATIVE)
    case_pack.run(organisation, bench_run.person)


if __name__ == "__main__":
    main()

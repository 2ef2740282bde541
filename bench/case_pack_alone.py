"""The case pack bench alone, on a database of its own (bench/case_pack.py)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.test.utils import setup_test_environment

from bench import case_pack
from bench.run import fresh_database, person
from core.models import Organisation
from core.roles import Role

if __name__ == "__main__":
    setup_test_environment()
    fresh_database()
    organisation = Organisation.objects.create(name_en="Bench Council", slug="bench")
    person(organisation, "commissioner", Role.COMMISSIONER)
    person(organisation, "union", Role.UNION_REPRESENTATIVE)
    case_pack.run(organisation, person)

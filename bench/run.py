"""`make bench`: how the dashboard, a case page, the oversight dashboard and the staff search
scale with the number of cases.

Builds its own PostgreSQL database (llais_bench), fills it through the real services, and prints
the time per request and the queries per request with 10 and with 1,000 cases side by side. On a
noisy machine the ratio, not the milliseconds, is the figure.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/llais")
# BENCH_DATABASE names another database, so two benches on one server do not drop each other's.
os.environ["DATABASE_URL"] = (
    base_url.rsplit("/", 1)[0] + "/" + os.environ.get("BENCH_DATABASE", "llais_bench")
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from bench import case_pack, waira_pdf  # noqa: E402
from bench.deadlines import main as deadlines_bench  # noqa: E402
from bench.fuzz import main as fuzz_bench  # noqa: E402
from bench.load import main as load_bench  # noqa: E402
from bench.register import main as register_bench  # noqa: E402
from core.models import Membership, Organisation, User  # noqa: E402
from core.roles import Role  # noqa: E402
from tests.procurement_helpers import meet_gate, new_case  # noqa: E402

SIZES = (10, 1000)
REPEATS = 30

logging.disable(logging.INFO)


def fresh_database() -> None:
    from django.db import connections

    connection = connections["default"]
    connection.settings_dict["TEST"]["NAME"] = connection.settings_dict["NAME"]
    # Drops and recreates llais_bench, then migrates it.
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


def person(organisation: Organisation, username: str, role: str) -> User:
    user = User.objects.create_user(username, password="bench-password")
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def timed(client: Client, url: str) -> tuple[float, int]:
    client.get(url)  # warm
    samples = []
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            samples.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return statistics.median(samples) * 1000, len(queries.captured_queries)


def main() -> None:
    setup_test_environment()
    fresh_database()
    if os.environ.get("BENCH_ONLY") == "register":
        # Only the public register's bench (BENCH_ONLY=register): `make bench` runs them all.
        register_bench()
        return
    organisation = Organisation.objects.create(name_en="Bench Council", slug="bench")
    commissioner = person(organisation, "commissioner", Role.COMMISSIONER)
    union_rep = person(organisation, "union", Role.UNION_REPRESENTATIVE)
    client = Client()
    client.force_login(commissioner)
    results = {}
    made = 0
    for size in SIZES:
        while made < size:
            case = new_case(commissioner, organisation, union_rep)
            if made == 0:
                meet_gate(case, commissioner, union_rep)
                first_case = case
            made += 1
        results[size] = {
            "dashboard": timed(client, reverse("core:dashboard")),
            "case page": timed(client, reverse("procurement:case_detail", args=[first_case.pk])),
            # The oversight dashboard (issue 15): every figure a chart, over every case.
            "oversight": timed(client, reverse("oversight:dashboard", args=[organisation.pk])),
            # Staff search (issue 15, item 7): a word every case holds, so each one is ranked.
            "search": timed(client, reverse("oversight:search") + "?q=rostering+home+care"),
        }
    small, large = SIZES
    print(f"{'page':<12}{f'{small} cases':>18}{f'{large} cases':>18}{'ratio':>8}{'queries':>12}")
    for page in ("dashboard", "case page", "oversight", "search"):
        (t_small, q_small), (t_large, q_large) = results[small][page], results[large][page]
        print(
            f"{page:<12}{t_small:>15.1f} ms{t_large:>15.1f} ms{t_large / t_small:>8.1f}"
            f"{f'{q_small} / {q_large}':>12}"
        )
    if os.environ.get("BENCH_ONLY") == "cases":
        return  # only the staff pages' table above (BENCH_ONLY=cases)
    waira_pdf.run(organisation, person)
    case_pack.run(organisation, person)
    register_bench()
    load_bench()
    deadlines_bench()
    fuzz_bench()


if __name__ == "__main__":
    main()

"""`make bench`, the deadline engine: the nightly sweeps over 100,000 and 1,000,000 open rights
requests and 10,000 AI systems, beside the bare SQL that writes the same rows.

The rows are made in bulk by INSERT ... SELECT generate_series (setup, not what is measured), in
a fresh llais_bench database of this bench's own: the rows the other benches leave would be
swept too. Every sweep (core.services.sweep_run, for a fixed day) runs in a transaction that is
rolled back, and so does the bare SQL: hand-written INSERT ... SELECT statements that write the
same notifications and compliance failures (checked row for row, by a fingerprint), without the
ORM, history, timeline or run records. Both timings end with the deferred foreign-key checks a
commit would run (SET CONSTRAINTS ALL IMMEDIATE), and the tables are vacuumed between runs. On a
noisy machine the ratio, not the seconds, is the figure; the sweeps' queries must not grow with N.
"""

from __future__ import annotations

import datetime
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

TODAY = datetime.date(2026, 6, 15)
# BENCH_DEADLINE_SIZES="1000,10000" for a quick look.
SIZES = tuple(
    int(size) for size in os.environ.get("BENCH_DEADLINE_SIZES", "100000,1000000").split(",")
)
SYSTEMS = 10_000
ORGANISATIONS = 100
REPEATS = int(os.environ.get("BENCH_DEADLINE_REPEATS", "3"))
DELIVERED = 10_000
OPEN_STATES = ("received", "in_progress", "exemption_claimed")
# Everyone in each organisation: (number, role, active). The former commissioner (inactive) and
# the worker must hear nothing.
PEOPLE = (
    (1, "nominated_contact", True),
    (2, "competent_agent", True),
    (3, "commissioner", True),
    (4, "union_representative", True),
    (5, "oversight_member", True),
    (6, "commissioner", False),
    (7, "worker", True),
)
OWNERS = ("commissioner",)
ESCALATE_TO = ("commissioner", "oversight_member", "union_representative")
# Tables the sweeps write, vacuumed after each rolled-back run so every run starts alike.
WRITTEN = (
    "core_notification",
    "core_sweeprun",
    "core_timelineevent",
    "rights_requests_compliancefailure",
    "rights_requests_historicalcompliancefailure",
)


def sql(
    statement: str, params: Sequence[Any] | dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.fetchall() if cursor.description else []


def fresh_database() -> None:
    """bench/run.py's fresh_database(), after closing the connections the other benches left."""
    from django.db import connections

    connections.close_all()
    database = connections["default"]
    assert database.settings_dict["NAME"].startswith("llais_bench"), database.settings_dict["NAME"]
    database.settings_dict["TEST"]["NAME"] = database.settings_dict["NAME"]
    database.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)


# --- Setup: bulk rows ---------------------------------------------------------------------------


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def fill_people() -> None:
    """ORGANISATIONS organisations, each with the people of PEOPLE; in every tenth one the
    commissioner is also the oversight member (told once, not twice), and one competent agent
    per organisation is a rights contact that holds reconsiderations."""
    sql(
        "INSERT INTO core_organisation (name_en, name_cy, slug, "
        "subject_to_welsh_language_standards) "
        "SELECT 'Deadline Bench ' || g, '', 'deadline-bench-' || g, mod(g, 2) = 0 "
        "FROM generate_series(1, %s) g",
        [ORGANISATIONS],
    )
    people = " UNION ALL ".join(["SELECT %s::int, %s::text, %s::boolean"] * len(PEOPLE))
    params = [value for person in PEOPLE for value in person]
    sql(
        "INSERT INTO core_user (password, is_superuser, username, first_name, last_name, email, "
        "is_staff, is_active, date_joined, preferred_language) "
        "SELECT '!', false, 'dl-' || o.id || '-' || p.n, 'Bench', p.role, "
        "'dl-' || o.id || '-' || p.n || '@example.test', false, p.active, now(), "
        "CASE WHEN mod(o.id + p.n, 3) = 0 THEN 'cy' ELSE 'en' END "
        f"FROM core_organisation o CROSS JOIN ({people}) p(n, role, active)",
        params,
    )
    sql(
        "INSERT INTO core_membership (user_id, organisation_id, role, job_title) "
        "SELECT u.id, o.id, p.role, '' "
        f"FROM core_organisation o CROSS JOIN ({people}) p(n, role, active) "
        "JOIN core_user u ON u.username = 'dl-' || o.id || '-' || p.n "
        "UNION ALL SELECT u.id, o.id, 'oversight_member', '' FROM core_organisation o "
        "JOIN core_user u ON u.username = 'dl-' || o.id || '-3' WHERE mod(o.id, 10) = 0",
        params,
    )
    sql(
        "INSERT INTO rights_requests_rightscontact (kind, name, job_title, address, email, "
        "phone, trained_on, training_evidence, designated_on, designation_evidence, "
        "can_discuss_facts_and_reasons, discussion_evidence, can_alter_decision, "
        "authority_evidence, created_at, organisation_id, user_id) "
        "SELECT 'competent_agent', 'Agent ' || o.id, 'People lead', 'Cardiff', u.email, '', "
        "%s, 'Course', %s, 'Letter', true, '', true, '', now(), o.id, u.id "
        "FROM core_organisation o JOIN core_user u ON u.username = 'dl-' || o.id || '-2'",
        [days(-400), days(-400)],
    )


def fill_systems() -> None:
    """SYSTEMS AI systems, mostly in high-risk use (some not, some not yet used, some ended),
    with review dates from 60 days past to 140 days ahead (some none), and a register entry
    each due from 40 days past to 80 days ahead (a quarter published, with no date)."""
    sql(
        "WITH o AS (SELECT array_agg(id ORDER BY id) AS ids FROM core_organisation) "
        "INSERT INTO registers_aisystem (name, supplier, description, value_chain, "
        "used_in_high_risk_decision_making, planned_start, first_use, end_of_use, created_at, "
        "organisation_id, waira_completed_on, waira_next_due, consultation_concluded_on, "
        "consultation_next_due) "
        "SELECT 'System ' || g, 'Bench Ltd', '', '', mod(g, 20) <> 0, %(first)s, "
        "CASE WHEN mod(g, 50) <> 1 THEN %(first)s END, "
        "CASE WHEN mod(g, 25) = 3 THEN %(today)s - 10 END, now(), "
        "o.ids[1 + mod(g, cardinality(o.ids))], w - 365, w, c - 365, c "
        "FROM o, generate_series(1, %(systems)s) g, "
        "LATERAL (SELECT CASE WHEN mod(g, 33) <> 0 THEN %(today)s + mod(g * 7, 200) - 60 END AS w, "
        "CASE WHEN mod(g, 40) <> 0 THEN %(today)s + mod(g * 13, 200) - 60 END AS c) d",
        {"first": days(-400), "today": TODAY, "systems": SYSTEMS},
    )
    sql(
        "INSERT INTO registers_registerentry (status, name_cy, description_en, description_cy, "
        "purpose_en, purpose_cy, data_types_en, data_types_cy, has_unpublished_changes, "
        "due_by, due_rule, created_at, updated_at, system_id) "
        "SELECT CASE WHEN d.due IS NULL THEN 'published' ELSE 'draft' END, "
        "'', '', '', '', '', '', '', false, d.due, "
        "CASE WHEN d.due IS NULL THEN '' ELSE 'R-REG-INIT' END, now(), now(), s.id "
        "FROM registers_aisystem s, LATERAL (SELECT CASE WHEN mod(s.id, 4) <> 0 "
        "THEN %(today)s + mod(s.id * 11, 120)::int - 40 END AS due) d",
        {"today": TODAY},
    )


def fill_requests(first: int, last: int) -> None:
    """Open requests numbered first..last: two explanations to each reconsideration, made on
    the 60 days before TODAY (due 28 days on), every twentieth 150-240 days before, with its
    compliance failure recorded by an earlier night's sweep; a tenth as many answered ones.
    Reconsiderations in progress are held by the organisation's competent agent."""
    columns = (
        "organisation_id, kind, requester_name, requester_email, requester_status, "
        "access_token_sha256, decision, aware_on, request_text, language, made_at, "
        "request_date, window_last_day, in_primary_window, window_decision, "
        "window_decision_reasons, due_date, due_basis, due_basis_evidence, state, "
        "withdrawal_reason, created_at, updated_at, assigned_agent_id"
    )
    sql(
        "WITH o AS (SELECT array_agg(org.id ORDER BY org.id) AS ids, "
        "array_agg(c.id ORDER BY org.id) AS agents FROM core_organisation org "
        "JOIN rights_requests_rightscontact c ON c.organisation_id = org.id "
        "AND c.kind = 'competent_agent'), "
        "r AS (SELECT g, o.ids[1 + mod(g, cardinality(o.ids))] AS org, "
        "o.agents[1 + mod(g, cardinality(o.ids))] AS agent, "
        "CASE WHEN mod(g, 3) = 0 THEN 'reconsideration' ELSE 'explanation' END AS kind, "
        "CASE WHEN mod(g, 20) = 7 THEN %(today)s - 150 - mod(g, 90) "
        "ELSE %(today)s - 1 - mod(g, 60) END AS day, "
        "CASE WHEN mod(g, 3) = 0 AND mod(g, 2) = 0 THEN 'in_progress' "
        "WHEN mod(g, 3) <> 0 AND mod(g, 5) = 0 THEN 'in_progress' ELSE 'received' END AS state "
        "FROM o, generate_series(%(first)s, %(last)s) g) "
        f"INSERT INTO rights_requests_rightsrequest ({columns}) "
        "SELECT org, kind, 'Worker ' || g, 'worker' || g || '@example.test', "
        "CASE WHEN mod(g, 7) = 0 THEN 'jobseeker' ELSE 'worker' END, '', "
        "'My shifts were cut by the rota system.', day - 20, 'Please explain the decision.', "
        "CASE WHEN mod(g, 4) = 0 THEN 'cy' ELSE 'en' END, "
        "(day + time '10:00') AT TIME ZONE 'UTC', day, "
        "(day - 20 + CASE WHEN kind = 'explanation' THEN interval '3 months' "
        "ELSE interval '6 months' END)::date, true, '', '', day + 28, 'statutory', '', state, "
        "'', now(), now(), "
        "CASE WHEN kind = 'reconsideration' AND state = 'in_progress' THEN agent END FROM r",
        {"today": TODAY, "first": first, "last": last},
    )
    # The answered ones (numbered apart, a tenth as many): no sweep looks at them.
    sql(
        "WITH o AS (SELECT array_agg(id ORDER BY id) AS ids FROM core_organisation) "
        f"INSERT INTO rights_requests_rightsrequest ({columns}) "
        "SELECT o.ids[1 + mod(g, cardinality(o.ids))], 'explanation', 'Worker ' || g, "
        "'answered' || g || '@example.test', 'worker', '', 'A decision.', day - 20, 'Why?', "
        "'en', (day + time '10:00') AT TIME ZONE 'UTC', day, day + 70, true, '', '', day + 28, "
        "'statutory', '', 'answered', '', now(), now(), NULL "
        "FROM o, generate_series(%(first)s, %(last)s) g, "
        "LATERAL (SELECT %(today)s - 1 - mod(g, 60) AS day) d",
        {"today": TODAY, "first": (first + 9) // 10, "last": last // 10},
    )
    # Earlier nights' failures, with their dates from core.legal_time (as the sweep does).
    from core import legal_time

    old = [
        row[0]
        for row in sql(
            "SELECT DISTINCT due_date FROM rights_requests_rightsrequest r "
            "WHERE due_date < %s AND NOT EXISTS "
            "(SELECT 1 FROM rights_requests_compliancefailure f WHERE f.request_id = r.id)",
            [days(-100)],
        )
    ]
    rows, params = [], []
    for due in old:
        failure = legal_time.failure_date(due)
        limit = legal_time.limitation(failure)
        rows.append("SELECT %s::date, %s::date, %s::date, %s::date")
        params += [due, failure, limit.file_by, limit.out_of_time_after]
    if rows:
        sql(
            "INSERT INTO rights_requests_compliancefailure (request_id, last_compliance_date, "
            "failure_date, file_by, out_of_time_after, recorded_at) "
            "SELECT r.id, r.due_date, d.failure, d.file_by, d.out_of_time, now() "
            f"FROM rights_requests_rightsrequest r JOIN ({' UNION ALL '.join(rows)}) "
            "d(due, failure, file_by, out_of_time) ON d.due = r.due_date "
            "WHERE r.due_date < %s AND NOT EXISTS "
            "(SELECT 1 FROM rights_requests_compliancefailure f WHERE f.request_id = r.id)",
            [*params, days(-100)],
        )


# --- The bare SQL: the same rows, nothing else -------------------------------------------------


NOTIFICATION_COLUMNS = (
    "organisation_id, recipient_id, email, language, object_id, threshold, due_date, "
    "content_type_id, kind, created_at, email_state"
)


def members(roles: tuple[str, ...]) -> str:
    """Each active person holding one of `roles`, once per organisation."""
    quoted = ", ".join(f"'{role}'" for role in roles)
    return (
        "(SELECT DISTINCT m.organisation_id, m.user_id, u.preferred_language "
        "FROM core_membership m JOIN core_user u ON u.id = m.user_id "
        f"WHERE m.role IN ({quoted}) AND u.is_active)"
    )


def bare_statements() -> list[tuple[str, str]]:
    """(label, SQL) in the sweeps' order; parameters by name (bare_params)."""
    open_request = "r.state IN ('received', 'in_progress', 'exemption_claimed')"
    values = "%(now)s, %(email_state)s FROM rights_requests_rightsrequest r "
    reminded = f"{open_request} AND r.due_date >= %(today)s AND r.request_date <= %(ago14)s"

    def reminder(person: str) -> str:
        return (
            f"r.organisation_id, {person}.user_id, '', {person}.preferred_language, r.id, "
            "CASE WHEN r.due_date = %(today)s THEN 0 WHEN r.request_date <= %(ago26)s THEN 26 "
            "WHEN r.request_date <= %(ago21)s THEN 21 ELSE 14 END, r.due_date, %(request_ct)s, "
            "'answer_due', %(now)s, %(email_state)s"
        )

    clocks = []
    for kind, due, ct in (
        ("waira_review", "waira_next_due", "system_ct"),
        ("consultation_review", "consultation_next_due", "system_ct"),
    ):
        in_use = (
            f"s.used_in_high_risk_decision_making AND s.first_use IS NOT NULL AND s.{due} "
            f"IS NOT NULL AND (s.end_of_use IS NULL OR s.end_of_use > s.{due})"
        )
        clocks.append(
            (
                f"waira: {kind}",
                f"INSERT INTO core_notification ({NOTIFICATION_COLUMNS}) "
                f"SELECT s.organisation_id, m.user_id, '', m.preferred_language, s.id, "
                f"CASE WHEN s.{due} <= %(in7)s THEN 7 WHEN s.{due} <= %(in30)s THEN 30 "
                f"ELSE 90 END, s.{due}, %({ct})s, '{kind}', %(now)s, %(email_state)s "
                f"FROM registers_aisystem s JOIN {members(OWNERS)} m "
                "ON m.organisation_id = s.organisation_id "
                f"WHERE {in_use} AND s.{due} BETWEEN %(today)s AND %(in90)s "
                f"UNION ALL SELECT s.organisation_id, m.user_id, '', m.preferred_language, s.id, "
                f"-1, s.{due}, %({ct})s, '{kind}', %(now)s, %(email_state)s "
                f"FROM registers_aisystem s JOIN {members(ESCALATE_TO)} m "
                "ON m.organisation_id = s.organisation_id "
                f"WHERE {in_use} AND s.{due} < %(today)s",
            )
        )
    return [
        (
            "registers: register_entry_due",
            f"INSERT INTO core_notification ({NOTIFICATION_COLUMNS}) "
            "SELECT s.organisation_id, m.user_id, '', m.preferred_language, e.id, "
            "CASE WHEN e.due_by <= %(in7)s THEN 7 ELSE 30 END, e.due_by, %(entry_ct)s, "
            "'register_entry_due', %(now)s, %(email_state)s FROM registers_registerentry e "
            f"JOIN registers_aisystem s ON s.id = e.system_id JOIN {members(OWNERS)} m "
            "ON m.organisation_id = s.organisation_id "
            "WHERE e.due_by BETWEEN %(today)s AND %(in30)s "
            "UNION ALL SELECT s.organisation_id, m.user_id, '', m.preferred_language, e.id, -1, "
            "e.due_by, %(entry_ct)s, 'register_entry_due', %(now)s, %(email_state)s "
            "FROM registers_registerentry e JOIN registers_aisystem s ON s.id = e.system_id "
            f"JOIN {members(ESCALATE_TO)} m ON m.organisation_id = s.organisation_id "
            "WHERE e.due_by < %(today)s",
        ),
        (
            "rights_requests: answer_due",
            f"INSERT INTO core_notification ({NOTIFICATION_COLUMNS}) "
            # An explanation: the nominated contacts.
            f"SELECT {reminder('m')} FROM rights_requests_rightsrequest r "
            f"JOIN {members(('nominated_contact',))} m ON m.organisation_id = r.organisation_id "
            f"WHERE {reminded} AND r.kind = 'explanation' "
            # A reconsideration: its competent agent, if they can still sign in...
            f"UNION ALL SELECT {reminder('u')} FROM rights_requests_rightsrequest r "
            "JOIN rights_requests_rightscontact c ON c.id = r.assigned_agent_id "
            "JOIN (SELECT id AS user_id, preferred_language FROM core_user WHERE is_active) u "
            f"ON u.user_id = c.user_id WHERE {reminded} AND r.kind = 'reconsideration' "
            # ... or else every competent agent of the organisation.
            f"UNION ALL SELECT {reminder('m')} FROM rights_requests_rightsrequest r "
            f"JOIN {members(('competent_agent',))} m ON m.organisation_id = r.organisation_id "
            f"WHERE {reminded} AND r.kind = 'reconsideration' AND NOT EXISTS (SELECT 1 "
            "FROM rights_requests_rightscontact c JOIN core_user u ON u.id = c.user_id "
            "WHERE c.id = r.assigned_agent_id AND u.is_active)",
        ),
        (
            "rights_requests: failures and answer_overdue",
            "WITH f AS (INSERT INTO rights_requests_compliancefailure (request_id, "
            "last_compliance_date, failure_date, file_by, out_of_time_after, recorded_at) "
            # s.19: F = due + 1; file by min(due + 6 months, F + 6 months - 1 day); out of
            # time after the day before F's corresponding date, or a short month's last day.
            "SELECT r.id, r.due_date, r.due_date + 1, "
            "LEAST((r.due_date + interval '6 months')::date, "
            "(r.due_date + 1 + interval '6 months')::date - 1), "
            "CASE WHEN extract(day FROM r.due_date + 1 + interval '6 months') "
            "= extract(day FROM r.due_date + 1) "
            "THEN (r.due_date + 1 + interval '6 months')::date - 1 "
            "ELSE (r.due_date + 1 + interval '6 months')::date END, %(now)s "
            "FROM rights_requests_rightsrequest r "
            f"WHERE {open_request} AND r.due_date < %(today)s AND NOT EXISTS "
            "(SELECT 1 FROM rights_requests_compliancefailure f WHERE f.request_id = r.id) "
            "RETURNING request_id) "
            f"INSERT INTO core_notification ({NOTIFICATION_COLUMNS}) "
            "SELECT r.organisation_id, r.requester_id, r.requester_email, r.language, r.id, -1, "
            "r.due_date, %(request_ct)s, 'answer_overdue', "
            + values
            + "JOIN f ON f.request_id = r.id",
        ),
        (
            "rights_requests: tribunal_limit",
            f"INSERT INTO core_notification ({NOTIFICATION_COLUMNS}) "
            "SELECT r.organisation_id, r.requester_id, r.requester_email, r.language, r.id, "
            "CASE WHEN f.file_by <= %(in7)s THEN 7 WHEN f.file_by <= %(in14)s THEN 14 "
            "WHEN f.file_by <= %(in30)s THEN 30 ELSE 60 END, f.file_by, %(request_ct)s, "
            "'tribunal_limit', " + values + "JOIN rights_requests_compliancefailure f "
            "ON f.request_id = r.id WHERE f.file_by BETWEEN %(today)s AND %(in60)s",
        ),
        *clocks,
    ]


def bare_params(email_state: str = "pending") -> dict[str, Any]:
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from registers.models import AISystem, RegisterEntry
    from rights_requests.models import RightsRequest

    return {
        "today": TODAY,
        "now": timezone.now(),
        "email_state": email_state,
        **{f"in{n}": days(n) for n in (7, 14, 30, 60, 90)},
        **{f"ago{n}": days(-n) for n in (14, 21, 26)},
        "request_ct": ContentType.objects.get_for_model(RightsRequest).pk,
        "system_ct": ContentType.objects.get_for_model(AISystem).pk,
        "entry_ct": ContentType.objects.get_for_model(RegisterEntry).pk,
    }


# --- Measuring ----------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    notifications: tuple[int, Decimal]
    failures: tuple[int, Decimal]
    statements: list[tuple[float, str]]
    items: int = 0
    queries: int = 0
    per_sweep: dict[str, tuple[int, int, int, int, int]] = field(default_factory=dict)


def baseline() -> tuple[int, int]:
    ((notification, failure),) = sql(
        "SELECT (SELECT coalesce(max(id), 0) FROM core_notification), "
        "(SELECT coalesce(max(id), 0) FROM rights_requests_compliancefailure)"
    )
    return notification, failure


def fingerprints(since: tuple[int, int]) -> tuple[tuple[int, Decimal], tuple[int, Decimal]]:
    """How many notifications and failures were written since `since`, and an order-free hash
    of their contents (everything but ids, times and the run)."""
    ((notifications, n_hash),) = sql(
        "SELECT count(*), coalesce(sum(hashtextextended(concat_ws('|', organisation_id, "
        "recipient_id, email, language, content_type_id, object_id, kind, threshold, due_date, "
        "email_state), 0)), 0) FROM core_notification WHERE id > %s",
        [since[0]],
    )
    ((failures, f_hash),) = sql(
        "SELECT count(*), coalesce(sum(hashtextextended(concat_ws('|', request_id, "
        "last_compliance_date, failure_date, file_by, out_of_time_after), 0)), 0) "
        "FROM rights_requests_compliancefailure WHERE id > %s",
        [since[1]],
    )
    return (notifications, n_hash), (failures, f_hash)


def rolled_back(work: Callable[[], Run]) -> Run:
    """Run `work` in a transaction, then roll it back and vacuum what it wrote."""
    from django.db import transaction

    with transaction.atomic():
        run = work()
        transaction.set_rollback(True)
    sql(f"VACUUM {', '.join(WRITTEN)}")
    return run


def sweep() -> Run:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from core.services import sweep_names, sweep_run

    since = baseline()
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        runs = [sweep_run(name, today=TODAY) for name in sweep_names()]
        sql("SET CONSTRAINTS ALL IMMEDIATE")  # the foreign-key checks a commit would run
        seconds = time.perf_counter() - started
    notifications, failures = fingerprints(since)
    for run in runs:
        assert not run.error, run.error
    return Run(
        seconds=seconds,
        notifications=notifications,
        failures=failures,
        statements=[(float(query["time"]), query["sql"]) for query in captured.captured_queries],
        items=sum(run.items_found for run in runs),
        queries=sum(run.queries for run in runs),
        per_sweep={
            run.name: (
                run.items_found,
                run.notifications_created,
                run.failures_recorded,
                run.queries,
                run.duration_ms or 0,
            )
            for run in runs
        },
    )


def bare(email_state: str = "pending") -> Run:
    params = bare_params(email_state)
    since = baseline()
    statements = []
    started = time.perf_counter()
    for label, statement in [*bare_statements(), ("SET CONSTRAINTS ALL IMMEDIATE", "")]:
        clock = time.perf_counter()
        sql(statement or label, params if statement else None)
        statements.append((time.perf_counter() - clock, label))
    seconds = time.perf_counter() - started
    notifications, failures = fingerprints(since)
    return Run(seconds, notifications, failures, statements)


@dataclass
class Result:
    size: int
    sweeps: list[Run]
    bares: list[Run]

    @property
    def sweep(self) -> Run:
        return self.sweeps[-1]

    def median(self, runs: list[Run]) -> float:
        return statistics.median(run.seconds for run in runs)


def measure(size: int) -> Result:
    result = Result(size, [], [])
    for _ in range(REPEATS):
        result.sweeps.append(rolled_back(sweep))
        result.bares.append(rolled_back(bare))
    for run in result.sweeps + result.bares:
        same = (run.notifications, run.failures) == (
            result.sweep.notifications,
            result.sweep.failures,
        )
        if not same:
            raise SystemExit(
                f"N={size:,}: the bare SQL and the sweep wrote different rows: "
                f"notifications {run.notifications} vs {result.sweep.notifications}, "
                f"failures {run.failures} vs {result.sweep.failures}"
            )
    return result


def delivery() -> tuple[int, float, int]:
    """The outbox (notifications_deliver, locmem backend) emailing DELIVERED pending ones, a
    sample of every kind: the sweep's rows are written by the bare SQL already sent, and the
    sample is marked pending again. Rolled back afterwards."""
    from django.core import mail
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from core.services import notifications_deliver

    with transaction.atomic():
        since = baseline()
        bare(email_state="sent")
        sql(
            "UPDATE core_notification SET email_state = 'pending' WHERE id IN (SELECT id FROM "
            "(SELECT id, row_number() OVER (ORDER BY kind, id) AS n, count(*) OVER () AS total "
            "FROM core_notification WHERE id > %s) s WHERE mod(n, total / %s) = 0 LIMIT %s)",
            [since[0], DELIVERED, DELIVERED],
        )
        mail.outbox = []
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            sent = notifications_deliver()
            seconds = time.perf_counter() - started
        mail.outbox = []
        transaction.set_rollback(True)
    sql(f"VACUUM {', '.join(WRITTEN)}")
    return sent, seconds, len(captured.captured_queries)


def load(size: int, made: int) -> None:
    started = time.perf_counter()
    fill_requests(made + 1, size)
    sql("VACUUM ANALYZE")
    print(f"  (setup: {size - made:,} more open requests in {time.perf_counter() - started:.0f} s)")


def describe(statement: str) -> str:
    """A captured statement, short: the table it writes and, for notifications, their kind."""
    from core.extensions import NOTIFICATION_KINDS

    text = " ".join(statement.split())
    table = re.match(r'INSERT INTO "?(\w+)"?', text)
    if table is None:
        return text[:90]
    kinds = [kind for kind in NOTIFICATION_KINDS if f"'{kind}'" in text]
    return f"INSERT INTO {table.group(1)}" + (f" ({', '.join(kinds)})" if kinds else "")


def report(results: list[Result]) -> None:
    print(
        f"\nThe deadline sweeps for {TODAY}: {ORGANISATIONS} organisations, {SYSTEMS:,} AI "
        f"systems; median of {REPEATS}, each run rolled back"
    )
    header = (
        f"{'open requests':>14}{'items found':>13}{'notifications':>15}{'failures':>10}"
        f"{'sweep s':>9}{'bare SQL s':>12}{'ratio':>7}{'sweep queries':>15}"
    )
    print(header)
    for result in results:
        sweep_s, bare_s = result.median(result.sweeps), result.median(result.bares)
        queries = sorted({run.queries for run in result.sweeps})
        print(
            f"{result.size:>14,}{result.sweep.items:>13,}{result.sweep.notifications[0]:>15,}"
            f"{result.sweep.failures[0]:>10,}{sweep_s:>9.2f}{bare_s:>12.2f}"
            f"{sweep_s / bare_s:>6.1f}x{'/'.join(map(str, queries)):>15}"
        )
    print("Each sweep (the last run): items, notifications, failures, queries, ms")
    for result in results:
        for name, (items, told, failed, count, ms) in result.sweep.per_sweep.items():
            print(
                f"{result.size:>14,}  {name:<17}{items:>10,}{told:>10,}{failed:>10,}"
                f"{count:>6}{ms:>9,}"
            )
    largest = results[-1]
    print(f"The slowest statements at {largest.size:,} requests (the last run), seconds:")
    slowest = sorted(largest.sweep.statements, reverse=True)[:8]
    for seconds, statement in slowest:
        print(f"  sweep {seconds:7.2f}  {describe(statement)}")
    for seconds, label in largest.bares[-1].statements:
        print(f"  bare  {seconds:7.2f}  {label}")


def main() -> None:
    from django.contrib.contenttypes.models import ContentType

    fresh_database()
    ContentType.objects.clear_cache()
    started = time.perf_counter()
    fill_people()
    fill_systems()
    bare_params()  # the content types, cached as the sweeps cache them
    results = []
    made = 0
    for size in SIZES:
        load(size, made)
        made = size
        results.append(measure(size))
        if len(results) == 1:
            sent, seconds, queries = delivery()  # cheapest with the fewest rows to write
    report(results)
    print(
        f"Delivery (not part of the sweep or the ratio): notifications_deliver emailed {sent:,} "
        f"in {seconds:.2f} s ({sent / seconds:,.0f}/s, {queries:,} queries), locmem backend, "
        f"at {SIZES[0]:,} requests"
    )
    print(f"(the deadline bench took {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    # Alone (`python bench/deadlines.py`): the settings and database of bench/run.py, only this.
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    base_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/llais")
    os.environ["DATABASE_URL"] = base_url.rsplit("/", 1)[0] + "/llais_bench"

    import logging

    import django
    from django.test.utils import setup_test_environment

    django.setup()
    logging.disable(logging.INFO)
    setup_test_environment()
    main()

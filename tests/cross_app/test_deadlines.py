"""The deadline engine: every threshold on the day before, the day itself and the day after; reruns
send nothing new; a sweep stopped part-way and rerun ends as one uninterrupted run would."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import time_machine
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse

from core import legal_time
from core.clock_guards import workflow_write
from core.models import EmailState, Notification, SweepRun, TimelineEvent, User
from core.roles import Role
from core.services import notifications_deliver, notifications_insert, sweep_names, sweep_run
from registers.models import RegisterEntry
from rights_requests import services as rights_services
from rights_requests import sweeps as rights_sweeps
from rights_requests.models import ComplianceFailure, RequestKind
from tests.register_helpers import register_system
from tests.rights_helpers import agent_for, explain, make_request
from tests.system_helpers import system_in_high_risk_use

pytestmark = pytest.mark.django_db

REQUEST_DAY = datetime.date(2025, 3, 3)
OFFSETS = (-1, 0, 1)  # the day before, on the day, the day after


@contextmanager
def on(day: datetime.date) -> Iterator[None]:
    with time_machine.travel(f"{day.isoformat()}T10:00:00Z", tick=False):
        yield


def sweep_on(day: datetime.date, name: str) -> SweepRun:
    with on(day):
        return sweep_run(name)


def reminders():
    """The notifications of clocks (not of events, which the services write: ADR 0011)."""
    from django.contrib.contenttypes.models import ContentType

    return Notification.objects.exclude(
        content_type=ContentType.objects.get_for_model(TimelineEvent)
    )


def sent(kind: str, **filters) -> list[tuple[int, int | None, str]]:
    """(threshold, recipient, email) of each notification of `kind`, oldest first."""
    return list(
        Notification.objects.filter(kind=kind, **filters)
        .order_by("id")
        .values_list("threshold", "recipient_id", "email")
    )


def world(user_with_role: Callable[..., User]) -> dict[str, User]:
    return {
        role: user_with_role(role)
        for role in (
            Role.COMMISSIONER,
            Role.UNION_REPRESENTATIVE,
            Role.OVERSIGHT_MEMBER,
            Role.NOMINATED_CONTACT,
            Role.COMPETENT_AGENT,
            Role.WORKER,
        )
    }


# --- Rights requests: the handler's reminders (R-EXPL-DUE, R-RECON-DUE) ----------------------


@pytest.mark.parametrize(("day", "threshold"), [(14, 14), (21, 21), (26, 26), (28, 0)])
def test_handler_reminders_day_before_on_the_day_and_after(
    worker, organisation, nominated_contact, competent_agent, day, threshold
):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
    assert request.due_date == legal_time.add_days(REQUEST_DAY, 28)
    seen = {}
    for offset in OFFSETS:
        sweep_on(legal_time.add_days(REQUEST_DAY, day + offset), "rights_requests")
        seen[offset] = [t for t, _r, _e in sent("answer_due", object_id=request.pk)]
    assert threshold not in seen[-1]
    assert seen[0].count(threshold) == 1
    assert seen[1] == seen[0]  # the day after: nothing new
    # Only the nominated contact hears: not the competent agent, not the worker.
    assert {r for _t, r, _e in sent("answer_due")} == {nominated_contact.pk}


def test_each_reminder_once_when_swept_every_day(worker, organisation, nominated_contact):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
    for day in range(0, 29):
        sweep_on(legal_time.add_days(REQUEST_DAY, day), "rights_requests")
        sweep_on(legal_time.add_days(REQUEST_DAY, day), "rights_requests")  # a second beat
    assert [t for t, _r, _e in sent("answer_due", object_id=request.pk)] == [14, 21, 26, 0]


def test_a_missed_day_is_caught_up_once_with_the_latest_reminder(
    worker, organisation, nominated_contact
):
    with on(REQUEST_DAY):
        make_request(worker, organisation)
    sweep_on(legal_time.add_days(REQUEST_DAY, 22), "rights_requests")  # no run on days 14-21
    assert [t for t, _r, _e in sent("answer_due")] == [21]


def test_reconsideration_reminders_go_to_its_agent(
    worker, organisation, administrator, competent_agent, user_with_role
):
    other_agent = user_with_role(Role.COMPETENT_AGENT)
    with on(REQUEST_DAY):
        unassigned = make_request(worker, organisation, RequestKind.RECONSIDERATION)
        assigned = make_request(worker, organisation, RequestKind.RECONSIDERATION)
        rights_services.reconsideration_assign(
            actor=administrator,
            request=assigned,
            agent=agent_for(administrator, organisation, competent_agent),
        )
    sweep_on(legal_time.add_days(REQUEST_DAY, 14), "rights_requests")
    assert {r for _t, r, _e in sent("answer_due", object_id=assigned.pk)} == {competent_agent.pk}
    # Nobody holds the other yet: every competent agent of the employer hears.
    assert {r for _t, r, _e in sent("answer_due", object_id=unassigned.pk)} == {
        competent_agent.pk,
        other_agent.pk,
    }


def test_answered_and_withdrawn_requests_are_not_chased(worker, organisation, nominated_contact):
    with on(REQUEST_DAY):
        answered = make_request(worker, organisation)
        explain(nominated_contact, answered)
        withdrawn = make_request(worker, organisation)
        rights_services.rights_request_withdraw(actor=worker, request=withdrawn)
    for day in (14, 28, 29):
        sweep_on(legal_time.add_days(REQUEST_DAY, day), "rights_requests")
    assert not reminders().exists()
    assert not ComplianceFailure.objects.exists()


# --- On a miss: the failure and the worker's notice ----------------------------------------


@pytest.mark.parametrize("offset", OFFSETS)
def test_failure_and_notice_the_day_after_the_due_date(worker, organisation, offset):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation, language="cy")
    failure_day = legal_time.failure_date(request.due_date)
    run = sweep_on(legal_time.add_days(failure_day, offset), "rights_requests")
    failed = offset >= 0
    assert ComplianceFailure.objects.filter(request=request).exists() is failed
    assert run.failures_recorded == int(failed)
    assert sent("answer_overdue") == ([(-1, worker.pk, worker.email)] if failed else [])
    if failed:
        failure = ComplianceFailure.objects.get(request=request)
        limit = legal_time.limitation(failure_day)
        assert (failure.failure_date, failure.file_by, failure.out_of_time_after) == (
            failure_day,
            limit.file_by,
            limit.out_of_time_after,
        )
        assert failure.sweep_run == run
        # In the request's history and on its timeline, like any other change.
        assert failure.history.get().history_type == "+"
        event = TimelineEvent.objects.get(kind="compliance_failure_recorded")
        assert event.object_id == request.pk
        assert event.data == {
            "failure_date": failure_day.isoformat(),
            "file_by": limit.file_by.isoformat(),
            "out_of_time_after": limit.out_of_time_after.isoformat(),
        }
        assert Notification.objects.get(kind="answer_overdue").language == "cy"
        # Rerun: nothing new anywhere.
        sweep_on(legal_time.add_days(failure_day, offset), "rights_requests")
        assert ComplianceFailure.objects.count() == 1
        assert TimelineEvent.objects.filter(kind="compliance_failure_recorded").count() == 1
        assert Notification.objects.filter(kind="answer_overdue").count() == 1


def test_jobseeker_without_account_is_told_at_their_address(worker, organisation):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
    # The same request as if made without an account (its private link is all they have).
    type(request).objects.filter(pk=request.pk).update(requester=None)
    sweep_on(legal_time.failure_date(request.due_date), "rights_requests")
    assert sent("answer_overdue") == [(-1, None, worker.email)]


def test_late_answer_and_sweep_tell_the_worker_once(worker, organisation, nominated_contact):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
    failure_day = legal_time.failure_date(request.due_date)
    with on(failure_day):
        explain(nominated_contact, request)  # late: the service records the failure
    sweep_on(failure_day, "rights_requests")
    assert len(sent("answer_overdue")) == 1


# --- The tribunal clock (R-ET-LIMIT) -----------------------------------------------------------


@pytest.mark.parametrize("days_before", rights_sweeps.TRIBUNAL_DAYS)
def test_tribunal_reminders(worker, organisation, union_rep, days_before):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
        rights_services.rights_request_share(
            actor=worker, request=request, representative=union_rep
        )
    sweep_on(legal_time.failure_date(request.due_date), "rights_requests")
    file_by = ComplianceFailure.objects.get().file_by
    seen = {}
    for offset in OFFSETS:
        sweep_on(legal_time.add_days(file_by, -days_before + offset), "rights_requests")
        seen[offset] = [(t, r) for t, r, _e in sent("tribunal_limit")]
    assert (days_before, worker.pk) not in seen[-1]
    # The worker and the representative they shared the request with ("claimant or rep").
    for person in (worker, union_rep):
        assert seen[0].count((days_before, person.pk)) == 1
    assert seen[1] == seen[0]
    assert set(
        Notification.objects.filter(kind="tribunal_limit").values_list("due_date", flat=True)
    ) == {file_by}


# --- The 12-month clocks (R-WAIRA-PERIODIC, R-CONS-REPEAT) and the register's --------------


CLOCKS = [
    ("waira", "waira_review", "waira_next_due"),
    ("waira", "consultation_review", "consultation_next_due"),
]


@pytest.mark.parametrize(("sweep", "kind", "field"), CLOCKS)
@pytest.mark.parametrize("days_before", [90, 30, 7])
def test_review_reminders(user_with_role, organisation, sweep, kind, field, days_before):
    people = world(user_with_role)
    system = system_in_high_risk_use(
        people[Role.COMMISSIONER], organisation, first_use=datetime.date(2025, 3, 3)
    )
    due = getattr(system, field)
    assert due is not None
    seen = {}
    for offset in OFFSETS:
        sweep_on(legal_time.add_days(due, -days_before + offset), sweep)
        seen[offset] = [t for t, _r, _e in sent(kind)]
    assert days_before not in seen[-1]
    assert seen[0].count(days_before) == 1
    assert seen[1] == seen[0]
    assert {r for _t, r, _e in sent(kind)} == {people[Role.COMMISSIONER].pk}


@pytest.mark.parametrize(("sweep", "kind", "field"), CLOCKS)
def test_review_overdue_is_escalated(user_with_role, organisation, sweep, kind, field):
    people = world(user_with_role)
    system = system_in_high_risk_use(
        people[Role.COMMISSIONER], organisation, first_use=datetime.date(2025, 3, 3)
    )
    due = getattr(system, field)
    sweep_on(due, sweep)
    assert not Notification.objects.filter(threshold=Notification.OVERDUE).exists()
    for _ in range(2):
        sweep_on(legal_time.add_days(due, 1), sweep)
        sweep_on(legal_time.add_days(due, 40), sweep)
    overdue = Notification.objects.filter(kind=kind, threshold=Notification.OVERDUE)
    assert set(overdue.values_list("recipient_id", flat=True)) == {
        people[Role.COMMISSIONER].pk,
        people[Role.UNION_REPRESENTATIVE].pk,
        people[Role.OVERSIGHT_MEMBER].pk,
    }
    assert overdue.count() == 3


def test_review_clock_stops_at_the_end_of_use(user_with_role, organisation):
    people = world(user_with_role)
    system = system_in_high_risk_use(
        people[Role.COMMISSIONER],
        organisation,
        first_use=datetime.date(2025, 3, 3),
    )
    assert system.waira_next_due is not None
    with workflow_write():  # the end of use alone, as the register's service would record it
        type(system).objects.filter(pk=system.pk).update(
            end_of_use=legal_time.add_days(system.waira_next_due, -1)
        )
    sweep_on(legal_time.add_days(system.waira_next_due, -7), "waira")
    sweep_on(legal_time.add_days(system.waira_next_due, 1), "waira")
    assert not reminders().exists()


@pytest.mark.parametrize("days_before", [30, 7])
def test_register_entry_reminders(user_with_role, organisation, days_before):
    people = world(user_with_role)
    system = register_system(
        people[Role.COMMISSIONER], organisation, first_use=datetime.date(2025, 3, 3)
    )
    entry = RegisterEntry.objects.get(system=system)
    assert system.first_use is not None
    assert entry.due_by == legal_time.register_update_due(system.first_use)
    seen = {}
    for offset in OFFSETS:
        sweep_on(legal_time.add_days(entry.due_by, -days_before + offset), "registers")
        seen[offset] = [t for t, _r, _e in sent("register_entry_due")]
    assert days_before not in seen[-1]
    assert seen[0].count(days_before) == 1
    assert seen[1] == seen[0]


def test_register_entry_overdue_is_escalated(user_with_role, organisation):
    people = world(user_with_role)
    system = register_system(
        people[Role.COMMISSIONER], organisation, first_use=datetime.date(2025, 3, 3)
    )
    due = RegisterEntry.objects.get(system=system).due_by
    assert due is not None
    sweep_on(due, "registers")
    sweep_on(legal_time.add_days(due, 1), "registers")
    sweep_on(legal_time.add_days(due, 2), "registers")
    assert sorted(
        Notification.objects.filter(threshold=Notification.OVERDUE).values_list(
            "recipient_id", flat=True
        )
    ) == sorted(
        people[role].pk
        for role in (Role.COMMISSIONER, Role.UNION_REPRESENTATIVE, Role.OVERSIGHT_MEMBER)
    )


# --- Set-based, idempotent, safe when stopped --------------------------------------------------


def busy_world(user_with_role, organisation, requests: int) -> datetime.date:
    """`requests` open explanation requests of different ages, a reconsideration, two systems in
    high-risk use; returns a day on which every clock has something to say."""
    people = world(user_with_role)
    first_use = datetime.date(2025, 3, 3)
    for name in ("RotaWise", "ShiftSense"):
        register_system(people[Role.COMMISSIONER], organisation, first_use=first_use, name=name)
    today = legal_time.add_days(first_use, 100)  # register entries overdue
    for age in [35] + [14 + n % 30 for n in range(requests)]:  # one overdue, at least
        with on(legal_time.add_days(today, -age)):
            make_request(people[Role.WORKER], organisation)
    with on(legal_time.add_days(today, -20)):
        make_request(people[Role.WORKER], organisation, RequestKind.RECONSIDERATION)
    return today


def every_notification() -> set[tuple[object, ...]]:
    # A failure record (accountability) is known by what it records, its source_key: a run
    # rolled back still used up the sequence, so its primary key differs from run to run.
    from accountability.models import Failure

    keys = dict(Failure.objects.values_list("pk", "source_key"))
    failure_type = ContentType.objects.get_for_model(Failure).pk
    return {
        (type_id, keys[object_id] if type_id == failure_type else object_id, *rest)
        for type_id, object_id, *rest in Notification.objects.values_list(
            "content_type_id", "object_id", "kind", "threshold", "due_date", "recipient_id", "email"
        )
    }


def test_queries_do_not_grow_with_the_number_of_items(user_with_role, organisation):
    # Django caches content types per process: warm the cache first, so the first sweep run is
    # not charged a lookup the second is spared, whatever ran before this test.
    ContentType.objects.get_for_models(*django_apps.get_models())
    today = busy_world(user_with_role, organisation, requests=3)
    small = {name: sweep_on(today, name) for name in sweep_names()}
    Notification.objects.all().delete()
    today = busy_world(user_with_role, organisation, requests=40)
    large = {name: sweep_on(today, name) for name in sweep_names()}
    assert large["rights_requests"].items_found > small["rights_requests"].items_found
    assert {name: run.queries for name, run in large.items()} == {
        name: run.queries for name, run in small.items()
    }


def test_a_sweep_stopped_part_way_and_rerun_ends_as_one_uninterrupted_run(
    user_with_role, organisation, monkeypatch, django_db_blocker
):
    from django.db import transaction

    today = busy_world(user_with_role, organisation, requests=12)
    # What one uninterrupted run writes, found inside a savepoint then undone.
    with transaction.atomic():
        for name in sweep_names():
            sweep_on(today, name)
        expected = every_notification()
        failures = set(ComplianceFailure.objects.values_list("request_id", "file_by"))
        transaction.set_rollback(True)
    assert expected and failures and not reminders().exists()

    # Now the worker dies inside the failures step, after the failures are written but before
    # the workers are told: that step leaves nothing behind, the steps before it stand.
    real_insert = notifications_insert  # what rights_sweeps imported

    def dies_on_the_notice(rows, **kwargs):
        if kwargs["kind"] == rights_sweeps.ANSWER_OVERDUE:
            raise SystemExit("worker killed")
        return real_insert(rows, **kwargs)

    monkeypatch.setattr(rights_sweeps, "notifications_insert", dies_on_the_notice)
    with pytest.raises(SystemExit):
        sweep_on(today, "rights_requests")
    assert Notification.objects.filter(kind="answer_due").exists()  # step 1 committed
    assert not ComplianceFailure.objects.exists()  # step 2 undone whole
    assert not TimelineEvent.objects.filter(kind="compliance_failure_recorded").exists()
    monkeypatch.undo()

    for name in sweep_names():
        sweep_on(today, name)
    assert every_notification() == expected
    assert set(ComplianceFailure.objects.values_list("request_id", "file_by")) == failures
    assert ComplianceFailure.history.count() == len(failures)


# --- What people and operators see -------------------------------------------------------------


def test_notifications_page_header_count_and_mark_read(client, worker, organisation):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
    sweep_on(legal_time.failure_date(request.due_date), "rights_requests")
    client.force_login(worker)
    page = client.get(reverse("core:notification_list"))
    html = page.content.decode()
    assert "did not answer your request in time" in html
    opening = reverse(
        "core:notification_open", args=[Notification.objects.get(recipient=worker).pk]
    )
    assert opening in html
    assert 'govuk-tag govuk-tag--red llais-count">1<' in html
    response = client.post(reverse("core:notifications_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "llais-count" not in client.get(reverse("core:dashboard")).content.decode()


def test_emails_go_once_in_the_recipients_language(
    worker, organisation, nominated_contact, mailoutbox
):
    nominated_contact.preferred_language = "cy"
    nominated_contact.save()
    with on(REQUEST_DAY):
        make_request(worker, organisation)
    notifications_deliver()  # the request's own notice, which its commit would have sent
    mailoutbox.clear()
    sweep_on(legal_time.add_days(REQUEST_DAY, 14), "rights_requests")
    assert notifications_deliver() == 1
    assert notifications_deliver() == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [nominated_contact.email]
    assert "Diwrnod 14" in mailoutbox[0].subject
    assert reminders().get().email_state == EmailState.SENT


def test_sweep_runs_page_and_command(client, administrator, worker, organisation):
    administrator.is_staff = True
    administrator.save()
    with on(REQUEST_DAY):
        make_request(worker, organisation)
    out = io.StringIO()
    with on(legal_time.add_days(REQUEST_DAY, 40)):
        call_command("run_sweeps", stdout=out)
    assert "rights_requests: 1 found, 1 notifications, 1 failures recorded" in out.getvalue()
    assert SweepRun.objects.count() == len(sweep_names())
    client.force_login(administrator)
    html = client.get(reverse("core:sweep_runs")).content.decode()
    assert "rights_requests" in html and "Finished" in html
    with pytest.raises(CommandError):
        call_command("run_sweeps", "no_such_sweep")


def test_a_failed_run_is_recorded(monkeypatch):
    def broken(today, now, run):
        raise RuntimeError("database went away")

    from core.extensions import SWEEP_STEPS, SweepStep

    monkeypatch.setitem(SWEEP_STEPS, "broken", [SweepStep("broken", 1, "broken.step", broken)])
    with pytest.raises(RuntimeError):
        sweep_run("broken")
    run = SweepRun.objects.get(name="broken")
    assert run.error == "broken.step: database went away"
    assert run.finished_at is not None


def test_notifications_page_queries_do_not_grow(client, user_with_role, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    today = busy_world(user_with_role, organisation, requests=2)
    for name in sweep_names():
        sweep_on(today, name)
    notification = Notification.objects.filter(kind="register_entry_due").first()
    assert notification is not None
    commissioner = notification.recipient
    contact = User.objects.get(memberships__role=Role.NOMINATED_CONTACT)
    counts = []
    for person in (commissioner, contact):
        client.force_login(person)
        with CaptureQueriesContext(connection) as few:
            assert client.get(reverse("core:notification_list")).status_code == 200
        counts.append(len(few))
    more = busy_world(user_with_role, organisation, requests=30)
    for name in sweep_names():
        sweep_on(more, name)
    assert Notification.objects.filter(recipient=contact).count() > 10
    client.force_login(contact)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("core:notification_list"))
    assert len(many) == counts[1]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("data_the_migrations_load")
def test_two_sweeps_at_once_tell_everyone_once(user_with_role, organisation):
    """Two beat processes started by mistake: both sweeps run at the same moment, each on its own
    database connection; the unique constraints let each notification and failure in once."""
    import threading

    from django.db import connections

    today = busy_world(user_with_role, organisation, requests=20)
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def beat() -> None:
        try:
            start.wait(timeout=10)
            with on(today):
                sweep_run("rights_requests")
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    runs = SweepRun.objects.filter(name="rights_requests")
    assert runs.count() == 2
    assert sum(run.notifications_created for run in runs) == reminders().count() > 20
    failures = ComplianceFailure.objects.count()
    assert sum(run.failures_recorded for run in runs) == failures == 6
    assert ComplianceFailure.history.count() == failures
    assert TimelineEvent.objects.filter(kind="compliance_failure_recorded").count() == failures


def test_a_representative_reads_the_tribunal_reminder_about_someone_else(
    worker, organisation, union_rep, mailoutbox
):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
        rights_services.rights_request_share(
            actor=worker, request=request, representative=union_rep
        )
    sweep_on(legal_time.failure_date(request.due_date), "rights_requests")
    file_by = ComplianceFailure.objects.get().file_by
    notifications_deliver()  # what was waiting: the sharing's notice, the failure's
    mailoutbox.clear()
    sweep_on(legal_time.add_days(file_by, -7), "rights_requests")
    notifications_deliver()
    to_rep = next(m for m in mailoutbox if m.to == [union_rep.email])
    assert f"{worker.get_full_name()} shared their request with you" in to_rep.body
    to_worker = next(m for m in mailoutbox if m.to == [worker.email])
    assert to_worker.body.startswith(f"Dear {worker.get_full_name()},")

"""Retention (docs/retention.md): the personal data in a closed rights request goes the day after
the last limitation date that could apply plus the margin, and not a day before; the facts stay."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from core.models import Notification, SweepRun, TimelineEvent, User
from core.services import sweep_run
from core.services.retention import last_limitation_date, personal_data_removal_date
from rights_requests import services
from rights_requests.models import RequestAnswer, RightsRequest
from rights_requests.retention import removal_date
from tests.rights_helpers import explain, make_request, sweep_requests

pytestmark = pytest.mark.django_db

NAME = "Siân Worker-Unique"
TEXT = "Please explain how the system decided to cut my hours (unique text)."


def at(day: datetime.date | str, hour: int = 10) -> time_machine.travel:
    return time_machine.travel(f"{day}T{hour:02d}:00:00Z", tick=False)


def test_the_rule_on_a_worked_example() -> None:
    # F 1 April 2025: out of time after 30 September 2025; ACAS notified that day and the
    # certificate six weeks later (11 November) gives one month after Day B, 11 December 2025;
    # six months' margin: kept until 11 June 2026, removed on 12 June 2026.
    assert last_limitation_date(datetime.date(2025, 4, 1)) == datetime.date(2025, 12, 11)
    assert personal_data_removal_date([datetime.date(2025, 4, 1)]) == datetime.date(2026, 6, 12)
    # Early conciliation recorded that ends later than the worst case moves the date on.
    assert last_limitation_date(
        datetime.date(2025, 4, 1),
        day_a=datetime.date(2025, 9, 1),
        day_b=datetime.date(2025, 12, 20),
    ) == datetime.date(2026, 1, 20)


@pytest.fixture
def answered(worker: User, organisation, nominated_contact: User) -> RightsRequest:
    worker.first_name = NAME
    worker.save()
    with at("2025-03-03"):
        request = make_request(worker, organisation, request_text=TEXT)
    with at("2025-03-10"):
        explain(nominated_contact, request, text=f"Dear {NAME}, the system ranked you.")
    made: RightsRequest = request
    return made


def removed(request: RightsRequest) -> bool:
    request.refresh_from_db()
    return request.personal_data_removed_on is not None


def test_nothing_goes_the_day_before_and_everything_personal_goes_on_the_day(
    answered: RightsRequest, worker: User, organisation
) -> None:
    on = removal_date(answered)
    assert on == datetime.date(2026, 6, 12)  # due 31 March 2025, so F 1 April 2025
    with at("2025-03-03"):
        still_open = make_request(worker, organisation, request_text=TEXT)
    answer_count = RequestAnswer.objects.count()

    with at(on - datetime.timedelta(days=1)):
        assert sweep_run("retention").items_found == 0
    assert not removed(answered)
    assert NAME in answered.requester_name

    with at(on):
        assert sweep_run("retention").items_found == 1
    assert removed(answered)
    assert answered.personal_data_removed_on == on
    assert (answered.requester_id, answered.requester_name, answered.requester_email) == (
        None,
        "",
        "",
    )
    assert answered.request_text == answered.decision == ""
    answer = RequestAnswer.objects.get(request=answered)
    assert answer.text == "" and answer.content_sha256 and answer.in_time
    # The facts stay: kinds, dates, states and counts.
    assert answered.state == "answered" and answered.due_date == datetime.date(2025, 3, 31)
    assert RequestAnswer.objects.count() == answer_count
    # The history keeps no copy that names the worker.
    for row in answered.history.all():
        assert (row.requester_name, row.requester_email, row.request_text) == ("", "", "")
        assert row.requester_id is None and row.history_user_id != worker.pk
    for row in RequestAnswer.history.filter(request_id=answered.pk):
        assert NAME not in row.text
    # The timeline says it happened, and names nobody.
    events = TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(RightsRequest), object_id=answered.pk
    )
    event = events.get(kind="personal_data_removed")
    assert event.actor_id is None and event.reason == ""
    assert event.data == {"removed_on": on.isoformat(), "kept_until": "2026-06-11"}
    assert not events.filter(actor=worker).exists()
    assert not Notification.objects.filter(recipient=worker, object_id=answered.pk).exists()
    # An open request is never touched.
    still_open.refresh_from_db()
    assert still_open.personal_data_removed_on is None and still_open.request_text == TEXT


def test_a_rerun_changes_nothing(answered: RightsRequest) -> None:
    on = removal_date(answered)
    with at(on):
        sweep_run("retention")
    events = TimelineEvent.objects.count()
    with at(on + datetime.timedelta(days=3)):
        assert sweep_run("retention").items_found == 0
    assert TimelineEvent.objects.count() == events
    assert RightsRequest.objects.get(pk=answered.pk).personal_data_removed_on == on
    assert SweepRun.objects.filter(name="retention").count() == 2


def test_early_conciliation_and_a_late_failure_keep_the_evidence_longer(
    worker: User, organisation, nominated_contact: User
) -> None:
    with at("2025-03-03"):
        request = make_request(worker, organisation, request_text=TEXT)
    with at("2025-04-02"):
        sweep_requests()
    request.refresh_from_db()
    failure = request.failure
    services.failure_record_early_conciliation(
        actor=worker,
        failure=failure,
        day_a=datetime.date(2025, 9, 1),
        day_b=datetime.date(2025, 12, 20),
    )
    with at("2025-04-20"):
        explain(nominated_contact, request)  # late
    request = RightsRequest.objects.select_related("failure", "answer").get(pk=request.pk)
    # F is the day of the late answer (20 April): later than the failure on 1 April, and the
    # recorded conciliation ends after the worst case from the limit.
    on = removal_date(request)
    assert on == personal_data_removal_date(
        [datetime.date(2025, 4, 20)],
        day_a=datetime.date(2025, 9, 1),
        day_b=datetime.date(2025, 12, 20),
    )
    assert on > personal_data_removal_date([datetime.date(2025, 4, 1)])
    with at(on - datetime.timedelta(days=1)):
        sweep_run("retention")
    assert not removed(request)
    with at(on):
        sweep_run("retention")
    assert removed(request)
    request.failure.refresh_from_db()
    assert request.failure.file_by == datetime.date(2025, 9, 30)  # the facts stay


def test_the_sweep_runs_the_same_statements_for_two_requests_or_six(
    worker: User, organisation, nominated_contact: User
) -> None:
    def removal_run(count: int) -> SweepRun:
        with at("2025-03-03"):
            requests = [make_request(worker, organisation) for _ in range(count)]
        with at("2025-03-10"):
            for request in requests:
                explain(nominated_contact, request)
        with at("2026-06-12"):
            run = sweep_run("retention")
        assert run.items_found == count
        return run

    assert removal_run(2).queries == removal_run(6).queries


def test_the_request_page_still_opens_and_names_nobody(
    answered: RightsRequest, nominated_contact: User
) -> None:
    from django.test import Client
    from django.urls import reverse

    with at(removal_date(answered)):
        sweep_run("retention")
    client = Client()
    client.force_login(nominated_contact)
    for name in ("rights_requests:request_detail", "rights_requests:letter"):
        page = client.get(reverse(name, args=[answered.pk]))
        assert page.status_code == 200, name
        assert NAME not in page.content.decode() and TEXT not in page.content.decode()
    assert (
        "Personal data removed"
        in client.get(
            reverse("rights_requests:request_detail", args=[answered.pk])
        ).content.decode()
    )


def test_an_unconfirmed_draft_is_kept_as_a_request_would_be_and_then_deleted(organisation) -> None:
    from rights_requests.models import RequestDraft
    from rights_requests.retention import unconfirmed_draft_removal_date

    with at("2025-03-03"):
        draft = RequestDraft.objects.create(
            organisation=organisation,
            kind="explanation",
            email="never.confirmed@example.org",
            fields={"requester_name": NAME, "request_text": TEXT, "language": "en"},
        )
    # Made that day it would have been due on 31 March 2025: the worked example's dates.
    on = unconfirmed_draft_removal_date(datetime.date(2025, 3, 3))
    assert on == datetime.date(2026, 6, 12)
    with at(on - datetime.timedelta(days=1)):
        sweep_run("retention")
    assert RequestDraft.objects.filter(pk=draft.pk).exists()
    with at(on):
        sweep_run("retention")
    assert not RequestDraft.objects.filter(pk=draft.pk).exists()


def test_a_confirmed_draft_is_left_to_its_request(answered: RightsRequest, organisation) -> None:
    from rights_requests.models import RequestDraft

    with at("2025-03-03"):
        draft = RequestDraft.objects.create(
            organisation=organisation,
            kind="explanation",
            email="confirmed@example.org",
            fields={"requester_name": NAME},
            request=answered,
        )
    with at(removal_date(answered) - datetime.timedelta(days=1)):
        sweep_run("retention")
    assert RequestDraft.objects.filter(pk=draft.pk).exists()

"""Retention of the concerns raised in a WAIRA's consultation (docs/retention.md): a completed
WAIRA's concerns keep their personal data while the WAIRA governs the system and until no claim
about that time could be in time, plus the margin; then the sweep removes it, and the database
triggers that keep a completed WAIRA unchanged let through that change and no other."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.db import DatabaseError, transaction
from django.urls import reverse

from core.models import TimelineEvent, User
from core.services import sweep_run
from registers import services as register_services
from tests.waira_helpers import (
    answer_everything,
    assessable_system,
    at_noon,
    complete_waira_on,
    discuss_and_conclude,
    share,
)
from waira import services
from waira.models import Concern, Waira
from waira.retention import removal_date

pytestmark = pytest.mark.django_db

TEXT = "My rota changed overnight and nobody could tell me why (marker 7f3a)."
ANSWER = "We will check the night rota by hand for Siân's team (marker 7f3a)."
FIRST = datetime.date(2025, 1, 10)
SECOND = datetime.date(2025, 12, 1)
# The first WAIRA's next one and its consultation fell due on 10 January 2026, so the latest
# failure its record could show is 11 January 2026; a claim is out of time after 10 July 2026;
# with the longest early conciliation from that day (certificate 21 August) the limit is
# 21 September 2026; with six months' margin the record is kept until 21 March 2027.
REMOVED_ON = datetime.date(2027, 3, 22)


def at(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(at_noon(day), tick=False)


@pytest.fixture
def first_waira(commissioner: User, worker: User, organisation) -> Waira:
    with at(FIRST - datetime.timedelta(days=30)):
        system = assessable_system(commissioner, organisation)
        waira = services.waira_create(actor=commissioner, system=system)
        answer_everything(commissioner, waira)
        share(commissioner, waira, [worker])
        concern = services.concern_raise(actor=worker, waira=waira, text=TEXT, anonymous=False)
        services.concern_respond(actor=commissioner, concern=concern, response=ANSWER)
    with at(FIRST):
        discuss_and_conclude(commissioner, waira)
        services.waira_complete(actor=commissioner, waira=waira)
    waira.refresh_from_db()
    return waira


@pytest.fixture
def superseded(first_waira: Waira, commissioner: User, worker: User) -> Waira:
    complete_waira_on(commissioner, first_waira.system, SECOND, [worker])
    return first_waira


def sweep(day: datetime.date) -> int:
    with at(day):
        return sweep_run("retention").items_found


def test_the_removal_date_follows_the_rule(superseded: Waira) -> None:
    assert removal_date(superseded, stopped_governing=SECOND) == REMOVED_ON


def test_nothing_goes_the_day_before_and_the_personal_data_goes_on_the_day(
    superseded: Waira, worker: User
) -> None:
    concern = superseded.concerns.get()
    assert sweep(REMOVED_ON - datetime.timedelta(days=1)) == 0
    concern.refresh_from_db()
    assert (concern.raised_by, concern.text) == (worker, TEXT)

    assert sweep(REMOVED_ON) == 1
    concern.refresh_from_db()
    assert (concern.raised_by, concern.text, concern.response) == (None, "", "")
    assert concern.personal_data_removed_on == REMOVED_ON
    # The facts stay: that it was raised, on which day, and when it was answered.
    assert concern.raised_at.date() == FIRST - datetime.timedelta(days=30)
    assert concern.responded_at is not None
    history = Concern.history.model.objects.filter(id=concern.pk)
    assert history.exists()
    assert not history.filter(text__contains="7f3a").exists()
    assert not history.filter(response__contains="7f3a").exists()
    events = TimelineEvent.objects.filter(object_id=superseded.pk, kind="concern_raised")
    assert events.get().actor is None
    removed = TimelineEvent.objects.get(
        object_id=superseded.pk, kind="concern_personal_data_removed"
    )
    assert removed.data == {"removed_on": "2027-03-22", "kept_until": "2027-03-21"}


def test_a_rerun_changes_nothing(superseded: Waira) -> None:
    assert sweep(REMOVED_ON) == 1
    assert sweep(REMOVED_ON) == 0
    assert sweep(REMOVED_ON + datetime.timedelta(days=400)) == 0
    assert TimelineEvent.objects.filter(kind="concern_personal_data_removed").count() == 1


def test_a_waira_that_still_governs_a_system_in_use_keeps_its_concerns(
    first_waira: Waira,
) -> None:
    assert sweep(REMOVED_ON + datetime.timedelta(days=3650)) == 0
    assert first_waira.concerns.get().text == TEXT


def test_a_system_whose_use_ended_counts_from_the_end(
    first_waira: Waira, commissioner: User
) -> None:
    system = first_waira.system
    fields: dict[str, Any] = {
        "name": system.name,
        "supplier": system.supplier,
        "description": system.description,
        "value_chain": system.value_chain,
        "decision_categories": list(system.decision_categories.all()),
        "used_in_high_risk_decision_making": True,
        "planned_start": FIRST,
    }
    # In use from 14 February 2025 (a clear month after the consultation) to 1 June 2025,
    # before the next WAIRA fell due: the due date still counts, so the date is the same as when
    # a later WAIRA took over.
    started = datetime.date(2025, 2, 14)
    with at(started):
        services.high_risk_start_record(actor=commissioner, system=system, started_on=started)
    with at(datetime.date(2025, 6, 1)):
        register_services.ai_system_update(
            actor=commissioner,
            system=system,
            first_use=started,
            end_of_use=datetime.date(2025, 6, 1),
            **fields,
        )
    assert sweep(REMOVED_ON - datetime.timedelta(days=1)) == 0
    assert sweep(REMOVED_ON) == 1


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Rewritten after the event."},
        {"raised_by": None},
        # The sweep's own change, but with another column moved as well.
        {
            "raised_by": None,
            "text": "",
            "response": "",
            "personal_data_removed_on": datetime.date(2027, 3, 22),
            "anonymous": True,
        },
    ],
    ids=["text", "author", "scrub-and-more"],
)
def test_the_database_still_refuses_any_other_change(
    superseded: Waira, change: dict[str, Any]
) -> None:
    with (
        pytest.raises(DatabaseError, match="A completed WAIRA never changes"),
        transaction.atomic(),
    ):
        Concern.objects.filter(waira=superseded).update(**change)


def test_the_database_still_refuses_deleting_the_concern(superseded: Waira) -> None:
    with (
        pytest.raises(DatabaseError, match="A completed WAIRA never changes"),
        transaction.atomic(),
    ):
        Concern.objects.filter(waira=superseded).delete()


def test_the_waira_page_says_the_concern_was_removed(
    superseded: Waira, client, commissioner: User, worker: User
) -> None:
    sweep(REMOVED_ON)
    with at(REMOVED_ON):
        client.force_login(commissioner)
        page = client.get(reverse("waira:waira_detail", args=[superseded.pk])).content.decode()
    assert "7f3a" not in page
    assert worker.get_full_name() not in page
    assert "were removed on 22 March 2027" in page

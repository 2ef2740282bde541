"""R-ET-LIMIT: those who can claim or act hear 60, 30, 14 and 7 days before the safe date to
file, each reminder once across reruns, on the day it falls and not the day before."""

from __future__ import annotations

import datetime

import pytest

from accountability.models import Failure, Obligation
from accountability.sweeps import FAILURE_TRIBUNAL_LIMIT, TRIBUNAL_DAYS
from core import legal_time
from core.models import Notification
from core.roles import Role
from tests.accountability.helpers import consulted_system, sweep_on

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2025, 3, 3)
FAILED_ON = datetime.date(2025, 6, 4)  # the register entry was due on 3 June (R-REG-INIT)
FILE_BY = legal_time.limitation(FAILED_ON).file_by  # 3 December 2025


def told() -> set[tuple[int, int | None]]:
    return set(
        Notification.objects.filter(kind=FAILURE_TRIBUNAL_LIMIT).values_list(
            "threshold", "recipient_id"
        )
    )


def test_each_tribunal_reminder_is_sent_on_its_day_once_to_those_who_can_act(
    commissioner, union_rep, worker, organisation, user_with_role
):
    oversight = user_with_role(Role.OVERSIGHT_MEMBER)
    bystander = user_with_role(Role.WORKER)  # not consulted on the system
    consulted_system(
        commissioner, organisation, first_use=FIRST_USE, workers=[worker], union_rep=union_rep
    )
    sweep_on(FAILED_ON)
    failure = Failure.objects.get(obligation=Obligation.REGISTER_ENTRY)
    assert failure.limitation_safe == FILE_BY == datetime.date(2025, 12, 3)
    people = {worker.pk, union_rep.pk, oversight.pk}
    expected: set[tuple[int, int | None]] = set()
    for days in TRIBUNAL_DAYS:
        day = legal_time.add_days(FILE_BY, -days)
        sweep_on(legal_time.add_days(day, -1))
        assert told() == expected, f"nothing new the day before the {days}-day reminder"
        sweep_on(day)
        expected |= {(days, person) for person in people}
        assert told() == expected, f"the {days}-day reminder on its day"
        sweep_on(day)
        sweep_on(legal_time.add_days(day, 1))
        assert told() == expected, f"the {days}-day reminder once across reruns"
    count = Notification.objects.filter(kind=FAILURE_TRIBUNAL_LIMIT).count()
    assert count == len(TRIBUNAL_DAYS) * len(people)
    assert not Notification.objects.filter(recipient__in=[commissioner, bystander]).filter(
        kind=FAILURE_TRIBUNAL_LIMIT
    )


def test_a_missed_reminder_is_caught_up_once_with_the_latest_reached(
    commissioner, worker, organisation
):
    consulted_system(commissioner, organisation, first_use=FIRST_USE, workers=[worker])
    sweep_on(FAILED_ON)
    # No sweep ran between 60 and 29 days before: the next run sends the 30-day one alone.
    sweep_on(legal_time.add_days(FILE_BY, -29))
    assert told() == {(30, worker.pk)}

"""WAIRA-PER-03 (rules.md R-WAIRA-PERIODIC, A4): high-risk decision-making that begins more than
12 months after the initial WAIRA was completed is flagged at go-live, once, on the WAIRA's
timeline, and the commissioners and union representatives of the system's cases are told."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from core import legal_time
from core.models import Notification
from core.roles import Role
from core.selectors import timeline_for
from core.services import notifications_deliver
from procurement import services as procurement_services
from tests.procurement_helpers import new_case
from tests.waira_helpers import assessable_system, at_noon, complete_waira_on
from waira import services
from waira.models import Waira

pytestmark = pytest.mark.django_db

COMPLETED = datetime.date(2025, 3, 15)
TWELVE_MONTHS = datetime.date(2026, 3, 15)  # the further WAIRA's due date
FLAG = "waira_stale_at_go_live"


def test_twelve_months_old_is_not_stale_one_day_more_is():
    assert legal_time.next_review_due(COMPLETED) == TWELVE_MONTHS
    day = datetime.timedelta(days=1)
    assert not legal_time.initial_waira_stale_at_start(COMPLETED, TWELVE_MONTHS - day)
    assert not legal_time.initial_waira_stale_at_start(COMPLETED, TWELVE_MONTHS)
    assert legal_time.initial_waira_stale_at_start(COMPLETED, TWELVE_MONTHS + day)
    # Month ends: completed on 29 February, twelve months old on 28 February.
    assert not legal_time.initial_waira_stale_at_start(
        datetime.date(2028, 2, 29), datetime.date(2029, 2, 28)
    )
    assert legal_time.initial_waira_stale_at_start(
        datetime.date(2028, 2, 29), datetime.date(2029, 3, 1)
    )


@pytest.fixture
def world(commissioner, organisation, union_rep, user_with_role):
    with time_machine.travel(at_noon(datetime.date(2025, 3, 1)), tick=False):
        system = assessable_system(
            commissioner, organisation, planned_start=datetime.date(2025, 4, 16)
        )
        case = new_case(commissioner, organisation, union_rep)
        procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    complete_waira_on(commissioner, system, COMPLETED)
    recorder = user_with_role(Role.ADMINISTRATOR)
    return system, recorder


def go_live(system, recorder, started_on):
    with time_machine.travel(at_noon(started_on), tick=False):
        return services.high_risk_start_record(actor=recorder, system=system, started_on=started_on)


@pytest.mark.parametrize(
    ("started_on", "flagged"),
    [
        (TWELVE_MONTHS - datetime.timedelta(days=1), False),
        (TWELVE_MONTHS, False),
        (TWELVE_MONTHS + datetime.timedelta(days=1), True),
    ],
    ids=["day before", "day of", "day after"],
)
def test_go_live_on_a_waira_more_than_12_months_old_is_flagged_once(
    world, commissioner, union_rep, django_capture_on_commit_callbacks, started_on, flagged
):
    system, recorder = world
    with django_capture_on_commit_callbacks(execute=True):
        system = go_live(system, recorder, started_on)
    assert system.first_use == started_on
    waira = Waira.objects.get(system=system)
    events = timeline_for(waira).filter(kind=FLAG)
    told = Notification.objects.filter(kind=FLAG)
    if not flagged:
        assert not events.exists() and not told.exists()
        return
    event = events.get()
    assert event.data == {
        "completed_on": "2025-03-15",
        "started_on": "2026-03-16",
        "further_waira_due": "2026-03-15",
    }
    assert {n.recipient for n in told} == {commissioner, union_rep}
    # Recording the start again is refused, so the flag cannot be raised twice.
    with pytest.raises(ValidationError):
        go_live(system, recorder, started_on)
    assert timeline_for(waira).filter(kind=FLAG).count() == 1


def test_the_flag_email_gives_the_dates_in_words(
    world, commissioner, union_rep, django_capture_on_commit_callbacks, mailoutbox
):
    system, recorder = world
    with django_capture_on_commit_callbacks(execute=True):
        go_live(system, recorder, datetime.date(2026, 5, 1))
    with time_machine.travel(at_noon(datetime.date(2026, 5, 1)), tick=False):
        notifications_deliver()
    bodies = [m.body for m in mailoutbox if union_rep.email in m.to and "overdue" in m.body]
    assert len(bodies) == 1
    assert "1 May 2026" in bodies[0] and "15 March 2025" in bodies[0]

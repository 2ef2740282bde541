"""The timeline's hash chain where events are written in bulk, and under the retention rule."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import TestCase

from core import legal_time
from core.models import TimelineEvent
from core.services import sweep_run
from core.services.timeline import subject_label
from packs.verification import check_chain
from tests.rights_helpers import make_request

pytestmark = pytest.mark.django_db

REQUEST_DAY = datetime.date(2026, 3, 2)


def on(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(9), tzinfo=legal_time.UK), tick=False
    )


def test_events_a_sweep_writes_in_bulk_are_sealed_after_it(worker, organisation):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
    failure_day = legal_time.add_days(legal_time.failure_date(request.due_date), 1)
    with on(failure_day), TestCase.captureOnCommitCallbacks(execute=True):
        sweep_run("rights_requests")
    failure = TimelineEvent.objects.get(kind="compliance_failure_recorded")
    assert failure.chain_position is not None and failure.sha256
    events = TimelineEvent.objects.filter(organisation=organisation).order_by("chain_position")
    assert check_chain(events, subject_label) == []
    out = io.StringIO()
    call_command("check_timeline_chain", organisation.slug, stdout=out)
    assert "is whole" in out.getvalue()


def test_who_and_why_emptied_under_the_retention_rule_leave_the_chain_whole(worker, organisation):
    with on(REQUEST_DAY):
        request = make_request(worker, organisation)
    emptied = TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(request), object_id=request.pk
    )
    assert emptied.exclude(actor=None).exists()
    emptied.update(actor=None, reason="")
    events = TimelineEvent.objects.filter(organisation=organisation).order_by("chain_position")
    assert check_chain(events, subject_label) == []


def test_who_emptied_elsewhere_breaks_the_chain(worker, organisation, commissioner):
    from tests.procurement_helpers import new_case

    case = new_case(commissioner, organisation)
    event = TimelineEvent.objects.get(object_id=case.pk, kind="case_created")
    TimelineEvent.objects.filter(pk=event.pk).update(actor=None)
    events = TimelineEvent.objects.filter(organisation=organisation).order_by("chain_position")
    assert [(b.event_id, b.problem) for b in check_chain(events, subject_label)] == [
        (event.pk, "who_why")
    ]

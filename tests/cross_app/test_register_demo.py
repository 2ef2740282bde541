"""The demo council's register is published through the services: two systems in use, one
retired with the date its use ended."""

import pytest

from core.clock import uk_today
from registers.models import EntryStatus, RegisterEntry

pytestmark = pytest.mark.django_db


def test_the_demo_register_is_published(demo_loaded):
    statuses = dict(RegisterEntry.objects.values_list("system__name", "status"))
    assert statuses["RotaCare Planner"] == EntryStatus.PUBLISHED
    assert statuses["AttendanceInsight"] == EntryStatus.PUBLISHED
    assert statuses["ClaimCheck"] == EntryStatus.RETIRED
    # Every entry is published except CallScreen's, whose three months (s.16(4)) have not run
    # out: its high-risk use began 30 days ago, recorded as a breach (the failures demo).
    unpublished = RegisterEntry.objects.filter(published_version__isnull=True)
    assert list(unpublished.values_list("system__name", flat=True)) == ["CallScreen"]
    assert all(entry.due_by and entry.due_by > uk_today() for entry in unpublished)

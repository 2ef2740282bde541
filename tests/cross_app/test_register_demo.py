"""The demo council's register is published through the services: two systems in use, one
retired with the date its use ended."""

import pytest

from registers.models import EntryStatus, RegisterEntry

pytestmark = pytest.mark.django_db


def test_the_demo_register_is_published(demo_loaded):
    statuses = dict(RegisterEntry.objects.values_list("system__name", "status"))
    assert statuses["RotaCare Planner"] == EntryStatus.PUBLISHED
    assert statuses["AttendanceInsight"] == EntryStatus.PUBLISHED
    assert statuses["ClaimCheck"] == EntryStatus.RETIRED
    assert not RegisterEntry.objects.filter(published_version__isnull=True).exists()

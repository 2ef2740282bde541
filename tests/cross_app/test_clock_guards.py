"""No quiet way round a clock (issue 13, item 3): workflow fields cannot be written through the
admin, and the database refuses a stored legal date moved without the inputs it is worked out
from (docs/adr/0010-...), `QuerySet.update()` included."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.roles import Role
from registers.models import AISystem
from rights_requests.models import ComplianceFailure, DueBasis, RightsRequest
from tests.rights_helpers import d, make_request, sweep_requests
from tests.waira_helpers import assessable_system, complete_waira

pytestmark = pytest.mark.django_db

LATER = datetime.date(2030, 1, 1)


def refused(change) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        change()


@pytest.fixture
def request_row(worker, organisation):
    return make_request(worker, organisation)


@pytest.mark.parametrize("field", ["due_date", "request_date", "window_last_day"])
def test_the_database_refuses_a_request_date_moved_on_its_own(request_row, field):
    refused(lambda: RightsRequest.objects.filter(pk=request_row.pk).update(**{field: LATER}))
    request_row.refresh_from_db()
    assert getattr(request_row, field) != LATER


def test_the_due_date_moves_with_its_basis_as_the_service_writes_it(request_row):
    RightsRequest.objects.filter(pk=request_row.pk).update(
        due_date=LATER, due_basis=DueBasis.JUST_AND_EQUITABLE
    )
    request_row.refresh_from_db()
    assert request_row.due_date == LATER


def test_the_database_refuses_to_move_a_failures_dates(worker, organisation):
    with time_machine.travel("2025-03-03T10:00:00Z", tick=False):
        request = make_request(worker, organisation)
    with time_machine.travel("2025-04-01T10:00:00Z", tick=False):
        sweep_requests()
    failure = ComplianceFailure.objects.get(request=request)
    for field in ("failure_date", "file_by", "out_of_time_after", "last_compliance_date"):
        refused(
            lambda f=field: ComplianceFailure.objects.filter(pk=failure.pk).update(**{f: LATER})
        )
    failure.refresh_from_db()
    assert failure.failure_date == d("2025-04-01")


@pytest.mark.parametrize("field", ["waira_next_due", "consultation_next_due"])
def test_the_database_refuses_a_waira_clock_moved_on_its_own(commissioner, organisation, field):
    system = assessable_system(commissioner, organisation)
    complete_waira(commissioner, system)
    refused(lambda: AISystem.objects.filter(pk=system.pk).update(**{field: LATER}))
    system.refresh_from_db()
    assert getattr(system, field) != LATER


WORKFLOW_FIELDS = {
    "admin:registers_aisystem_change": (
        "system",
        [
            "first_use",
            "end_of_use",
            "used_in_high_risk_decision_making",
            "decision_categories",
            "waira_next_due",
            "consultation_next_due",
        ],
    ),
    "admin:rights_requests_rightsrequest_change": (
        "request",
        ["due_date", "due_basis", "request_date", "window_last_day", "extension_state"],
    ),
}


@pytest.mark.parametrize("url_name", sorted(WORKFLOW_FIELDS))
def test_no_admin_change_form_writes_a_workflow_field(
    client, user_with_role, commissioner, organisation, request_row, url_name
):
    system = assessable_system(commissioner, organisation)
    objects = {"system": system, "request": request_row}
    kind, fields = WORKFLOW_FIELDS[url_name]
    target = objects[kind]
    operator = user_with_role(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(operator)
    url = reverse(url_name, args=[target.pk])
    form = client.get(url).content.decode()
    for field in fields:
        assert f'name="{field}"' not in form, field
    before = {field: getattr(target, field) for field in fields if field != "decision_categories"}
    response = client.post(url, dict.fromkeys(fields, "2030-01-01"))
    assert response.status_code == 403
    target.refresh_from_db()
    assert {field: getattr(target, field) for field in before} == before

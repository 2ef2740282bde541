"""The WAIRA pages: a bad form keeps what was typed and says what is wrong (GOV.UK error
summary); a refusal by the gate names what is missing and the earliest date."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from core.roles import Role
from tests.waira_helpers import (
    answer_everything,
    assessable_system,
    at_noon,
    complete_waira_on,
    fellow_workers,
)
from waira import services
from waira.models import Concern, Waira

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(commissioner, organisation):
    system = assessable_system(commissioner, organisation)
    return services.waira_create(actor=commissioner, system=system)


def test_the_answers_form_saves_a_draft_with_blanks(client, commissioner, draft):
    client.force_login(commissioner)
    response = client.post(
        reverse("waira:waira_edit", args=[draft.pk]),
        {"purpose": "Fair rounds.", "nrp_f": "The supplier will not disclose it."},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.purpose == "Fair rounds."
    assert draft.not_reasonably_practicable == {"f": "The supplier will not disclose it."}


def test_sharing_without_saying_who_keeps_what_was_typed(client, commissioner, draft):
    answer_everything(commissioner, draft)
    client.force_login(commissioner)
    response = client.post(
        reverse("waira:waira_share", args=[draft.pk]),
        {"audience": "", "method": "At the depot meeting."},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "At the depot meeting." in page
    assert Waira.objects.get(pk=draft.pk).state == "draft"


def test_sharing_an_incomplete_waira_lists_the_gaps(client, commissioner, draft):
    client.force_login(commissioner)
    response = client.post(
        reverse("waira:waira_share", args=[draft.pk]), {"audience": "All.", "method": "Email."}
    )
    assert "s.14(3)(e) Purpose or aim of using the system" in response.content.decode()


def test_a_worker_raises_an_anonymous_concern(
    client, commissioner, draft, user_with_role, organisation
):
    worker = user_with_role(Role.WORKER)
    answer_everything(commissioner, draft)
    services.waira_share(
        actor=commissioner,
        waira=draft,
        audience="All.",
        method="Email.",
        workers=[worker, *fellow_workers(organisation, 4)],
    )
    client.force_login(worker)
    url = reverse("waira:consultation_detail", args=[draft.pk])
    assert "govuk-error-summary" in client.post(url, {"text": ""}).content.decode()
    response = client.post(url, {"text": "Night shifts?", "anonymous": "on"})
    assert response.status_code == 302
    concern = Concern.objects.get()
    assert (concern.raised_by, concern.anonymous) == (worker, True)


def test_recording_a_start_too_early_names_the_earliest_day(client, commissioner, organisation):
    system = assessable_system(commissioner, organisation, planned_start=datetime.date(2025, 4, 16))
    complete_waira_on(commissioner, system, datetime.date(2025, 3, 15))
    client.force_login(commissioner)
    with time_machine.travel(at_noon(datetime.date(2025, 4, 15)), tick=False):
        response = client.post(
            reverse("waira:high_risk_start", args=[system.pk]),
            {"started_on_day": "15", "started_on_month": "4", "started_on_year": "2025"},
        )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page and "16 April 2025" in page
    system.refresh_from_db()
    assert system.first_use is None

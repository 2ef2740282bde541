"""A listening period between sharing a WAIRA and concluding its consultation (issue 13 item 4):
the organisation's `consultation_listening_days` after the last sharing. Concluding sooner is a
soft gate: allowed only with a recorded reason, kept on the WAIRA and its timeline."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from core import legal_time
from core.selectors import timeline_for
from tests.waira_helpers import answer_everything, assessable_system, at_noon, share
from waira import services
from waira.models import AdverseAspect, Waira, WairaState

pytestmark = pytest.mark.django_db

SHARED_ON = datetime.date(2026, 3, 2)
ENDS = datetime.date(2026, 3, 16)  # 14 days later, the default


@pytest.fixture
def shared(commissioner, organisation) -> Waira:
    """A WAIRA shared on 2 March 2026 with its one adverse aspect discussed that day."""
    system = assessable_system(commissioner, organisation, planned_start=datetime.date(2027, 6, 1))
    with time_machine.travel(at_noon(SHARED_ON), tick=False):
        waira = services.waira_create(actor=commissioner, system=system)
        answer_everything(commissioner, waira)
        share(commissioner, waira)
        services.adverse_aspect_record(
            actor=commissioner,
            waira=waira,
            aspect="Shorter breaks.",
            discussed_on=SHARED_ON,
            discussion="Forum.",
            outcome=AdverseAspect.Outcome.REMOVED,
            outcome_detail="Breaks are fixed.",
        )
    return Waira.objects.get(pk=waira.pk)


def test_the_listening_period_ends_the_given_number_of_days_after_sharing():
    assert legal_time.listening_period_ends(SHARED_ON, 14) == ENDS
    assert legal_time.listening_period_ends(datetime.date(2026, 2, 20), 14) == datetime.date(
        2026, 3, 6
    )
    with pytest.raises(ValueError):
        legal_time.listening_period_ends(SHARED_ON, 0)


def test_the_day_before_it_ends_concluding_needs_a_reason(commissioner, shared):
    with time_machine.travel(at_noon(ENDS - datetime.timedelta(days=1)), tick=False):
        with pytest.raises(ValidationError) as refused:
            services.waira_conclude(actor=commissioner, waira=shared)
        errors = refused.value.message_dict
        assert list(errors) == ["short_listening_reason"]
        assert "16 March 2026" in errors["short_listening_reason"][0]
        assert (
            "Why the consultation is concluded before then" in errors["short_listening_reason"][0]
        )
        assert Waira.objects.get(pk=shared.pk).state == WairaState.SHARED
        waira = services.waira_conclude(
            actor=commissioner,
            waira=shared,
            short_listening_reason="  The system replaces one that failed last week.  ",
        )
    assert waira.state == WairaState.CONCLUDED
    assert waira.short_listening_reason == "The system replaces one that failed last week."
    event = timeline_for(waira).filter(kind="consultation_concluded").get()
    assert event.reason == "The system replaces one that failed last week."
    assert event.data["listening_period_ends"] == "2026-03-16"


@pytest.mark.parametrize("days_after", [0, 1], ids=["day it ends", "day after"])
def test_from_the_day_it_ends_no_reason_is_needed_and_none_is_kept(
    commissioner, shared, days_after
):
    with time_machine.travel(at_noon(ENDS + datetime.timedelta(days=days_after)), tick=False):
        waira = services.waira_conclude(
            actor=commissioner, waira=shared, short_listening_reason="Not needed."
        )
    assert waira.state == WairaState.CONCLUDED
    assert waira.short_listening_reason == ""
    event = timeline_for(waira).filter(kind="consultation_concluded").get()
    assert event.reason == "" and "listening_period_ends" not in event.data


def test_sharing_again_starts_the_period_again(commissioner, shared):
    with time_machine.travel(at_noon(datetime.date(2026, 3, 10)), tick=False):
        share(commissioner, shared)
    with time_machine.travel(at_noon(ENDS), tick=False), pytest.raises(ValidationError) as refused:
        services.waira_conclude(actor=commissioner, waira=shared)
    assert "24 March 2026" in refused.value.message_dict["short_listening_reason"][0]


def test_the_organisations_setting_sets_the_period(commissioner, shared, organisation):
    organisation.consultation_listening_days = 7
    organisation.save()
    with time_machine.travel(at_noon(datetime.date(2026, 3, 9)), tick=False):
        waira = services.waira_conclude(actor=commissioner, waira=shared)
    assert waira.state == WairaState.CONCLUDED


def test_the_reason_is_not_asked_once_the_period_has_ended(client, commissioner, shared):
    url = reverse("waira:waira_conclude", args=[shared.pk])
    with time_machine.travel(at_noon(ENDS), tick=False):
        client.force_login(commissioner)
        page = client.get(url).content.decode()
        assert 'name="short_listening_reason"' not in page
        assert "ended on 16 March 2026" in page
        assert client.post(url, {}).status_code == 302


def test_the_page_asks_for_the_reason_and_keeps_it(client, commissioner, shared):
    url = reverse("waira:waira_conclude", args=[shared.pk])
    with time_machine.travel(at_noon(datetime.date(2026, 3, 3)), tick=False):
        client.force_login(commissioner)
        page = client.get(url).content.decode()
        assert "Workers have until 16 March 2026" in page
        assert 'name="short_listening_reason"' in page
        refused = client.post(url, {}).content.decode()
        assert "govuk-error-summary" in refused and 'href="#id_short_listening_reason"' in refused
        done = client.post(url, {"short_listening_reason": "Agreed at the forum."})
        assert done.status_code == 302
        page = client.get(reverse("waira:waira_detail", args=[shared.pk])).content.decode()
    assert "Agreed at the forum." in page


@pytest.mark.parametrize("days", [0, 91])
def test_the_database_refuses_a_period_outside_1_to_90_days(organisation, days):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_organisation SET consultation_listening_days = %s WHERE id = %s",
            [days, organisation.pk],
        )

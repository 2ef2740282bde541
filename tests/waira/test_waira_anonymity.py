"""An anonymous concern stays anonymous in its field-level history, is offered only when enough
workers were consulted for it to mean something, and its times are shown to the day."""

from __future__ import annotations

import datetime
import importlib
import re

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.history import save_with_actor
from core.models import Organisation
from core.roles import Role
from tests.waira_helpers import answer_everything, assessable_system, fellow_workers, share
from waira import services
from waira.models import Concern, Waira

pytestmark = pytest.mark.django_db

HistoricalConcern = Concern.history.model


@pytest.fixture
def worker(user_with_role):
    return user_with_role(Role.WORKER, first_name="Myfanwy", last_name="Prosser")


@pytest.fixture
def shared(commissioner, organisation, worker) -> Waira:
    """A WAIRA shared with the worker and four more: five, the default minimum."""
    waira = services.waira_create(
        actor=commissioner, system=assessable_system(commissioner, organisation)
    )
    answer_everything(commissioner, waira)
    return share(commissioner, waira, [worker, *fellow_workers(organisation, 4)])


def raise_through_the_page(client, worker, waira: Waira, anonymous: bool) -> Concern:
    client.force_login(worker)
    data = {"text": "The night rota leaves no break."} | ({"anonymous": "on"} if anonymous else {})
    response = client.post(reverse("waira:consultation_detail", args=[waira.pk]), data)
    assert response.status_code == 302
    return Concern.objects.latest("pk")


# --- 1. The history never names the worker of an anonymous concern ---------------------------


def test_the_history_of_an_anonymous_concern_raised_on_the_page_names_nobody(
    client, worker, shared
):
    concern = raise_through_the_page(client, worker, shared, anonymous=True)
    rows = HistoricalConcern.objects.filter(id=concern.pk)
    assert rows.count() == 1
    assert rows.get().history_user_id is None


def test_the_history_of_a_named_concern_still_names_its_worker(client, worker, shared):
    concern = raise_through_the_page(client, worker, shared, anonymous=False)
    assert HistoricalConcern.objects.get(id=concern.pk).history_user_id == worker.pk


def test_a_later_change_by_the_worker_is_not_recorded_under_their_name(worker, shared):
    concern = services.concern_raise(actor=worker, waira=shared, text="Breaks?", anonymous=True)
    concern.text = "Breaks on nights?"
    save_with_actor(concern, worker)
    assert list(
        HistoricalConcern.objects.filter(id=concern.pk).values_list("history_user_id", flat=True)
    ) == [None, None]


def test_the_managers_answer_keeps_the_managers_name(commissioner, worker, shared):
    concern = services.concern_raise(actor=worker, waira=shared, text="Breaks?", anonymous=True)
    services.concern_respond(actor=commissioner, concern=concern, response="Protected.")
    latest = HistoricalConcern.objects.filter(id=concern.pk).latest("history_id")
    assert latest.history_user_id == commissioner.pk


def test_the_migration_clears_the_raiser_from_old_history_rows_and_nothing_else(
    commissioner, worker, shared, organisation
):
    anonymous = services.concern_raise(actor=worker, waira=shared, text="A.", anonymous=True)
    named = services.concern_raise(actor=worker, waira=shared, text="B.", anonymous=False)
    services.concern_respond(actor=commissioner, concern=anonymous, response="Answered.")
    # What the history held before the fix: the worker on the rows they wrote.
    HistoricalConcern.objects.filter(history_user__isnull=True).update(history_user=worker)

    migration = importlib.import_module("waira.migrations.0003_scrub_anonymous_concern_history")
    migration.scrub(apps, None)

    def users(concern: Concern) -> list[int | None]:
        rows = HistoricalConcern.objects.filter(id=concern.pk).order_by("history_id")
        return list(rows.values_list("history_user_id", flat=True))

    assert users(anonymous) == [None, commissioner.pk]
    assert users(named) == [worker.pk]


# --- 3. Anonymity only when enough workers were consulted -------------------------------------


@pytest.fixture
def shared_with_two(commissioner, organisation, worker) -> Waira:
    waira = services.waira_create(
        actor=commissioner, system=assessable_system(commissioner, organisation, name="FewSense")
    )
    answer_everything(commissioner, waira)
    return share(commissioner, waira, [worker, *fellow_workers(organisation, 1)])


def test_the_service_refuses_anonymity_when_too_few_were_consulted(worker, shared_with_two):
    with pytest.raises(ValidationError) as refused:
        services.concern_raise(actor=worker, waira=shared_with_two, text="A.", anonymous=True)
    message = refused.value.message_dict["anonymous"][0]
    assert "at least 5 workers" in message and "shared with 2" in message
    assert not Concern.objects.exists()


def test_the_form_does_not_offer_anonymity_when_too_few_were_consulted_and_says_why(
    client, worker, shared_with_two
):
    client.force_login(worker)
    url = reverse("waira:consultation_detail", args=[shared_with_two.pk])
    page = client.get(url).content.decode()
    assert 'name="anonymous"' not in page
    assert "You cannot stay anonymous on this assessment" in page
    # A hand-made POST that asks for it anyway is not anonymous.
    assert client.post(url, {"text": "Breaks?", "anonymous": "on"}).status_code == 302
    assert Concern.objects.get().anonymous is False


def test_the_form_offers_anonymity_when_enough_were_consulted(client, worker, shared):
    client.force_login(worker)
    page = client.get(reverse("waira:consultation_detail", args=[shared.pk])).content.decode()
    assert 'name="anonymous"' in page
    assert "You cannot stay anonymous" not in page


def test_an_organisation_may_lower_the_minimum_to_three(
    worker, shared_with_two, organisation, commissioner
):
    organisation.anonymity_minimum_consultees = 3
    organisation.save()
    share(commissioner, shared_with_two, fellow_workers(organisation, 1))
    concern = services.concern_raise(actor=worker, waira=shared_with_two, text="A.", anonymous=True)
    assert concern.anonymous


@pytest.mark.parametrize("field", ["anonymity_minimum_consultees", "small_number_threshold"])
def test_the_privacy_settings_have_a_floor_of_three(organisation, field):
    assert getattr(Organisation(), field) == 5
    setattr(organisation, field, 2)
    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()
    assert field in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(**{field: 2})
    setattr(organisation, field, 3)
    organisation.full_clean()


# --- 4. A concern's times to the day only -----------------------------------------------------


def at(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    from core import legal_time

    return datetime.datetime.combine(day, datetime.time(hour, minute, 51), tzinfo=legal_time.UK)


DAY = datetime.date(2026, 10, 14)


@pytest.fixture
def concern_at_14_37(commissioner, organisation, worker) -> Concern:
    """Shared at 09:12, a concern raised at 14:37 and answered at 16:48, all on one day."""
    with time_machine.travel(at(DAY, 9, 12), tick=False):
        waira = services.waira_create(
            actor=commissioner, system=assessable_system(commissioner, organisation)
        )
        answer_everything(commissioner, waira)
        share(commissioner, waira, [worker, *fellow_workers(organisation, 4)])
    with time_machine.travel(at(DAY, 14, 37), tick=False):
        concern = services.concern_raise(actor=worker, waira=waira, text="A.", anonymous=True)
    with time_machine.travel(at(DAY, 16, 48), tick=False):
        return services.concern_respond(actor=commissioner, concern=concern, response="B.")


def timeline_cells(page: str) -> dict[str, str]:
    """The "When" cell of each timeline row, by the row's words."""
    rows = re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page, flags=re.S)
    cells = {}
    for row in rows:
        when = re.search(r"<time datetime=\"([^\"]*)\">([^<]*)</time>", row)
        if when:
            what = re.sub(r"<[^>]+>", " ", row.split("</time>", 1)[1])
            cells[" ".join(what.split())] = f"{when.group(1)} | {when.group(2)}"
    return cells


def test_the_waira_page_shows_concern_events_to_the_day_and_other_events_to_the_minute(
    client, commissioner, concern_at_14_37
):
    client.force_login(commissioner)
    page = client.get(
        reverse("waira:waira_detail", args=[concern_at_14_37.waira_id])
    ).content.decode()
    cells = timeline_cells(page)
    raised = next(when for what, when in cells.items() if "Concern raised" in what)
    answered = next(when for what, when in cells.items() if "Concern answered" in what)
    shared = next(when for what, when in cells.items() if "Shared with" in what)
    assert raised == "2026-10-14 | 14 October 2026"
    assert answered == "2026-10-14 | 14 October 2026"
    assert "09:12" in shared  # other events keep their time
    assert "14:37" not in page and "16:48" not in page


def test_an_event_marked_sensitive_is_shown_to_the_day(commissioner, organisation):
    from core.services import timeline_record
    from core.timeline import timeline_rows

    with time_machine.travel(at(DAY, 11, 5), tick=False):
        timeline_record(
            organisation=organisation,
            subject=organisation,
            actor=commissioner,
            kind="something_private",
            data={"sensitive": True},
        )
        timeline_record(
            organisation=organisation, subject=organisation, actor=commissioner, kind="other"
        )
    assert [row.day_only for row in timeline_rows(organisation)] == [True, False]

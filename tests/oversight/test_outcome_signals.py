"""Outcome signals: per AI system in use, over a rolling window, a figure that reaches its
threshold raises a signal once per crossing; the case's commissioner and the oversight members
are told once, in their language, with a link to the signal and its early-WAIRA suggestion."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import legal_time
from core.clock_guards import workflow_write
from core.models import Notification
from core.roles import Role
from core.services import sweep_run
from oversight import outcomes, services
from oversight.models import Incident, IncidentKind, OutcomeSignalSettings, Signal, SignalFigure
from procurement import services as procurement_services
from registers.models import AISystem
from tests.procurement_helpers import new_case
from tests.system_helpers import system_in_high_risk_use
from tests.waira_helpers import at_noon

pytestmark = pytest.mark.django_db

FIRST_USE = datetime.date(2026, 1, 5)
DAY = datetime.date(2026, 6, 10)  # the day the third incident is reported
DEFAULT_INCIDENTS = OutcomeSignalSettings().incidents  # 3


@pytest.fixture
def system(commissioner, organisation, union_rep):
    system = system_in_high_risk_use(commissioner, organisation, first_use=FIRST_USE)
    case = new_case(commissioner, organisation, union_rep)
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    return system


def report_on(actor, system, day):
    with time_machine.travel(at_noon(day), tick=False):
        services.incident_report(
            actor=actor,
            system=system,
            kind=IncidentKind.ERROR,
            description="The rota gave me a visit while I was on leave.",
        )


def sweep_on(day):
    with time_machine.travel(at_noon(day), tick=False):
        sweep_run("oversight")


def signal_notifications():
    return Notification.objects.filter(kind="outcome_signal")


@pytest.fixture
def two_before(worker, system):
    """Two incidents in the window before DAY: one short of the default threshold."""
    report_on(worker, system, legal_time.add_days(DAY, -30))
    report_on(worker, system, legal_time.add_days(DAY, -2))


def test_the_day_before_the_threshold_is_reached_nobody_is_told(two_before):
    sweep_on(legal_time.add_days(DAY, -1))
    assert not Signal.objects.exists()
    assert not signal_notifications().exists()


def test_on_the_day_the_threshold_is_crossed_the_people_are_told(
    two_before, worker, system, commissioner, oversight_member, union_rep
):
    report_on(worker, system, DAY)
    sweep_on(DAY)
    signal = Signal.objects.get()
    assert (signal.system, signal.figure, signal.value, signal.threshold) == (
        system,
        SignalFigure.INCIDENTS,
        DEFAULT_INCIDENTS,
        DEFAULT_INCIDENTS,
    )
    assert (signal.raised_on, signal.window_days, signal.cleared_on) == (DAY, 90, None)
    told = set(signal_notifications().values_list("recipient", flat=True))
    assert told == {commissioner.pk, oversight_member.pk}
    assert union_rep.pk not in told and worker.pk not in told


def test_they_are_told_once_however_often_the_sweep_runs(two_before, worker, system):
    report_on(worker, system, DAY)
    sweep_on(DAY)
    sweep_on(DAY)
    sweep_on(legal_time.add_days(DAY, 1))
    report_on(worker, system, legal_time.add_days(DAY, 2))  # higher still: the same crossing
    sweep_on(legal_time.add_days(DAY, 2))
    assert Signal.objects.count() == 1
    assert signal_notifications().count() == 1  # the case's commissioner, once


def test_a_figure_that_falls_below_clears_and_a_new_crossing_is_told_again(
    two_before, worker, system
):
    report_on(worker, system, DAY)
    sweep_on(DAY)
    # 89 days after the first incident it has left the 90-day window: two remain.
    fallen = legal_time.add_days(DAY, 61)
    sweep_on(fallen)
    first = Signal.objects.get()
    assert first.cleared_on == fallen
    report_on(worker, system, legal_time.add_days(fallen, 1))
    sweep_on(legal_time.add_days(fallen, 1))
    assert Signal.objects.filter(cleared_on__isnull=True).count() == 1
    assert signal_notifications().count() == 2  # the commissioner, once per crossing


def test_the_notification_is_in_the_recipients_language_and_links_to_the_signal(
    two_before, worker, system, oversight_member
):
    oversight_member.preferred_language = "cy"
    oversight_member.save()
    report_on(worker, system, DAY)
    with time_machine.travel(at_noon(DAY), tick=False):
        sweep_run("oversight")
    notification = signal_notifications().get(recipient=oversight_member)
    assert notification.language == "cy"
    signal = Signal.objects.get()
    client = Client()
    client.force_login(oversight_member)
    opened = client.get(reverse("core:notification_open", args=[notification.pk]))
    assert opened["Location"] == reverse("oversight:signal_detail", args=[signal.pk])
    page = client.get(opened["Location"]).content.decode()
    # An oversight member cannot start a WAIRA (that would be a 403): the page says who can.
    assert reverse("waira:waira_create", args=[system.pk]) not in page


def test_a_system_no_longer_in_use_raises_nothing(two_before, worker, system):
    report_on(worker, system, DAY)
    with workflow_write():
        AISystem.objects.filter(pk=system.pk).update(end_of_use=legal_time.add_days(DAY, -1))
    sweep_on(DAY)
    assert not Signal.objects.exists()


def test_the_organisations_threshold_is_used(commissioner, organisation, worker, system):
    services.signal_settings_update(
        actor=commissioner, organisation=organisation, incidents=1, window_days=30
    )
    report_on(worker, system, DAY)
    sweep_on(DAY)
    assert Signal.objects.get().threshold == 1


# --- The figures ---------------------------------------------------------------------------------


def test_a_share_is_judged_only_over_enough_answers():
    few = outcomes.OutcomeFigures(reconsiderations_answered=4, decisions_altered=4)
    enough = outcomes.OutcomeFigures(reconsiderations_answered=8, decisions_altered=3)
    assert few.value(SignalFigure.DECISIONS_ALTERED, minimum_answered=5) is None
    assert enough.value(SignalFigure.DECISIONS_ALTERED, minimum_answered=5) == 37


def test_the_share_of_decisions_altered_rising_past_its_threshold_is_reached():
    settings = OutcomeSignalSettings()
    figures = outcomes.OutcomeFigures(
        answered=10, answered_in_time=10, reconsiderations_answered=10, decisions_altered=3
    )
    assert outcomes.figures_reached(figures, settings) == {
        SignalFigure.DECISIONS_ALTERED: (30, settings.decisions_altered)
    }


def test_late_answers_are_a_share_of_the_answers():
    figures = outcomes.OutcomeFigures(answered=10, answered_in_time=8)
    assert figures.value(SignalFigure.ANSWERED_LATE, minimum_answered=5) == 20


# --- The thresholds ------------------------------------------------------------------------------


def test_a_commissioner_sets_the_thresholds(commissioner, organisation):
    settings = services.signal_settings_update(
        actor=commissioner, organisation=organisation, decisions_altered=40
    )
    assert outcomes.signal_settings_of(organisation).decisions_altered == 40
    assert settings.history.count() == 1


def test_an_oversight_member_cannot_set_them(oversight_member, organisation):
    with pytest.raises(PermissionDenied):
        services.signal_settings_update(
            actor=oversight_member, organisation=organisation, incidents=2
        )


def test_a_count_of_people_threshold_is_never_below_the_small_number_threshold(
    commissioner, organisation
):
    with pytest.raises(ValidationError) as refused:
        services.signal_settings_update(
            actor=commissioner, organisation=organisation, exemptions_used=2
        )
    assert "exemptions_used" in refused.value.message_dict


def test_the_form_names_the_field_in_its_error(client, commissioner, organisation):
    client.force_login(commissioner)
    url = reverse("oversight:signal_settings", args=[organisation.pk])
    data: dict[str, object] = {
        field: 5 for field in ("minimum_answered", "requests_made", "exemptions_used")
    }
    data |= {"window_days": "a lot", "answered_late": 10, "decisions_altered": 25, "incidents": 3}
    page = client.post(url, data).content.decode()
    assert "Rolling window in days must be a whole number from 7 to 730" in page
    assert "govuk-error-summary" in page


def test_the_form_saves_and_returns_to_the_signals(client, commissioner, organisation):
    client.force_login(commissioner)
    url = reverse("oversight:signal_settings", args=[organisation.pk])
    data = {field: 5 for field in ("minimum_answered", "requests_made", "exemptions_used")}
    data |= {"window_days": 60, "answered_late": 10, "decisions_altered": 25, "incidents": 3}
    response = client.post(url, data)
    assert response["Location"] == reverse("oversight:signal_list", args=[organisation.pk])
    assert outcomes.signal_settings_of(organisation).window_days == 60


# --- The pages -----------------------------------------------------------------------------------


def test_the_dashboard_links_to_the_signals_and_the_lessons(client, oversight_member, organisation):
    client.force_login(oversight_member)
    page = client.get(reverse("oversight:dashboard", args=[organisation.pk])).content.decode()
    assert reverse("oversight:signal_list", args=[organisation.pk]) in page
    assert reverse("oversight:lesson_list", args=[organisation.pk]) in page


def test_the_signals_page_charts_each_system_with_its_table_and_csv(
    client, two_before, worker, system, oversight_member, organisation
):
    report_on(worker, system, DAY)
    sweep_on(DAY)
    client.force_login(oversight_member)
    with time_machine.travel(at_noon(DAY), tick=False):
        page = client.get(reverse("oversight:signal_list", args=[organisation.pk])).content.decode()
        csv = client.get(reverse("oversight:signal_list_csv", args=[organisation.pk]))
        system_page = client.get(reverse("oversight:system_signals", args=[system.pk]))
        system_csv = client.get(reverse("oversight:system_signals_csv", args=[system.pk]))
    assert 'role="img"' in page and "<title" in page and "<desc" in page
    assert reverse("oversight:system_signals", args=[system.pk]) in page
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("AI system,") and rows[1].startswith(f"{system.name},")
    assert rows[1].endswith(",1")  # one open signal
    assert 'role="img"' in system_page.content.decode()
    assert "Incidents reported,3,3,100" in system_csv.content.decode("utf-8-sig")
    assert reverse("waira:waira_create", args=[system.pk]) not in system_page.content.decode()


def test_the_early_waira_button_is_offered_to_those_who_may_start_one(
    client, two_before, worker, system, commissioner, oversight_member
):
    report_on(worker, system, DAY)
    sweep_on(DAY)
    signal = Signal.objects.get()
    start = reverse("waira:waira_create", args=[system.pk])
    for person, offered in ((commissioner, True), (oversight_member, False)):
        client.force_login(person)
        with time_machine.travel(at_noon(DAY), tick=False):
            for url in (
                reverse("oversight:signal_detail", args=[signal.pk]),
                reverse("oversight:system_signals", args=[system.pk]),
            ):
                page = client.get(url).content.decode()
                assert (start in page) is offered, (person.username, url)
                assert ("can start it" in page) is not offered, (person.username, url)


def test_a_small_number_of_requests_is_not_shown(client, system, oversight_member, organisation):
    client.force_login(oversight_member)
    page = client.get(reverse("oversight:system_signals", args=[system.pk])).content.decode()
    assert "fewer than 5" in page


def test_another_organisations_signal_is_not_found(
    client, two_before, worker, system, user_with_role, other_organisation
):
    report_on(worker, system, DAY)
    sweep_on(DAY)
    outsider = user_with_role(Role.OVERSIGHT_MEMBER, other_organisation)
    client.force_login(outsider)
    signal = Signal.objects.get()
    assert client.get(reverse("oversight:signal_detail", args=[signal.pk])).status_code == 404
    assert client.get(reverse("oversight:system_signals", args=[system.pk])).status_code == 404


# --- Queries: the same for 2 systems as for 20 ---------------------------------------------------


def systems_in_bulk(organisation, count, start):
    """Systems in use with incidents on them, written in bulk (the gates are not measured)."""
    with workflow_write():
        systems = AISystem.objects.bulk_create(
            AISystem(
                organisation=organisation,
                name=f"System {start + number}",
                used_in_high_risk_decision_making=True,
                first_use=FIRST_USE,
            )
            for number in range(count)
        )
    return systems


def add_incidents(systems, reporter):
    Incident.objects.bulk_create(
        Incident(
            organisation_id=system.organisation_id,
            system=system,
            kind=IncidentKind.ERROR,
            description="An error.",
            reported_by=reporter,
            reported_on=legal_time.add_days(DAY, -number),
        )
        for system in systems
        for number in range(4)
    )


def queries_of(action):
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_the_sweep_and_the_pages_run_as_many_queries_for_20_systems_as_for_2(
    organisation, oversight_member, worker
):
    client = Client()
    client.force_login(oversight_member)
    url = reverse("oversight:signal_list", args=[organisation.pk])
    csv_url = reverse("oversight:signal_list_csv", args=[organisation.pk])

    def counts(day):
        with time_machine.travel(at_noon(day), tick=False):
            return (
                queries_of(lambda: sweep_run("oversight")),
                queries_of(lambda: client.get(url)),
                queries_of(lambda: client.get(csv_url)),
            )

    counts(legal_time.add_days(DAY, -10))  # warms the caches (content types, the session)
    add_incidents(systems_in_bulk(organisation, 2, 0), worker)
    with_two = counts(DAY)
    add_incidents(systems_in_bulk(organisation, 18, 2), worker)
    with_twenty = counts(legal_time.add_days(DAY, 1))
    assert with_twenty == with_two
    assert Signal.objects.filter(cleared_on__isnull=True).count() == 20

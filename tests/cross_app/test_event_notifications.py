"""Event notifications (issue 14, item 1; docs/adr/0011-event-notifications.md): for each event,
the right people, and only they, get one notification and one email, in their language, and
opening it lands on the page where they act and marks it read."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import time_machine
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from core import legal_time
from core.models import EmailState, Notification, NotificationEmails, User
from core.roles import Role
from core.services import notifications_deliver, notifications_send_digests
from procurement import services as procurement_services
from procurement.models import GateDecision
from registers.models import AISystem
from rights_requests import services as rights_services
from rights_requests.models import ExemptionDecision, RequestKind
from tests.procurement_helpers import meet_gate, new_case
from tests.register_helpers import published_entry, register_system
from tests.rights_helpers import agent_for, explain, make_request
from tests.waira_helpers import (
    answer_everything,
    assessable_system,
    discuss_and_conclude,
    fellow_workers,
    share,
)
from waira import services as waira_services

pytestmark = pytest.mark.django_db

NOON = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=legal_time.UK)


@pytest.fixture(autouse=True)
def at_noon() -> Iterator[None]:
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def run(django_capture_on_commit_callbacks) -> Callable[..., Any]:
    """Run a service with its on-commit tasks (the outbox) and a fresh mail outbox. What was
    waiting before (the test's setting-up, whose commits never happen) is sent first."""

    def call(service: Callable[..., Any], **kwargs: Any) -> Any:
        notifications_deliver()
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return call


def told(kind: str) -> dict[User, Notification]:
    found = Notification.objects.filter(kind=kind).select_related("recipient")
    result = {n.recipient: n for n in found if n.recipient is not None}
    assert len(result) == found.count(), "someone was told twice, or without an account"
    return result


def emails_to(user: User) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if user.email in message.to]


def opened(user: User, notification: Notification) -> str:
    """Follow the notification as its recipient: where it lands, once it is marked read."""
    client = Client()
    client.force_login(user)
    response = client.get(reverse("core:notification_open", args=[notification.pk]))
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    notification.refresh_from_db()
    assert notification.read_at is not None
    return str(response["Location"])


# --- Rights requests ---------------------------------------------------------------------------


def test_an_explanation_request_tells_the_nominated_contacts_alone(
    run, worker, organisation, nominated_contact, user_with_role
):
    second_contact = user_with_role(Role.NOMINATED_CONTACT)
    bystanders = [user_with_role(role) for role in (Role.COMPETENT_AGENT, Role.COMMISSIONER)]
    request = run(make_request, worker=worker, organisation=organisation)
    assert set(told("request_made")) == {nominated_contact, second_contact}
    for person in (nominated_contact, second_contact):
        assert len(emails_to(person)) == 1
        assert request.reference in emails_to(person)[0].subject
    for person in bystanders:
        assert emails_to(person) == []


def test_a_reconsideration_request_tells_the_competent_agents(
    run, worker, organisation, competent_agent, nominated_contact
):
    run(make_request, worker=worker, organisation=organisation, kind=RequestKind.RECONSIDERATION)
    assert set(told("request_made")) == {competent_agent}
    assert emails_to(nominated_contact) == []


def test_a_handler_is_told_in_their_own_language(run, worker, organisation, user_with_role):
    welsh = user_with_role(Role.NOMINATED_CONTACT, preferred_language="cy")
    run(make_request, worker=worker, organisation=organisation)
    (email,) = emails_to(welsh)
    assert told("request_made")[welsh].language == "cy"
    assert "Cais newydd" in email.subject and "rhaid ei ateb" in email.body


def test_opening_a_new_request_notification_lands_on_the_request(
    run, worker, organisation, nominated_contact
):
    request = run(make_request, worker=worker, organisation=organisation)
    notification = told("request_made")[nominated_contact]
    target = reverse("rights_requests:request_detail", args=[request.pk])
    assert opened(nominated_contact, notification) == target
    assert reverse("core:notification_open", args=[notification.pk]) in mail.outbox[0].body


def test_nobody_else_can_open_a_notification(run, worker, organisation, nominated_contact):
    run(make_request, worker=worker, organisation=organisation)
    notification = told("request_made")[nominated_contact]
    client = Client()
    client.force_login(worker)
    response = client.get(reverse("core:notification_open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_an_assigned_agent_is_told(run, worker, organisation, administrator, user_with_role):
    chosen, other = user_with_role(Role.COMPETENT_AGENT), user_with_role(Role.COMPETENT_AGENT)
    agent = agent_for(administrator, organisation, chosen)
    request = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    run(rights_services.reconsideration_assign, actor=administrator, request=request, agent=agent)
    assert set(told("agent_assigned")) == {chosen}
    assert len(emails_to(chosen)) == 1 and emails_to(other) == []
    target = reverse("rights_requests:request_detail", args=[request.pk])
    assert opened(chosen, told("agent_assigned")[chosen]) == target


def test_an_answer_tells_the_worker_in_their_language_and_the_representative_it_is_shared_with(
    run, worker, organisation, nominated_contact, union_rep, user_with_role
):
    other_rep = user_with_role(Role.UNION_REPRESENTATIVE)
    request = make_request(worker, organisation, language="cy")
    rights_services.rights_request_share(actor=worker, request=request, representative=union_rep)
    run(explain, actor=nominated_contact, request=request)
    assert set(told("request_answered")) == {worker, union_rep}
    assert told("request_answered")[worker].language == "cy"
    (to_worker,) = emails_to(worker)
    assert "wedi ateb eich cais" in to_worker.subject
    assert len(emails_to(union_rep)) == 1 and emails_to(other_rep) == []
    target = reverse("rights_requests:request_detail", args=[request.pk])
    assert opened(worker, told("request_answered")[worker]) == target


def test_a_refusal_tells_the_worker(run, worker, organisation, nominated_contact):
    request = make_request(worker, organisation)
    claim = rights_services.exemption_claim(
        actor=nominated_contact, request=request, ground="s17_5_d", reasons="Tenth request."
    )
    run(
        rights_services.exemption_decide,
        actor=nominated_contact,
        claim=claim,
        decision=ExemptionDecision.APPLIES,
        reasons="Ten requests about the same rota in a month.",
    )
    assert set(told("request_refused")) == {worker}
    assert len(mail.outbox) == 1 and "refused" in mail.outbox[0].subject


def test_a_worker_without_an_account_is_told_at_their_address(run, organisation, nominated_contact):
    request, _token = rights_services.rights_request_confirm(
        token=_draft_token(organisation, "jobseeker@example.org")
    )
    mail.outbox.clear()
    run(explain, actor=nominated_contact, request=request)
    notification = Notification.objects.get(kind="request_answered")
    assert notification.recipient is None and notification.email == "jobseeker@example.org"
    (email,) = [m for m in mail.outbox if "jobseeker@example.org" in m.to]
    assert "private link" in email.body and "/notifications/" not in email.body


def _draft_token(organisation, email: str) -> str:
    """A confirmation link's token for a request made without an account."""
    draft = rights_services.rights_request_draft(
        organisation=organisation,
        kind="explanation",
        email=email,
        requester_name="Jo Jobseeker",
        requester_status="jobseeker",
        decision="My application was sifted out by the system.",
        aware_on=legal_time.uk_date(NOON),
        request_text="Please explain the sift.",
        language="en",
    )
    return signing.TimestampSigner(salt=rights_services.DRAFT_SIGNER_SALT).sign(str(draft.pk))


def test_sharing_a_request_tells_that_representative(
    run, worker, organisation, union_rep, user_with_role
):
    other_rep = user_with_role(Role.UNION_REPRESENTATIVE)
    request = make_request(worker, organisation)
    run(
        rights_services.rights_request_share,
        actor=worker,
        request=request,
        representative=union_rep,
    )
    assert set(told("request_shared")) == {union_rep}
    assert len(emails_to(union_rep)) == 1 and emails_to(other_rep) == []


# --- WAIRAs --------------------------------------------------------------------------------


@pytest.fixture
def system(commissioner, organisation) -> AISystem:
    return assessable_system(commissioner, organisation, name="RotaWise")


def test_sharing_a_waira_tells_each_worker_consulted_and_opens_their_consultation(
    run, commissioner, organisation, system, user_with_role
):
    consulted = fellow_workers(organisation, 2)
    not_consulted = user_with_role(Role.WORKER)
    waira = waira_services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    run(share, actor=commissioner, waira=waira, workers=consulted)
    assert set(told("waira_shared")) == set(consulted)
    assert all(len(emails_to(worker)) == 1 for worker in consulted)
    assert emails_to(not_consulted) == []
    target = reverse("waira:consultation_detail", args=[waira.pk])
    assert opened(consulted[0], told("waira_shared")[consulted[0]]) == target


def test_a_concern_tells_the_commissioner_of_the_systems_case(
    run, commissioner, organisation, system, union_rep, user_with_role
):
    other_commissioner = user_with_role(Role.COMMISSIONER)
    case = new_case(commissioner, organisation, union_rep)
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    waira = waira_services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    worker = fellow_workers(organisation, 1)[0]
    share(commissioner, waira, [worker])
    run(
        waira_services.concern_raise,
        actor=worker,
        waira=waira,
        text="Travel time is not counted.",
        anonymous=False,
    )
    assert set(told("concern_raised")) == {commissioner}
    assert len(emails_to(commissioner)) == 1 and emails_to(other_commissioner) == []
    target = reverse("waira:waira_detail", args=[waira.pk])
    assert opened(commissioner, told("concern_raised")[commissioner]) == target


def test_a_completed_waira_tells_the_representatives_of_its_systems_cases(
    run, commissioner, organisation, system, union_rep, user_with_role
):
    unassigned_rep = user_with_role(Role.UNION_REPRESENTATIVE)
    case = new_case(commissioner, organisation, union_rep)
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    waira = waira_services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira, fellow_workers(organisation, 1))
    discuss_and_conclude(commissioner, waira)
    run(waira_services.waira_complete, actor=commissioner, waira=waira)
    assert set(told("waira_completed")) == {union_rep}
    assert emails_to(unassigned_rep) == []
    target = reverse("waira:waira_detail", args=[waira.pk])
    assert opened(union_rep, told("waira_completed")[union_rep]) == target


# --- Cases ---------------------------------------------------------------------------------


def test_a_stage_reaching_its_gate_asks_the_assigned_representatives_once(
    commissioner, organisation, union_rep, user_with_role, django_capture_on_commit_callbacks
):
    unassigned_rep = user_with_role(Role.UNION_REPRESENTATIVE)
    case = new_case(commissioner, organisation, union_rep)
    with django_capture_on_commit_callbacks(execute=True):
        meet_gate(case, commissioner, union_rep, skip={"sign_off"})
        meet_gate(case, commissioner, union_rep, skip={"sign_off"})  # a second write
    assert set(told("sign_off_wanted")) == {union_rep}
    assert len([m for m in emails_to(union_rep) if "sign-off" in m.subject]) == 1
    assert emails_to(unassigned_rep) == []
    target = reverse("procurement:case_detail", args=[case.pk])
    assert opened(union_rep, told("sign_off_wanted")[union_rep]) == target


def test_an_override_tells_the_representatives_and_the_oversight_members(
    run, commissioner, organisation, union_rep, oversight_member, user_with_role
):
    bystander = user_with_role(Role.PROCUREMENT_OFFICER)
    case = new_case(commissioner, organisation, union_rep)
    meet_gate(case, commissioner, union_rep, skip={"sign_off"})
    run(
        procurement_services.case_advance,
        actor=commissioner,
        case=case,
        override_reason="The branch could not meet before the deadline.",
    )
    assert set(told("gate_overridden")) == {union_rep, oversight_member}
    assert len(emails_to(oversight_member)) == 1 and emails_to(bystander) == []
    assert "could not meet" in emails_to(union_rep)[0].body


def test_a_dissent_tells_the_other_representatives_and_the_oversight_members(
    run, commissioner, organisation, union_rep, oversight_member, user_with_role
):
    second_rep = user_with_role(Role.UNION_REPRESENTATIVE)
    case = new_case(commissioner, organisation, union_rep)
    procurement_services.case_assign_union_representative(
        actor=commissioner, case=case, representative=second_rep
    )
    run(
        procurement_services.gate_decide,
        actor=union_rep,
        case=case,
        kind=GateDecision.Kind.DISSENT,
        reason="Travel time is not protected.",
    )
    assert set(told("dissent_recorded")) == {second_rep, oversight_member}
    assert emails_to(union_rep) == [] and emails_to(commissioner) == []


def test_a_published_register_entry_tells_the_union_representatives(
    run, commissioner, organisation, union_rep, worker
):
    system = register_system(commissioner, organisation, first_use=datetime.date(2026, 2, 1))
    mail.outbox.clear()
    entry, _version = run(published_entry, actor=commissioner, system=system)
    assert set(told("register_entry_published")) == {union_rep}
    assert len(emails_to(union_rep)) == 1 and emails_to(worker) == []
    target = reverse("register:entry", args=[entry.pk])
    assert opened(union_rep, told("register_entry_published")[union_rep]) == target


# --- The daily email -----------------------------------------------------------------------


@contextmanager
def daily(user: User) -> Iterator[None]:
    user.notification_emails = NotificationEmails.DAILY
    user.save(update_fields=["notification_emails"])
    yield


def test_a_person_who_chose_a_daily_email_gets_none_at_once(
    run, worker, organisation, nominated_contact
):
    with daily(nominated_contact):
        run(make_request, worker=worker, organisation=organisation)
    assert emails_to(nominated_contact) == []
    assert told("request_made")[nominated_contact].email_state == EmailState.DIGEST


def test_the_daily_email_lists_each_notification_once_across_reruns(
    run, worker, organisation, nominated_contact
):
    with daily(nominated_contact):
        first = run(make_request, worker=worker, organisation=organisation)
        second = run(make_request, worker=worker, organisation=organisation)
    mail.outbox.clear()
    assert notifications_send_digests() == 1
    assert notifications_send_digests() == 0
    (email,) = mail.outbox
    assert nominated_contact.email in email.to
    for request in (first, second):
        notification = Notification.objects.get(
            kind="request_made", recipient=nominated_contact, object_id__in=_event_ids(request)
        )
        assert reverse("core:notification_open", args=[notification.pk]) in email.body
        assert notification.email_state == EmailState.SENT


def _event_ids(request) -> list[int]:
    from core.models import TimelineEvent

    return list(
        TimelineEvent.objects.filter(object_id=request.pk, kind="request_made").values_list(
            "pk", flat=True
        )
    )


def test_the_daily_email_is_in_the_persons_language(run, worker, organisation, user_with_role):
    welsh = user_with_role(Role.NOMINATED_CONTACT, preferred_language="cy")
    with daily(welsh):
        run(make_request, worker=worker, organisation=organisation)
    mail.outbox.clear()
    notifications_send_digests()
    (email,) = mail.outbox
    assert "hysbysiad" in email.subject


def test_the_daily_email_can_be_chosen_on_your_account(client, nominated_contact):
    client.force_login(nominated_contact)
    response = client.post(reverse("core:notification_emails"), {"notification_emails": "daily"})
    assert response.status_code == 302
    nominated_contact.refresh_from_db()
    assert nominated_contact.notification_emails == NotificationEmails.DAILY

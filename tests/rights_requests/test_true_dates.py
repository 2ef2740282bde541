"""Requests keep their true dates (issue 13, item 5): a request without an account is made when
it was submitted; a request received by letter, email or in person is logged with the date it
was received and a copy, and its clock runs from that date; a duplicate exemption relies only on
an earlier request answered before the new one was made, and s.17(5)(b) only on the same
decision; the competent agent is checked again when concluding; a nominated contact's
competence to explain is recorded with evidence."""

from __future__ import annotations

import pytest
import time_machine
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import legal_time
from rights_requests import selectors, services
from rights_requests.models import (
    ContactKind,
    ReceivedBy,
    ReconsiderationOutcome,
    RequestKind,
    RequestState,
    RightsRequest,
)
from tests.rights_helpers import agent_for, contact, d, make_request

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def at(moment: str):
    return time_machine.travel(moment, tick=False)


def letter(name: str = "letter.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# --- A request without an account is made when submitted -------------------------------------


def draft_and_confirm(organisation, submitted: str, confirmed: str):
    with at(submitted):
        draft = services.rights_request_draft(
            organisation=organisation,
            kind="explanation",
            email="gwen@example.org",
            requester_name="Gwen Applicant",
            requester_status="jobseeker",
            decision="My application was screened out.",
            aware_on=d("2025-03-01"),
            request_text="Why?",
            language="en",
        )
    token = signing.TimestampSigner(salt=services.DRAFT_SIGNER_SALT).sign(str(draft.pk))
    with at(confirmed):
        request, _token = services.rights_request_confirm(token=token)
    return request


@pytest.mark.parametrize(
    ("confirmed", "day"),
    [
        # Submitted 23:30 UK time on 31 March (BST): confirmed that night, the next morning,
        # two days on. The request is made on 31 March each time.
        ("2025-03-31T22:45:00Z", "2025-03-31"),
        ("2025-04-01T08:00:00Z", "2025-03-31"),
        ("2025-04-02T08:00:00Z", "2025-03-31"),
    ],
)
def test_a_request_without_an_account_is_made_when_submitted(organisation, confirmed, day):
    request = draft_and_confirm(organisation, "2025-03-31T22:30:00Z", confirmed)
    assert request.request_date == d(day)
    assert request.due_date == legal_time.response_due(d(day))


# --- A request received outside Llais, logged with its date ----------------------------------


def log(actor, organisation, **overrides):
    values = {
        "kind": RequestKind.EXPLANATION,
        "received_by": ReceivedBy.LETTER,
        "received_on": d("2025-05-09"),
        "received_copy": letter(),
        "requester_name": "Dai Driver",
        "requester_email": "dai@example.org",
        "requester_status": "worker",
        "decision": "My route was given to someone else by the dispatch system.",
        "decision_date": d("2025-05-01"),
        "aware_on": d("2025-05-02"),
        "request_text": "Please explain the decision.",
        "language": "cy",
        **overrides,
    }
    return services.rights_request_log_received(actor=actor, organisation=organisation, **values)


@at("2025-05-12T10:00:00Z")
def test_a_logged_request_runs_from_the_date_received(organisation, nominated_contact):
    request, token = log(nominated_contact, organisation)
    assert request.request_date == d("2025-05-09")
    assert request.due_date == legal_time.response_due(d("2025-05-09"))
    assert legal_time.uk_date(request.made_at) == d("2025-05-09")
    assert request.received_by == ReceivedBy.LETTER
    assert request.received_copy.read() == PDF
    assert selectors.requests_by_token(services.token_sha256(token)).get() == request


@pytest.mark.parametrize(
    ("received_on", "refused"),
    [("2025-05-11", False), ("2025-05-12", False), ("2025-05-13", True)],
)
@at("2025-05-12T10:00:00Z")
def test_the_date_received_is_never_in_the_future(
    organisation, nominated_contact, received_on, refused
):
    if refused:
        with pytest.raises(ValidationError) as error:
            log(nominated_contact, organisation, received_on=d(received_on))
        assert "received_on" in error.value.message_dict
    else:
        request, _token = log(nominated_contact, organisation, received_on=d(received_on))
        assert request.request_date == d(received_on)


@pytest.mark.parametrize(
    ("received_on", "refused"),
    [("2025-04-30", True), ("2025-05-01", False), ("2025-05-02", False)],
)
@at("2025-05-12T10:00:00Z")
def test_the_date_received_is_never_before_the_decision(
    organisation, nominated_contact, received_on, refused
):
    kwargs = {"received_on": d(received_on), "aware_on": d("2025-05-01")}
    if refused:
        with pytest.raises(ValidationError) as error:
            log(nominated_contact, organisation, **kwargs)
        assert "received_on" in error.value.message_dict
    else:
        request, _token = log(nominated_contact, organisation, **kwargs)
        assert request.due_date == legal_time.response_due(d(received_on))


@at("2025-05-12T10:00:00Z")
def test_a_logged_request_needs_a_real_copy(organisation, nominated_contact):
    with pytest.raises(ValidationError) as error:
        log(nominated_contact, organisation, received_copy=letter("letter.pdf", b"MZ\x90\x00"))
    assert "received_copy" in error.value.message_dict


@at("2025-05-12T10:00:00Z")
def test_only_the_handlers_of_that_kind_log_a_request(
    organisation, nominated_contact, worker, administrator
):
    with pytest.raises(PermissionDenied):
        log(worker, organisation)
    with pytest.raises(PermissionDenied):
        log(nominated_contact, organisation, kind=RequestKind.RECONSIDERATION)
    request, _token = log(administrator, organisation, kind=RequestKind.RECONSIDERATION)
    assert request.kind == RequestKind.RECONSIDERATION


@at("2025-05-12T10:00:00Z")
def test_the_log_page_logs_a_request_and_its_copy_is_downloadable(
    client, organisation, nominated_contact
):
    client.force_login(nominated_contact)
    url = reverse("rights_requests:request_log")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "organisation": organisation.pk,
            "kind": "explanation",
            "received_by": "in_person",
            "received_on_day": "9",
            "received_on_month": "5",
            "received_on_year": "2025",
            "received_copy": letter("note.txt", b"Dai asked at the depot."),
            "requester_name": "Dai Driver",
            "requester_email": "dai@example.org",
            "requester_status": "worker",
            "decision": "My route was given away.",
            "aware_on_day": "2",
            "aware_on_month": "5",
            "aware_on_year": "2025",
            "request_text": "Explain it, please.",
            "language": "en",
        },
    )
    assert response.status_code == 302
    request = RightsRequest.objects.get(requester_email="dai@example.org")
    assert response.url == reverse("rights_requests:request_detail", args=[request.pk])
    assert request.request_date == d("2025-05-09")
    page = client.get(response.url).content.decode()
    assert "Received outside Llais (In person)" in page
    copy = client.get(reverse("rights_requests:request_copy", args=[request.pk]))
    assert b"".join(copy.streaming_content) == b"Dai asked at the depot."


@at("2025-05-12T10:00:00Z")
def test_the_log_page_keeps_what_was_typed_on_an_error(client, organisation, nominated_contact):
    client.force_login(nominated_contact)
    response = client.post(
        reverse("rights_requests:request_log"),
        {"organisation": organisation.pk, "requester_name": "Dai Driver"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert 'value="Dai Driver"' in page


# --- A duplicate relies only on a request answered before the new one was made -----------------


def reconsider(agent_user, request):
    return services.reconsideration_conclude(
        actor=agent_user,
        request=request,
        outcome=ReconsiderationOutcome.UPHELD,
        text="I looked at the rota data again.",
        text_language="en",
    )


@pytest.fixture
def earlier_reconsideration(worker, organisation, administrator, competent_agent):
    """A reconsideration made on 1 May 2025 about a decision of 28 April, answered later."""
    agent = agent_for(administrator, organisation, competent_agent)
    with at("2025-05-01T09:00:00Z"):
        earlier = make_request(
            worker, organisation, RequestKind.RECONSIDERATION, decision_date=d("2025-04-28")
        )
        services.reconsideration_assign(actor=administrator, request=earlier, agent=agent)
    earlier.refresh_from_db()
    return earlier


@pytest.mark.parametrize(
    ("answered", "counts"),
    [
        ("2025-05-08T17:00:00Z", True),  # the day before the new request
        ("2025-05-09T08:00:00Z", True),  # the same day, before it was made (10:00)
        ("2025-05-09T11:00:00Z", False),  # the same day, after it was made
        ("2025-05-10T09:00:00Z", False),  # the day after
    ],
)
def test_a_duplicate_relies_only_on_an_answer_given_before_the_new_request(
    worker, organisation, competent_agent, earlier_reconsideration, answered, counts
):
    with at("2025-05-09T09:00:00Z"):  # 10:00 UK time
        new = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    with at(answered):
        earlier_reconsideration.refresh_from_db()
        reconsider(competent_agent, earlier_reconsideration)
    candidates = [c.earlier for c in selectors.duplicate_candidates(new)]
    assert candidates == ([earlier_reconsideration] if counts else [])


@pytest.mark.parametrize(
    ("answered", "allowed"),
    [
        ("2025-05-08T17:00:00Z", True),  # the day before the new request
        ("2025-05-09T08:00:00Z", True),  # the same day, before it was made (10:00)
        ("2025-05-09T11:00:00Z", False),  # the same day, after it was made
        ("2025-05-10T09:00:00Z", False),  # the day after
    ],
)
def test_a_duplicate_exemption_cannot_rely_on_a_reconsideration_finished_after_the_request(
    worker, organisation, administrator, competent_agent, earlier_reconsideration, answered, allowed
):
    with at("2025-05-09T09:00:00Z"):  # 10:00 UK time
        new = make_request(worker, organisation, RequestKind.RECONSIDERATION)
    with at(answered):
        earlier_reconsideration.refresh_from_db()
        reconsider(competent_agent, earlier_reconsideration)
    with at("2025-05-12T09:00:00Z"):
        new.refresh_from_db()

        def claim():
            return services.exemption_claim(
                actor=administrator,
                request=new,
                ground="s18_8_b",
                reasons="It repeats the request of 1 May.",
                relies_on=earlier_reconsideration,
            )

        if allowed:
            assert claim().relies_on == earlier_reconsideration
        else:
            with pytest.raises(ValidationError) as error:
                claim()
            assert "relies_on" in error.value.message_dict
            new.refresh_from_db()
            assert new.state == RequestState.RECEIVED


@pytest.mark.parametrize(("received_on", "counts"), [("2025-05-09", False), ("2025-05-10", True)])
def test_an_answer_the_day_a_logged_request_was_received_does_not_count(
    organisation, competent_agent, administrator, received_on, counts
):
    agent = agent_for(administrator, organisation, competent_agent)
    with at("2025-05-01T09:00:00Z"):
        earlier, _token = log(
            administrator,
            organisation,
            kind=RequestKind.RECONSIDERATION,
            received_on=d("2025-05-01"),
            decision_date=None,
            aware_on=d("2025-04-30"),
        )
        services.reconsideration_assign(actor=administrator, request=earlier, agent=agent)
    with at("2025-05-09T08:00:00Z"):
        earlier.refresh_from_db()
        reconsider(competent_agent, earlier)
    with at("2025-05-12T10:00:00Z"):
        new, _token = log(
            administrator,
            organisation,
            kind=RequestKind.RECONSIDERATION,
            received_on=d(received_on),
            decision_date=None,
        )
    # Only the day is known: read in the worker's favour, a letter received the day of the
    # answer came before it.
    candidates = [c.earlier for c in selectors.duplicate_candidates(new)]
    assert candidates == ([earlier] if counts else [])


def claim_already_reconsidered(actor, new, earlier):
    return services.exemption_claim(
        actor=actor,
        request=new,
        ground="s17_5_b",
        reasons="That decision was reconsidered in May.",
        relies_on=earlier,
    )


@pytest.mark.parametrize(
    ("decision_date", "allowed"),
    [("2025-04-27", False), ("2025-04-28", True), ("2025-04-29", False), (None, False)],
)
def test_s17_5_b_relies_only_on_a_reconsideration_of_the_same_decision(
    worker,
    organisation,
    competent_agent,
    nominated_contact,
    earlier_reconsideration,
    decision_date,
    allowed,
):
    with at("2025-05-05T09:00:00Z"):
        earlier_reconsideration.refresh_from_db()
        reconsider(competent_agent, earlier_reconsideration)
    with at("2025-06-02T09:00:00Z"):
        new = make_request(
            worker, organisation, decision_date=d(decision_date) if decision_date else None
        )
        if allowed:
            claim = claim_already_reconsidered(nominated_contact, new, earlier_reconsideration)
            assert claim.relies_on == earlier_reconsideration
        else:
            with pytest.raises(ValidationError) as error:
                claim_already_reconsidered(nominated_contact, new, earlier_reconsideration)
            assert "relies_on" in error.value.message_dict


# --- The agent is checked again when they conclude -------------------------------------------


@pytest.mark.parametrize(
    ("ended_on", "refused"),
    [("2025-05-04", True), ("2025-05-05", True), ("2025-05-06", False)],
)
def test_an_agent_who_has_left_the_role_cannot_conclude(
    administrator, competent_agent, earlier_reconsideration, ended_on, refused
):
    agent = earlier_reconsideration.assigned_agent
    with at("2025-05-03T09:00:00Z"):
        services.rights_contact_update(actor=administrator, contact=agent, ended_on=d(ended_on))
    with at("2025-05-05T09:00:00Z"):
        earlier_reconsideration.refresh_from_db()
        if refused:
            with pytest.raises(ValidationError):
                reconsider(competent_agent, earlier_reconsideration)
        else:
            reconsider(competent_agent, earlier_reconsideration)
            earlier_reconsideration.refresh_from_db()
            assert earlier_reconsideration.state == RequestState.ANSWERED


def test_an_agent_whose_evidence_was_withdrawn_cannot_conclude(
    administrator, competent_agent, earlier_reconsideration
):
    agent = earlier_reconsideration.assigned_agent
    with at("2025-05-03T09:00:00Z"):
        services.rights_contact_update(
            actor=administrator, contact=agent, can_alter_decision=False, authority_evidence=""
        )
        earlier_reconsideration.refresh_from_db()
        with pytest.raises(ValidationError) as error:
            reconsider(competent_agent, earlier_reconsideration)
    assert "able to alter the decision" in " ".join(error.value.messages)
    earlier_reconsideration.refresh_from_db()
    assert earlier_reconsideration.state == RequestState.IN_PROGRESS


# --- A nominated contact's competence is recorded with evidence ---------------------------------


def test_a_nominated_contacts_competence_needs_its_evidence(organisation, administrator):
    with pytest.raises(ValidationError) as error:
        contact(
            administrator, organisation, ContactKind.NOMINATED_CONTACT, competent_to_explain=True
        )
    assert "competence_evidence" in error.value.message_dict
    nominated = contact(
        administrator,
        organisation,
        ContactKind.NOMINATED_CONTACT,
        competent_to_explain=True,
        competence_evidence="Trained on the rota system's decision logs, March 2025.",
    )
    assert nominated.competent_to_explain


def test_the_contacts_page_shows_whose_competence_to_explain_is_not_recorded(
    client, organisation, administrator
):
    contact(administrator, organisation, ContactKind.NOMINATED_CONTACT, name="Nia Nominated")
    client.force_login(administrator)
    page = client.get(reverse("rights_requests:contact_list")).content.decode()
    assert "Competence to explain not recorded (s.17(8))" in page


def test_the_copy_received_goes_with_the_personal_data(organisation, nominated_contact):
    from django.core.files.storage import default_storage

    from core.services import sweep_run
    from rights_requests.retention import removal_date
    from tests.rights_helpers import explain

    with at("2025-03-03T10:00:00Z"):
        request, _token = log(
            nominated_contact,
            organisation,
            received_on=d("2025-03-03"),
            decision_date=d("2025-03-01"),
            aware_on=d("2025-03-02"),
        )
    stored = request.received_copy.name
    assert default_storage.exists(stored)
    with at("2025-03-10T10:00:00Z"):
        explain(nominated_contact, request)
    request.refresh_from_db()
    with at(f"{removal_date(request).isoformat()}T10:00:00Z"):
        sweep_run("retention")
    request.refresh_from_db()
    assert request.personal_data_removed_on is not None
    assert not request.received_copy
    assert not default_storage.exists(stored)

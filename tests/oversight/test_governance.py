"""The governance body: members, meetings with papers and minutes, decisions and actions; the
actions reminded by the deadline engine once, however often it runs."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import legal_time
from core.models import Notification
from core.roles import Role
from core.services import sweep_run
from oversight import services
from oversight.models import ActionStatus, DecisionKind, MemberRole
from oversight.sweeps import GOVERNANCE_ACTION
from tests.oversight.oversight_helpers import action, meeting
from tests.procurement_helpers import new_case

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def sweep_on(day: datetime.date) -> None:
    with time_machine.travel(f"{day.isoformat()}T10:00:00Z", tick=False):
        sweep_run("oversight")


def told(recipient=None) -> list[int]:
    found = Notification.objects.filter(kind=GOVERNANCE_ACTION)
    if recipient is not None:
        found = found.filter(recipient=recipient)
    return list(found.order_by("id").values_list("threshold", flat=True))


def test_an_oversight_member_adds_a_worker_to_the_body(oversight_member, worker, organisation):
    seat = services.governance_member_add(
        actor=oversight_member,
        organisation=organisation,
        name="Ceri Jones",
        role=MemberRole.WORKER,
        joined_on=DAY,
        user=worker,
    )
    assert (seat.role, seat.user) == (MemberRole.WORKER, worker)


def test_a_commissioner_cannot_run_the_body(commissioner, organisation):
    with pytest.raises(PermissionDenied):
        services.governance_member_add(
            actor=commissioner,
            organisation=organisation,
            name="Ceri Jones",
            role=MemberRole.WORKER,
            joined_on=DAY,
        )


def test_an_account_of_another_organisation_cannot_sit_on_the_body(
    oversight_member, organisation, user_with_role, other_organisation
):
    outsider = user_with_role(Role.WORKER, other_organisation)
    with pytest.raises(ValidationError) as refused:
        services.governance_member_add(
            actor=oversight_member,
            organisation=organisation,
            name="Someone",
            role=MemberRole.OTHER,
            joined_on=DAY,
            user=outsider,
        )
    assert "user" in refused.value.message_dict


def test_minutes_renamed_from_an_executable_are_refused(oversight_member, organisation):
    with pytest.raises(ValidationError) as refused:
        services.meeting_record(
            actor=oversight_member,
            organisation=organisation,
            held_on=DAY,
            title="Review",
            minutes=SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00" + b"\x00" * 100),
        )
    assert "minutes" in refused.value.message_dict


def test_a_meeting_keeps_its_papers_and_members_download_them(
    client, oversight_member, union_rep, organisation
):
    recorded = services.meeting_record(
        actor=oversight_member,
        organisation=organisation,
        held_on=DAY,
        title="Review",
        papers=SimpleUploadedFile("papers.txt", b"Agenda: RotaWise error rates"),
    )
    client.force_login(union_rep)
    response = client.get(reverse("oversight:meeting_file", args=[recorded.pk, "papers"]))
    assert b"".join(response.streaming_content) == b"Agenda: RotaWise error rates"


def test_an_action_needs_an_owner_and_a_due_date(oversight_member, organisation):
    held = meeting(oversight_member, held_on=DAY)
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=oversight_member, meeting=held, kind=DecisionKind.ACTION, text="Do it"
        )
    assert set(refused.value.message_dict) == {"owner", "due_on"}


def test_a_decision_links_the_cases_it_concerns(oversight_member, commissioner, organisation):
    case = new_case(commissioner, organisation)
    decision = services.decision_record(
        actor=oversight_member,
        meeting=meeting(oversight_member, held_on=DAY),
        kind=DecisionKind.DECISION,
        text="Pause the roll-out to night shifts.",
        cases=[case],
    )
    assert list(decision.cases.all()) == [case]


def test_a_decision_cannot_link_another_organisations_case(
    oversight_member, organisation, user_with_role, other_organisation
):
    their_case = new_case(user_with_role(Role.COMMISSIONER, other_organisation), other_organisation)
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=oversight_member,
            meeting=meeting(oversight_member, held_on=DAY),
            kind=DecisionKind.DECISION,
            text="x",
            cases=[their_case],
        )
    assert "cases" in refused.value.message_dict


def test_the_owner_closes_their_action_with_what_was_done(oversight_member, commissioner):
    given = action(
        oversight_member,
        meeting(oversight_member, held_on=DAY),
        owner=commissioner,
        due_on=DAY + datetime.timedelta(days=30),
    )
    services.action_update(
        actor=commissioner, action=given, status=ActionStatus.DONE, note="Rates received."
    )
    given.refresh_from_db()
    assert (given.status, given.status_note) == (ActionStatus.DONE, "Rates received.")


def test_closing_an_action_says_what_was_done(oversight_member, commissioner):
    given = action(
        oversight_member, meeting(oversight_member, held_on=DAY), owner=commissioner, due_on=DAY
    )
    with pytest.raises(ValidationError):
        services.action_update(actor=commissioner, action=given, status=ActionStatus.DONE)


@pytest.mark.parametrize(
    ("days_before", "expected"), [(15, []), (14, [14]), (4, [14]), (3, [14, 3])]
)
def test_the_owner_is_reminded_before_an_action_is_due(
    oversight_member, commissioner, days_before, expected
):
    due = legal_time.add_days(DAY, 30)
    action(oversight_member, meeting(oversight_member, held_on=DAY), owner=commissioner, due_on=due)
    for days in sorted({15, 14, days_before}, reverse=True):
        if days >= days_before:
            sweep_on(legal_time.add_days(due, -days))
    assert told(commissioner) == expected


def test_an_overdue_action_tells_its_owner_and_the_oversight_members_once(
    oversight_member, commissioner
):
    due = legal_time.add_days(DAY, 5)
    action(oversight_member, meeting(oversight_member, held_on=DAY), owner=commissioner, due_on=due)
    sweep_on(due)
    assert told() == [3]  # on the day: the last reminder, not yet overdue
    for _rerun in range(2):
        sweep_on(legal_time.add_days(due, 1))
    assert sorted(told(commissioner)) == [Notification.OVERDUE, 3]
    assert told(oversight_member) == [Notification.OVERDUE]


def test_a_done_action_is_not_reminded(oversight_member, commissioner):
    due = legal_time.add_days(DAY, 5)
    given = action(
        oversight_member, meeting(oversight_member, held_on=DAY), owner=commissioner, due_on=due
    )
    services.action_update(
        actor=oversight_member, action=given, status=ActionStatus.DONE, note="Done."
    )
    sweep_on(legal_time.add_days(due, 1))
    assert told() == []

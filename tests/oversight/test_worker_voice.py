"""The public register entry shows how workers were involved in procuring and overseeing the
system: engagement per stage, union sign-offs and dissents, the last governance meeting on it.
No personal data."""

import re

import pytest
from django.urls import reverse

from oversight import review_services
from oversight import services as oversight_services
from oversight.models import DecisionKind
from procurement import services
from procurement.models import EngagementApproach, ProcurementCase
from procurement.stages import Stage
from tests.procurement_helpers import answer_review, new_case, today
from tests.register_helpers import published_entry, register_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry_page(client, commissioner, union_rep, oversight_member, organisation):
    system = register_system(commissioner, organisation, first_use=today(), name="ShiftSense")
    entry, _version = published_entry(commissioner, system)
    case = new_case(commissioner, organisation, union_rep)
    services.case_link_ai_system(actor=commissioner, case=case, system=system)
    services.engagement_record(
        actor=commissioner,
        case=case,
        approach=EngagementApproach.objects.get(key="worker-survey"),
        held_on=today(),
        worker_groups="Night porters on ward 7",
        worker_count=37,
        issues_raised="Shift swaps.",
    )
    meeting = oversight_services.meeting_record(
        actor=oversight_member, organisation=organisation, held_on=today(), title="Review"
    )
    oversight_services.decision_record(
        actor=oversight_member,
        meeting=meeting,
        kind=DecisionKind.DECISION,
        text="Keep a person checking every rota.",
        systems=[system],
    )
    client.logout()
    return client.get(reverse("register:entry", args=[entry.pk])).content.decode()


def test_the_entry_shows_how_many_workers_took_part_at_each_stage(entry_page):
    assert "How workers were involved" in entry_page
    assert re.search(r'<td class="govuk-table__cell"[^>]*>37</td>', entry_page)


def test_the_entry_names_nobody(entry_page, union_rep):
    assert "Night porters on ward 7" not in entry_page
    assert union_rep.get_full_name() not in entry_page


def test_the_entry_gives_the_last_governance_meeting(entry_page):
    assert today().strftime("%-d %B %Y") in entry_page.split("Last oversight by the governance")[1]


def test_the_entry_gives_the_last_decided_oversight_review_on_the_next_request(
    client, commissioner, union_rep, organisation
):
    """The register's cache is bumped when a review is decided: the next visitor sees it."""
    system = register_system(commissioner, organisation, first_use=today(), name="ShiftSense")
    entry, _version = published_entry(commissioner, system)
    case = new_case(commissioner, organisation, union_rep)
    services.case_link_ai_system(actor=commissioner, case=case, system=system)
    ProcurementCase.objects.filter(pk=case.pk).update(stage=Stage.OVERSIGHT)  # as the helper does
    case.refresh_from_db()
    review = review_services.review_open_first(case, commissioner)
    assert review is not None
    client.logout()
    url = reverse("register:entry", args=[entry.pk])
    before = client.get(url).content.decode().split("Last oversight review, with")[1]
    assert "None recorded" in before.split("</div>")[0]
    answer_review(review, commissioner)
    review_services.review_submit(actor=commissioner, review=review)
    review_services.review_decide(actor=union_rep, review=review, kind=review_services.SIGN_OFF)
    page = client.get(url).content.decode()
    assert today().strftime("%-d %B %Y") in page.split("Last oversight review, with")[1]

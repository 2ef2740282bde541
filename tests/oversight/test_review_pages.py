"""The oversight review pages: reached from the case page, GOV.UK forms whose errors name the
field, and no 500 on hostile input."""

from types import SimpleNamespace

import pytest
import time_machine
from django.urls import reverse

from core import legal_time
from core.models import Notification
from core.roles import Role
from core.services import sweep_run
from oversight import permissions as oversight_permissions
from oversight import review_pack, review_selectors, review_services
from oversight import selectors as oversight_selectors
from oversight.models import OversightReview, ReviewState
from tests.oversight.oversight_helpers import case_in_oversight
from tests.procurement_helpers import answer_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(commissioner, organisation, union_rep):
    return case_in_oversight(commissioner, organisation, union_rep)


@pytest.mark.parametrize("who", ["commissioner", "union_rep", "oversight_member"])
def test_the_case_page_links_to_its_reviews(world, client, request, who):
    case, _system, review = world
    client.force_login(request.getfixturevalue(who))
    body = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    assert 'id="oversight-reviews"' in body
    assert reverse("oversight:review_detail", args=[review.pk]) in body


def test_the_commissioner_answers_the_review_from_its_page(world, client, commissioner):
    _case, _system, review = world
    client.force_login(commissioner)
    page = client.get(reverse("oversight:review_detail", args=[review.pk])).content.decode()
    assert reverse("oversight:review_answer", args=[review.pk]) in page
    prompts = review_selectors.review_prompts(review)
    response = client.post(
        reverse("oversight:review_answer", args=[review.pk]),
        {
            **{f"prompt_{item.prompt.pk}": "Agreed with the forum." for item in prompts},
            "what_has_changed": "The forum now meets monthly.",
        },
    )
    assert response.status_code == 302
    assert [item.answer for item in review_selectors.review_prompts(review)] == [
        "Agreed with the forum."
    ] * len(prompts)


def test_a_closing_review_while_in_use_is_refused_on_its_field(world, client, commissioner):
    _case, _system, review = world
    client.force_login(commissioner)
    response = client.post(
        reverse("oversight:review_answer", args=[review.pk]),
        {"what_has_changed": "Nothing.", "closing": "on"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and 'href="#id_closing"' in body
    assert not OversightReview.objects.get(pk=review.pk).closing


def test_submitting_an_unanswered_review_says_why(world, client, commissioner):
    _case, _system, review = world
    client.force_login(commissioner)
    response = client.post(reverse("oversight:review_submit", args=[review.pk]))
    assert response.status_code == 200
    assert "Answer every prompt" in response.content.decode()
    assert OversightReview.objects.get(pk=review.pk).state == ReviewState.OPEN


def test_the_union_representative_signs_off_from_the_review_page(
    world, client, commissioner, union_rep
):
    case, _system, review = world
    answer_review(review, commissioner)
    review_services.review_submit(actor=commissioner, review=review)
    client.force_login(union_rep)
    page = client.get(reverse("oversight:review_detail", args=[review.pk])).content.decode()
    decide = reverse("oversight:review_decide", args=[review.pk])
    assert f"{decide}?kind=sign_off" in page and f"{decide}?kind=dissent" in page
    response = client.post(decide, {"kind": "sign_off"})
    assert response.status_code == 302
    assert OversightReview.objects.get(pk=review.pk).state == ReviewState.SIGNED_OFF
    assert OversightReview.objects.filter(case=case, number=2, state=ReviewState.OPEN).exists()


@pytest.mark.parametrize(
    "data",
    [{"kind": "dissent", "reason": ""}, {"kind": "<script>"}, {}, {"kind": ["a", "b"]}],
)
def test_a_bad_decision_is_shown_on_the_form_not_a_500(
    world, client, commissioner, union_rep, data
):
    _case, _system, review = world
    answer_review(review, commissioner)
    review_services.review_submit(actor=commissioner, review=review)
    client.force_login(union_rep)
    response = client.post(reverse("oversight:review_decide", args=[review.pk]), data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert OversightReview.objects.get(pk=review.pk).state == ReviewState.SUBMITTED


def test_hostile_answers_are_not_a_500(world, client, commissioner):
    _case, _system, review = world
    client.force_login(commissioner)
    response = client.post(
        reverse("oversight:review_answer", args=[review.pk]),
        {"prompt_999999": "x", "what_has_changed": "\x00" + "y" * 20000, "closing": "maybe"},
    )
    assert response.status_code in (200, 302)


def test_a_union_representative_cannot_open_the_answer_page(world, client, union_rep):
    _case, _system, review = world
    client.force_login(union_rep)
    assert client.get(reverse("oversight:review_answer", args=[review.pk])).status_code == 403


@pytest.mark.parametrize("who", ["oversight_member", "union_rep"])
def test_the_oversight_dashboard_links_to_the_reviews_to_finish(
    world, client, request, organisation, who
):
    _case, _system, review = world
    client.force_login(request.getfixturevalue(who))
    body = client.get(reverse("oversight:dashboard", args=[organisation.pk])).content.decode()
    assert reverse("oversight:review_detail", args=[review.pk]) in body


def test_an_unassigned_representatives_dashboard_lists_no_review(
    world, client, organisation, user_with_role
):
    _case, _system, review = world
    client.force_login(user_with_role(Role.UNION_REPRESENTATIVE))
    body = client.get(reverse("oversight:dashboard", args=[organisation.pk])).content.decode()
    assert reverse("oversight:review_detail", args=[review.pk]) not in body


def test_an_overdue_review_is_counted_among_the_duties(world, oversight_member, organisation):
    _case, _system, review = world
    cases = oversight_permissions.cases_counted_for(oversight_member, organisation)
    with time_machine.travel(
        f"{legal_time.add_days(review.due_on, 1).isoformat()}T10:00:00Z", tick=False
    ):
        figure = oversight_selectors.duties_due(oversight_member, organisation, cases)
    assert figure is not None
    assert ("Oversight reviews of cases", 1, 0) in [
        (str(label), overdue, soon) for label, overdue, soon in figure.rows
    ]


def test_the_notifications_read_and_link_to_the_review(world, client, commissioner, union_rep):
    _case, _system, review = world
    answer_review(review, commissioner)
    review = review_services.review_submit(actor=commissioner, review=review)
    review_services.review_decide(actor=union_rep, review=review, kind="dissent", reason="No.")
    for person, wanted in (
        (union_rep, "Your sign-off is wanted on an oversight review"),
        (commissioner, "Dissent recorded on an oversight review"),
    ):
        client.force_login(person)
        body = client.get(reverse("core:notification_list")).content.decode()
        assert wanted in body
    opened = Notification.objects.filter(recipient=union_rep).get()
    client.force_login(union_rep)
    response = client.get(reverse("core:notification_open", args=[opened.pk]))
    assert response.status_code == 302
    assert response.url == reverse("oversight:review_detail", args=[review.pk])


def test_the_due_reminder_reads_and_links_to_the_review(world, client, commissioner):
    _case, _system, review = world
    with time_machine.travel(
        f"{legal_time.add_days(review.due_on, 1).isoformat()}T10:00:00Z", tick=False
    ):
        sweep_run("oversight")
        client.force_login(commissioner)
        body = client.get(reverse("core:notification_list")).content.decode()
    assert "Overdue: the oversight review of" in body
    opened = Notification.objects.filter(recipient=commissioner).get()
    response = client.get(reverse("core:notification_open", args=[opened.pk]))
    assert response.url == reverse("oversight:review_detail", args=[review.pk])


def test_the_case_pack_has_an_oversight_reviews_section(world, commissioner):
    case, _system, review = world
    answer_review(review, commissioner)
    built = review_pack.build_reviews(case, SimpleNamespace(user=commissioner, is_full=True))
    assert built is not None
    [entry] = built.content["reviews"]
    assert (entry["number"], entry["state"], entry["closing"]) == (1, "open", False)
    assert all(answer.startswith("Settled at review 1") for answer in entry["answers"].values())

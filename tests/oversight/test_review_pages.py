"""The oversight review pages: reached from the case page, GOV.UK forms whose errors name the
field, and no 500 on hostile input."""

import pytest
from django.urls import reverse

from oversight import review_selectors, review_services
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

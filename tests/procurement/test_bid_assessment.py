"""Bid assessment and the award (issue 18 item 4, ADR 0017): a panel with worker voice, declared
conflicts, blind scoring, moderation that keeps both scores, weighted totals, the award after full
moderation, and a dissent that stays on the record."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse

from core.models import Notification
from core.roles import Role
from core.selectors import timeline_for
from core.services.notifications import notification_url
from procurement import permissions
from procurement.bids import selectors
from procurement.bids import services as bids
from procurement.bids_models import Award, Dissent, PanelMember, Score, Supplier
from procurement.stages import Stage
from procurement.tender.services import question_create, weightings_sign_off, weights_set
from tests.procurement_helpers import case_at, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def tender_case(commissioner, organisation, union_rep):
    """At the tender stage, with two questions weighted 70 and 30, signed off by the union."""
    case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
    first = question_create(actor=commissioner, case=case, text_en="How will workers shape it?")
    second = question_create(actor=commissioner, case=case, text_en="How will it support Welsh?")
    weights_set(actor=commissioner, case=case, weights={first.pk: 70, second.pk: 30})
    weightings_sign_off(actor=union_rep, case=case)
    return case


def add_bid(case, actor, name="Rota Cymru Ltd", number="01234567"):
    return bids.bid_record(
        actor=actor,
        case=case,
        supplier_name=name,
        companies_house_number=number,
        received_on=today(),
        summary="Rostering with travel time built in.",
    )


def add_member(case, commissioner, person, role, conflict=None):
    member = bids.panel_member_add(actor=commissioner, case=case, person=person, panel_role=role)
    bids.conflict_declare(
        actor=person, member=member, has_conflict=conflict is not None, conflict=conflict or ""
    )
    return member


@pytest.fixture
def scoring(
    tender_case, commissioner, procurement_officer, worker, django_capture_on_commit_callbacks
):
    """Two bids; a panel of a worker and a procurement officer; scoring open."""
    first = add_bid(tender_case, commissioner)
    second = add_bid(tender_case, commissioner, name="Shift Ltd", number="SC123456")
    add_member(tender_case, commissioner, worker, PanelMember.PanelRole.WORKER)
    add_member(tender_case, commissioner, procurement_officer, PanelMember.PanelRole.PROCUREMENT)
    bids.scoring_open(actor=commissioner, case=tender_case)
    return tender_case, first, second


def score_all(case, person, value):
    for bid in selectors.bids_for(case):
        bids.scores_save(
            actor=person,
            bid=bid,
            scores={q.pk: (value, "") for q in selectors.questions_for(case)},
        )
    bids.scores_submit(actor=person, case=case)


@pytest.mark.parametrize("number", ["1234567", "123456789", "S1234567", "sc12345x", "ABCDEFGH", ""])
def test_a_companies_house_number_is_8_digits_or_2_letters_and_6_digits(
    tender_case, commissioner, number
):
    with pytest.raises(ValidationError):
        add_bid(tender_case, commissioner, number=number)
    assert not Supplier.objects.exists()


def test_a_supplier_is_kept_once_per_organisation_and_the_number_is_upper_cased(
    tender_case, commissioner
):
    add_bid(tender_case, commissioner, number="sc123456")
    assert Supplier.objects.get().companies_house_number == "SC123456"
    with pytest.raises(ValidationError):
        add_bid(tender_case, commissioner, name="Same supplier", number="SC123456")


def test_scoring_does_not_open_without_a_worker_or_union_representative(
    tender_case, commissioner, procurement_officer, worker
):
    add_bid(tender_case, commissioner)
    add_member(tender_case, commissioner, procurement_officer, PanelMember.PanelRole.PROCUREMENT)
    with pytest.raises(ValidationError) as refused:
        bids.scoring_open(actor=commissioner, case=tender_case)
    assert "worker or union representative" in " ".join(refused.value.messages)
    # A worker with a conflict stands aside, so does not count.
    add_member(
        tender_case, commissioner, worker, PanelMember.PanelRole.WORKER, "Spouse works there"
    )
    with pytest.raises(ValidationError):
        bids.scoring_open(actor=commissioner, case=tender_case)


def test_every_member_declares_conflicts_before_scoring(
    tender_case, commissioner, worker, union_rep
):
    add_bid(tender_case, commissioner)
    add_member(tender_case, commissioner, worker, PanelMember.PanelRole.WORKER)
    bids.panel_member_add(
        actor=commissioner,
        case=tender_case,
        person=union_rep,
        panel_role=PanelMember.PanelRole.UNION_REPRESENTATIVE,
    )
    with pytest.raises(ValidationError) as refused:
        bids.scoring_open(actor=commissioner, case=tender_case)
    assert "declare their conflicts" in " ".join(refused.value.messages)


def test_a_conflict_must_be_described_and_only_its_member_declares_it(
    tender_case, commissioner, worker
):
    member = bids.panel_member_add(
        actor=commissioner, case=tender_case, person=worker, panel_role="worker"
    )
    with pytest.raises(ValidationError):
        bids.conflict_declare(actor=worker, member=member, has_conflict=True, conflict="  ")
    with pytest.raises(PermissionDenied):
        bids.conflict_declare(actor=commissioner, member=member, has_conflict=False)
    bids.conflict_declare(actor=worker, member=member, has_conflict=True, conflict="Ex-employee")
    member.refresh_from_db()
    assert member.conflict == "Ex-employee" and not member.scores_bids


def test_a_person_from_another_organisation_cannot_join_the_panel(
    tender_case, commissioner, user_with_role, other_organisation
):
    outsider = user_with_role(Role.WORKER, organisation=other_organisation)
    with pytest.raises(ValidationError):
        bids.panel_member_add(
            actor=commissioner, case=tender_case, person=outsider, panel_role="worker"
        )


def test_panel_members_are_told_scoring_has_opened(
    tender_case, commissioner, worker, client, django_capture_on_commit_callbacks
):
    add_bid(tender_case, commissioner)
    add_member(tender_case, commissioner, worker, PanelMember.PanelRole.WORKER)
    bids.scoring_open(actor=commissioner, case=tender_case)
    notification = Notification.objects.get(recipient=worker, kind="bid_scoring_opened")
    # The worker on the panel cannot open the case page; the link takes them to the bids.
    link = notification_url(notification)
    assert link == reverse("procurement:bid_assessment", args=[tender_case.pk])
    client.force_login(worker)
    assert client.get(link).status_code == 200


def test_blind_scoring_until_every_member_has_submitted(
    scoring, worker, procurement_officer, commissioner
):
    case, _first, _second = scoring
    score_all(case, worker, 8)
    # The worker has submitted; the officer has not: each sees only their own.
    assert {s.member.person for s in selectors.scores_visible_to(worker, case)} == {worker}
    assert not selectors.scores_visible_to(procurement_officer, case).exists()
    assert not selectors.scores_visible_to(commissioner, case).exists()
    bids.scores_save(
        actor=procurement_officer,
        bid=selectors.bids_for(case)[0],
        scores={q.pk: (3, "") for q in selectors.questions_for(case)},
    )
    assert {s.score for s in selectors.scores_visible_to(procurement_officer, case)} == {3}
    assert {s.member.person for s in selectors.scores_visible_to(worker, case)} == {worker}
    assert not Notification.objects.filter(kind="bid_scoring_complete").exists()
    score_all(case, procurement_officer, 4)
    assert selectors.scores_visible_to(commissioner, case).count() == 8
    assert selectors.scores_visible_to(worker, case).count() == 8
    assert Notification.objects.filter(recipient=commissioner, kind="bid_scoring_complete").exists()


def test_a_member_cannot_submit_until_every_question_of_every_bid_is_scored(scoring, worker):
    case, first, _second = scoring
    bids.scores_save(
        actor=worker, bid=first, scores={q.pk: (5, "") for q in selectors.questions_for(case)}
    )
    with pytest.raises(ValidationError):
        bids.scores_submit(actor=worker, case=case)


@pytest.mark.parametrize("value", [-1, 11, 1000])
def test_a_score_outside_the_scale_is_refused(scoring, worker, value):
    case, first, _second = scoring
    question = selectors.questions_for(case)[0]
    with pytest.raises(ValidationError):
        bids.scores_save(actor=worker, bid=first, scores={question.pk: (value, "")})


def test_a_submitted_member_cannot_change_their_scores(scoring, worker):
    case, first, _second = scoring
    score_all(case, worker, 6)
    with pytest.raises(PermissionDenied):
        bids.scores_save(
            actor=worker, bid=first, scores={selectors.questions_for(case)[0].pk: (1, "")}
        )


def test_moderation_waits_for_every_member_and_keeps_both_scores(
    scoring, worker, procurement_officer, commissioner
):
    case, first, _second = scoring
    question = selectors.questions_for(case)[0]
    score_all(case, worker, 8)
    with pytest.raises(ValidationError):
        bids.moderation_record(actor=commissioner, bid=first, question=question, agreed_score=6)
    score_all(case, procurement_officer, 4)
    with pytest.raises(ValidationError) as refused:
        bids.moderation_record(actor=commissioner, bid=first, question=question, agreed_score=6)
    assert "reason" in refused.value.message_dict
    moderation = bids.moderation_record(
        actor=commissioner,
        bid=first,
        question=question,
        agreed_score=6,
        reason="The worker's evidence of rota co-design outweighed the officer's doubt.",
    )
    assert moderation.agreed_score == 6
    assert sorted(
        Score.objects.filter(bid=first, question=question).values_list("score", flat=True)
    ) == [4, 8]


def test_an_agreed_score_equal_to_every_members_needs_no_reason(
    scoring, worker, procurement_officer, commissioner
):
    case, first, _second = scoring
    score_all(case, worker, 5)
    score_all(case, procurement_officer, 5)
    question = selectors.questions_for(case)[0]
    assert (
        bids.moderation_record(
            actor=commissioner, bid=first, question=question, agreed_score=5
        ).reason
        == ""
    )


def moderate_all(case, commissioner, agreed):
    """agreed: {(supplier name, question order index): score}"""
    questions = list(selectors.questions_for(case))
    for bid in selectors.bids_for(case):
        for index, question in enumerate(questions):
            bids.moderation_record(
                actor=commissioner,
                bid=bid,
                question=question,
                agreed_score=agreed[(bid.supplier.name, index)],
                reason="Agreed at the moderation meeting.",
            )


def test_weighted_totals_by_hand(scoring, worker, procurement_officer, commissioner):
    case, _first, _second = scoring
    score_all(case, worker, 5)
    score_all(case, procurement_officer, 5)
    # Weightings 70 and 30. Rota Cymru: 8/10 x 70 = 56.00, 5/10 x 30 = 15.00, total 71.00.
    # Shift Ltd: 7/10 x 70 = 49.00, 9/10 x 30 = 27.00, total 76.00.
    moderate_all(
        case,
        commissioner,
        {
            ("Rota Cymru Ltd", 0): 8,
            ("Rota Cymru Ltd", 1): 5,
            ("Shift Ltd", 0): 7,
            ("Shift Ltd", 1): 9,
        },
    )
    totals = selectors.weighted_totals(case)
    assert [(t.bid.supplier.name, t.total) for t in totals] == [
        ("Shift Ltd", Decimal("76.00")),
        ("Rota Cymru Ltd", Decimal("71.00")),
    ]
    assert totals[1].lines[0].formula == "8/10 \u00d7 70 = 56.00"
    assert totals[1].formula == "56.00 + 15.00"


def test_the_award_needs_every_bid_and_question_moderated_and_reasons(
    scoring, worker, procurement_officer, commissioner
):
    case, first, second = scoring
    score_all(case, worker, 5)
    score_all(case, procurement_officer, 5)
    with pytest.raises(ValidationError):
        bids.award_record(
            actor=commissioner, case=case, bid=first, decided_on=today(), reasons="Best."
        )
    question = selectors.questions_for(case)[0]
    bids.moderation_record(actor=commissioner, bid=first, question=question, agreed_score=5)
    with pytest.raises(ValidationError):
        bids.award_record(
            actor=commissioner, case=case, bid=first, decided_on=today(), reasons="Best."
        )
    moderate_all(
        case,
        commissioner,
        {
            ("Rota Cymru Ltd", 0): 8,
            ("Rota Cymru Ltd", 1): 5,
            ("Shift Ltd", 0): 7,
            ("Shift Ltd", 1): 9,
        },
    )
    with pytest.raises(ValidationError):
        bids.award_record(
            actor=commissioner, case=case, bid=second, decided_on=today(), reasons=" "
        )
    with pytest.raises(PermissionDenied):
        bids.award_record(actor=worker, case=case, bid=second, decided_on=today(), reasons="Best.")
    award = bids.award_record(
        actor=commissioner, case=case, bid=second, decided_on=today(), reasons="Highest total."
    )
    found = selectors.award_for_case(case)
    assert found == award
    assert found is not None and found.bid.supplier.name == "Shift Ltd"
    with pytest.raises(ValidationError):
        bids.moderation_record(
            actor=commissioner, bid=first, question=question, agreed_score=1, reason="late"
        )
    kinds = {event.kind for event in timeline_for(case)}
    assert {
        "bid_recorded",
        "panel_member_added",
        "panel_conflict_declared",
        "bid_scoring_opened",
        "bid_scores_submitted",
        "bid_scoring_complete",
        "bid_moderated",
        "award_recorded",
    } <= kinds


def test_award_for_case_is_none_before_the_award(tender_case):
    assert selectors.award_for_case(tender_case) is None


def test_a_members_dissent_stays_on_record_and_only_members_dissent(
    scoring, worker, union_rep, commissioner
):
    case, _first, _second = scoring
    with pytest.raises(PermissionDenied):
        bids.dissent_record(actor=union_rep, case=case, text="Not on the panel.")
    with pytest.raises(ValidationError):
        bids.dissent_record(actor=worker, case=case, text="   ")
    dissent = bids.dissent_record(actor=worker, case=case, text="Travel time was underweighted.")
    assert list(selectors.dissents_for(case)) == [dissent]
    with pytest.raises(IntegrityError):
        Dissent.objects.filter(pk=dissent.pk).update(text="")


def test_bids_are_confidential_to_the_panel_and_bid_staff(
    scoring, worker, union_rep, commissioner, procurement_officer, user_with_role
):
    case, _first, _second = scoring
    oversight = user_with_role(Role.OVERSIGHT_MEMBER)
    assert permissions.can_view_bids(worker, case)
    assert permissions.can_view_bids(commissioner, case)
    assert permissions.can_view_bids(procurement_officer, case)
    assert not permissions.can_view_bids(union_rep, case)  # assigned to the case, not the panel
    assert not permissions.can_view_bids(oversight, case)


def test_the_award_passes_the_tender_gate_through_services(commissioner, organisation, union_rep):
    case = case_at(Stage.DEVELOPMENT, commissioner, organisation, union_rep)
    assert Award.objects.get(case=case).bid.supplier.companies_house_number == "01234567"


# --- Through the pages ---------------------------------------------------------------------------


def test_blind_scoring_holds_on_the_pages(
    client, scoring, worker, procurement_officer, commissioner
):
    case, first, _second = scoring
    question = selectors.questions_for(case)[0]
    for bid in selectors.bids_for(case):
        bids.scores_save(
            actor=procurement_officer,
            bid=bid,
            scores={q.pk: (2, "OFFICER-NOTE") for q in selectors.questions_for(case)},
        )
    score_all(case, worker, 8)
    page = reverse("procurement:bid_assessment", args=[case.pk])
    for person in (worker, commissioner, procurement_officer):
        client.force_login(person)
        response = client.get(page)
        assert response.status_code == 200
        assert "OFFICER-NOTE" not in response.content.decode() or person == procurement_officer
    client.force_login(commissioner)
    moderate = reverse("procurement:moderate", args=[case.pk, first.pk, question.pk])
    assert client.get(moderate).status_code == 404
    bids.scores_submit(actor=procurement_officer, case=case)
    response = client.get(page)
    assert "OFFICER-NOTE" in response.content.decode()
    assert client.get(moderate).status_code == 200


@pytest.mark.parametrize("value", ["abc", "-5", "11", "9" * 40, "<script>", ""])
def test_hostile_scores_are_refused_with_the_field_named(client, scoring, worker, value):
    case, first, _second = scoring
    client.force_login(worker)
    questions = list(selectors.questions_for(case))
    data = {f"score_{q.pk}": value for q in questions} | {
        f"comment_{q.pk}": "kept" for q in questions
    }
    response = client.post(reverse("procurement:scores_edit", args=[case.pk, first.pk]), data)
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Score.objects.exists()


@pytest.mark.parametrize("number", ["12", "ZZ!!!!!!", "' OR 1=1 --", "\x00"])
def test_hostile_bids_are_refused_without_a_500(client, tender_case, commissioner, number):
    client.force_login(commissioner)
    response = client.post(
        reverse("procurement:bid_create", args=[tender_case.pk]),
        {
            "supplier_name": "Rota Cymru Ltd",
            "companies_house_number": number,
            "received_on_day": "1",
            "received_on_month": "13",
            "received_on_year": "2026",
            "summary": "x",
        },
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert "Rota Cymru Ltd" in response.content.decode()


def test_after_the_award_its_summary_shows_on_the_case_page(
    client, scoring, worker, procurement_officer, commissioner, union_rep
):
    case, _first, second = scoring
    score_all(case, worker, 5)
    score_all(case, procurement_officer, 5)
    moderate_all(
        case,
        commissioner,
        {
            ("Rota Cymru Ltd", 0): 8,
            ("Rota Cymru Ltd", 1): 5,
            ("Shift Ltd", 0): 7,
            ("Shift Ltd", 1): 9,
        },
    )
    client.force_login(union_rep)
    page = reverse("procurement:case_detail", args=[case.pk])
    assert "Shift Ltd" not in client.get(page).content.decode()
    bids.dissent_record(actor=worker, case=case, text="Travel time was underweighted.")
    bids.award_record(
        actor=commissioner, case=case, bid=second, decided_on=today(), reasons="Highest total."
    )
    content = client.get(page).content.decode()
    assert "Shift Ltd" in content and "76.00" in content and "71.00" in content
    assert "Highest total." in content
    assert "dissent is on the record" in content
    # The bids themselves stay confidential to the panel and the bid staff.
    assert client.get(reverse("procurement:bid_assessment", args=[case.pk])).status_code == 403

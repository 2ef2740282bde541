"""The lessons log: staff record what worked and what did not, search and filter it; a lesson
marked shareable is read by other organisations without its author, case or organisation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.roles import Role
from oversight import lessons, services
from procurement.models import EngagementApproach
from procurement.stages import RiskLevel, Stage
from tests.procurement_helpers import new_case

pytestmark = pytest.mark.django_db


def record(actor, organisation, **fields):
    values = {
        "title": "Ask night workers separately",
        "stage": Stage.PLANNING,
        "risk_level": RiskLevel.HIGH,
        "what_worked": "A survey at shift change reached the night care workers.",
        "what_did_not": "The daytime workshop missed them entirely.",
        **fields,
    }
    return services.lesson_record(actor=actor, organisation=organisation, **values)


def test_staff_record_a_lesson_with_its_history(commissioner, organisation):
    lesson = record(commissioner, organisation)
    assert lesson.author == commissioner and lesson.history.count() == 1


def test_a_lesson_says_what_worked_or_what_did_not(commissioner, organisation):
    with pytest.raises(ValidationError) as refused:
        record(commissioner, organisation, what_worked="", what_did_not=" ")
    assert "what_worked" in refused.value.message_dict


def test_a_union_representative_does_not_keep_the_log(union_rep, organisation):
    with pytest.raises(PermissionDenied):
        record(union_rep, organisation)


def test_a_lesson_cannot_name_another_organisations_case(
    commissioner, organisation, user_with_role, other_organisation
):
    other_case = new_case(user_with_role(Role.COMMISSIONER, other_organisation), other_organisation)
    with pytest.raises(ValidationError) as refused:
        record(commissioner, organisation, case=other_case)
    assert "case" in refused.value.message_dict


def test_search_finds_words_in_what_worked_and_what_did_not(commissioner, organisation):
    night = record(commissioner, organisation)
    record(commissioner, organisation, title="Plain English", what_worked="Short.", what_did_not="")
    found = lessons.lessons_matching(lessons.lessons_of(organisation), q="workshop")
    assert list(found) == [night]


def test_filters_by_stage_approach_and_risk_level(commissioner, organisation):
    survey = EngagementApproach.objects.get(key="worker-survey")
    wanted = record(commissioner, organisation, approach=survey, risk_level=RiskLevel.LOW)
    record(commissioner, organisation, stage=Stage.DEPLOYMENT, risk_level=RiskLevel.LOW)
    found = lessons.lessons_matching(
        lessons.lessons_of(organisation),
        stage=Stage.PLANNING,
        approach=survey,
        risk_level=RiskLevel.LOW,
    )
    assert list(found) == [wanted]


def test_the_list_page_searches_and_ignores_nonsense_filters(client, commissioner, organisation):
    record(commissioner, organisation)
    record(commissioner, organisation, title="Plain English letters", what_worked="Short.")
    client.force_login(commissioner)
    url = reverse("oversight:lesson_list", args=[organisation.pk])
    page = client.get(url, {"q": "night", "approach": "x", "risk_level": "extreme"})
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ask night workers separately" in text and "Plain English letters" not in text


def test_the_form_records_a_lesson(client, commissioner, organisation):
    client.force_login(commissioner)
    response = client.post(
        reverse("oversight:lesson_create", args=[organisation.pk]),
        {
            "title": "Pay people for their time",
            "stage": Stage.TENDER_AWARD,
            "risk_level": RiskLevel.MEDIUM,
            "what_worked": "Paid release time doubled who came to the bid assessment.",
            "shareable": "on",
        },
    )
    assert response["Location"] == reverse("oversight:lesson_list", args=[organisation.pk])
    assert lessons.lessons_of(organisation).get().shareable


def test_another_organisation_reads_a_shared_lesson_without_names(
    client, commissioner, organisation, union_rep, user_with_role, other_organisation
):
    case = new_case(commissioner, organisation, union_rep)
    shared = record(commissioner, organisation, case=case, shareable=True)
    record(commissioner, organisation, title="Kept at home", shareable=False)
    reader = user_with_role(Role.COMMISSIONER, other_organisation)
    client.force_login(reader)
    listed = client.get(reverse("oversight:shared_lesson_list")).content.decode()
    one = client.get(reverse("oversight:shared_lesson", args=[shared.pk])).content.decode()
    for page in (listed, one):
        assert "Ask night workers separately" in page
        assert "The daytime workshop missed them entirely." in page
        for name in (
            commissioner.get_full_name(),
            commissioner.username,
            case.title,
            organisation.name_en,
            organisation.name_cy,
        ):
            assert name not in page
    assert "Kept at home" not in listed


def test_a_lesson_not_shared_is_not_found_by_another_organisation(
    client, commissioner, organisation, user_with_role, other_organisation
):
    kept = record(commissioner, organisation)
    client.force_login(user_with_role(Role.COMMISSIONER, other_organisation))
    assert client.get(reverse("oversight:shared_lesson", args=[kept.pk])).status_code == 404
    assert client.get(reverse("oversight:lesson_edit", args=[kept.pk])).status_code == 404


def test_the_shared_list_holds_other_organisations_lessons_only(client, commissioner, organisation):
    record(commissioner, organisation, shareable=True)
    client.force_login(commissioner)
    page = client.get(reverse("oversight:shared_lesson_list")).content.decode()
    assert "Ask night workers separately" not in page


def test_staff_edit_a_lesson_and_share_it(client, commissioner, organisation):
    lesson = record(commissioner, organisation)
    client.force_login(commissioner)
    response = client.post(
        reverse("oversight:lesson_edit", args=[lesson.pk]),
        {
            "title": lesson.title,
            "stage": lesson.stage,
            "risk_level": lesson.risk_level,
            "what_worked": lesson.what_worked,
            "what_did_not": "",
            "shareable": "on",
        },
    )
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.shareable and lesson.what_did_not == ""
    assert lesson.history.count() == 2

"""Issue 14, item 6: a ledger that closes the loop. "We did" is added weeks later, with its
history; the assigned union representative records engagement and comments on prompt answers;
the case page keeps every stage's answers (the current stage first) and shows its systems'
WAIRA, register entry and request figures."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from procurement import services
from procurement.models import DiscussionPrompt, EngagementApproach
from tests.procurement_helpers import case_at, new_case, today
from tests.register_helpers import published_entry, register_system

pytestmark = pytest.mark.django_db


def record(actor, case, **fields):
    approach = EngagementApproach.objects.filter(stage=case.stage).first()
    values = {
        "approach": approach,
        "held_on": today(),
        "worker_groups": "Night shift carers",
        "worker_count": 9,
        "issues_raised": "Rotas ignore travel time.",
        **fields,
    }
    return services.engagement_record(actor=actor, case=case, **values)


def test_we_did_is_added_later_and_each_version_is_kept(client, commissioner, organisation):
    case = new_case(commissioner, organisation)
    activity = record(commissioner, case)
    services.engagement_complete(
        actor=commissioner, activity=activity, employer_response="Travel time is now a constraint."
    )
    services.engagement_complete(
        actor=commissioner, activity=activity, employer_response="Travel time is now 20 minutes."
    )
    client.force_login(commissioner)
    url = reverse("procurement:activity_detail", args=[case.pk, activity.pk])
    page = client.get(url).content.decode()
    assert "Travel time is now a constraint." in page and "Travel time is now 20 minutes." in page


def test_we_did_cannot_be_emptied(commissioner, organisation):
    case = new_case(commissioner, organisation)
    activity = record(commissioner, case)
    with pytest.raises(ValidationError):
        services.engagement_complete(actor=commissioner, activity=activity, employer_response=" ")


def test_we_did_is_written_through_its_page(client, commissioner, organisation):
    case = new_case(commissioner, organisation)
    activity = record(commissioner, case)
    client.force_login(commissioner)
    url = reverse("procurement:activity_complete", args=[case.pk, activity.pk])
    response = client.post(url, {"employer_response": "We changed the rota rules."})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.employer_response == "We changed the rota rules."


def test_an_empty_we_did_names_the_field(client, commissioner, organisation):
    case = new_case(commissioner, organisation)
    activity = record(commissioner, case)
    client.force_login(commissioner)
    url = reverse("procurement:activity_complete", args=[case.pk, activity.pk])
    page = client.post(url, {"employer_response": ""}).content.decode()
    assert "Enter what you did in response to what workers raised." in page


def test_the_union_representative_records_engagement(commissioner, organisation, union_rep):
    case = new_case(commissioner, organisation, union_rep)
    activity = record(union_rep, case)
    assert activity.recorded_by == union_rep


def test_the_union_representative_does_not_write_we_did(commissioner, organisation, union_rep):
    case = new_case(commissioner, organisation, union_rep)
    activity = record(commissioner, case)
    with pytest.raises(PermissionDenied):
        services.engagement_complete(actor=union_rep, activity=activity, employer_response="x")


def test_the_union_representative_comments_on_an_answer(
    client, commissioner, organisation, union_rep
):
    case = new_case(commissioner, organisation, union_rep)
    prompt = DiscussionPrompt.objects.filter(stage=case.stage, is_carry_forward=False).first()
    assert prompt is not None
    client.force_login(union_rep)
    url = reverse("procurement:prompt_comment", args=[case.pk, prompt.key])
    client.post(url, {"text": "The branch never agreed to this."})
    page = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    assert "The branch never agreed to this." in page


def test_an_unassigned_union_representative_cannot_comment(
    commissioner, organisation, union_rep, user_with_role
):
    from core.roles import Role

    case = new_case(commissioner, organisation, union_rep)
    other_rep = user_with_role(Role.UNION_REPRESENTATIVE)
    prompt = DiscussionPrompt.objects.filter(stage=case.stage, is_carry_forward=False).first()
    assert prompt is not None
    with pytest.raises(PermissionDenied):
        services.prompt_comment_add(actor=other_rep, case=case, prompt=prompt, text="Hello")


def test_earlier_stages_answers_stay_on_the_case_page_current_first(
    client, commissioner, organisation, union_rep
):
    case = case_at("tender_award", commissioner, organisation, union_rep)
    client.force_login(commissioner)
    page = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    answers = page.split('id="answers"')[1]
    assert "The branch agreed: priority-challenges." in answers
    assert answers.index("Tender and award") < answers.index("Planning")


def test_the_case_page_shows_its_systems_waira_entry_and_figures(
    client, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    system = register_system(commissioner, organisation, first_use=today(), name="ShiftSure")
    entry, _version = published_entry(commissioner, system)
    services.case_link_ai_system(actor=commissioner, case=case, system=system)
    client.force_login(commissioner)
    page = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    overview = page.split('id="systems"')[1].split("</table>")[0]
    assert "ShiftSure" in overview
    assert reverse("register:entry", args=[entry.pk]) in overview
    assert "Made: fewer than" in overview

"""The specification (issue 18): requirements with who proposed them, what they answer, and
whether they are agreed or disputed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.selectors import timeline_for
from procurement import services
from procurement.models import EngagementApproach, Requirement
from procurement.stages import Stage
from procurement.tender import selectors
from procurement.tender.services import requirement_create, requirement_update
from tests.procurement_helpers import case_at, new_case, today

pytestmark = pytest.mark.django_db


def survey(case, actor):
    return services.engagement_record(
        actor=actor,
        case=case,
        approach=EngagementApproach.objects.get(key="worker-survey"),
        held_on=today(),
        worker_groups="Home-care workers",
        worker_count=40,
        issues_raised="Rotas must be readable in Welsh.",
    )


def test_a_requirement_answers_a_ledger_entry_and_names_who_proposed_it(commissioner, organisation):
    case = new_case(commissioner, organisation)
    activity = survey(case, commissioner)
    requirement = requirement_create(
        actor=commissioner,
        case=case,
        kind=Requirement.Kind.WELSH,
        text="Every screen a worker uses is available in Welsh.",
        proposed_by=Requirement.Proposer.WORKERS,
        activity=activity,
    )
    assert (requirement.activity, requirement.status) == (activity, Requirement.Status.AGREED)
    assert [label for label, _items in selectors.requirements_by_kind(case)] == [
        Requirement.Kind.WELSH.label
    ]
    assert timeline_for(case).filter(kind="requirement_added").exists()


def test_a_requirement_must_answer_an_engagement_or_a_concern(commissioner, organisation):
    case = new_case(commissioner, organisation)
    with pytest.raises(ValidationError) as refused:
        requirement_create(
            actor=commissioner,
            case=case,
            kind=Requirement.Kind.FUNCTION,
            text="Rotas respect travel time.",
            proposed_by=Requirement.Proposer.UNION,
        )
    assert "concern" in refused.value.message_dict


def test_another_cases_engagement_is_refused(commissioner, organisation):
    case, other = new_case(commissioner, organisation), new_case(commissioner, organisation)
    with pytest.raises(ValidationError) as refused:
        requirement_create(
            actor=commissioner,
            case=case,
            kind=Requirement.Kind.FUNCTION,
            text="Rotas respect travel time.",
            proposed_by=Requirement.Proposer.UNION,
            activity=survey(other, commissioner),
        )
    assert "activity" in refused.value.message_dict


def test_a_disputed_requirement_says_what_is_disputed_and_keeps_it(commissioner, organisation):
    case = new_case(commissioner, organisation)
    requirement = requirement_create(
        actor=commissioner,
        case=case,
        kind=Requirement.Kind.ACCESS_OWNERSHIP,
        text="The union may see anonymised override rates monthly.",
        proposed_by=Requirement.Proposer.UNION,
        concern="Nobody can see how often the rota is overridden.",
    )
    with pytest.raises(ValidationError) as refused:
        requirement_update(
            actor=commissioner,
            requirement=requirement,
            kind=requirement.kind,
            text=requirement.text,
            proposed_by=requirement.proposed_by,
            concern=requirement.concern,
            status=Requirement.Status.DISPUTED,
        )
    assert "dispute" in refused.value.message_dict
    disputed = requirement_update(
        actor=commissioner,
        requirement=requirement,
        kind=requirement.kind,
        text=requirement.text,
        proposed_by=requirement.proposed_by,
        concern=requirement.concern,
        status=Requirement.Status.DISPUTED,
        dispute="Management says monthly is too often; the union holds to monthly.",
    )
    assert disputed.status == Requirement.Status.DISPUTED
    event = timeline_for(case).get(kind="requirement_changed")
    assert (event.from_state, event.to_state) == ("agreed", "disputed")


def test_a_union_representative_reads_the_specification_but_does_not_write_it(
    client, commissioner, organisation, union_rep
):
    case = new_case(commissioner, organisation, union_rep)
    with pytest.raises(PermissionDenied):
        requirement_create(
            actor=union_rep,
            case=case,
            kind=Requirement.Kind.WELSH,
            text="Welsh screens.",
            proposed_by=Requirement.Proposer.UNION,
            concern="Welsh speakers.",
        )
    client.force_login(union_rep)
    assert client.get(reverse("procurement:specification", args=[case.pk])).status_code == 200


def test_the_specification_is_closed_after_tender_and_award(commissioner, organisation, union_rep):
    case = case_at(Stage.DEVELOPMENT, commissioner, organisation, union_rep)
    with pytest.raises(PermissionDenied):
        requirement_create(
            actor=commissioner,
            case=case,
            kind=Requirement.Kind.WELSH,
            text="Welsh screens.",
            proposed_by=Requirement.Proposer.UNION,
            concern="Welsh speakers.",
        )


def test_the_form_shows_the_error_summary_and_keeps_what_was_typed(
    client, procurement_officer, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    client.force_login(procurement_officer)
    url = reverse("procurement:requirement_create", args=[case.pk])
    response = client.post(
        url,
        {
            "kind": "welsh",
            "text": "Screens in Welsh.",
            "proposed_by": "workers",
            "status": "disputed",
            "activity": "999999",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_activity"' in html
    assert "Screens in Welsh." in html
    response = client.post(
        url,
        {
            "kind": "welsh",
            "text": "Screens in Welsh.",
            "proposed_by": "workers",
            "status": "disputed",
            "concern": "Welsh speakers.",
        },
    )
    assert 'href="#id_dispute"' in response.content.decode()
    assert not Requirement.objects.exists()


def test_a_requirement_added_by_clicking_shows_on_the_specification(
    client, procurement_officer, commissioner, organisation
):
    case = new_case(commissioner, organisation)
    client.force_login(procurement_officer)
    response = client.post(
        reverse("procurement:requirement_create", args=[case.pk]),
        {
            "kind": "accessibility",
            "text": "Works with a screen reader.",
            "proposed_by": "service_users",
            "status": "agreed",
            "concern": "Blind workers use the rota.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("procurement:specification", args=[case.pk])).content.decode()
    assert "Works with a screen reader." in page
    assert "Service users" in page

"""An organisation's administrators manage its members, roles and settings in Llais's own pages,
for their own organisation only, and every change is on the organisation's timeline."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import Membership, TimelineEvent, User
from core.roles import Role
from core.selectors import roles_of, timeline_for
from core.services import member_add, member_roles_set, organisation_settings_update
from tests.factories import member

pytestmark = pytest.mark.django_db


def roles_in(person, organisation):
    return set(
        Membership.objects.filter(user=person, organisation=organisation).values_list(
            "role", flat=True
        )
    )


@pytest.fixture
def outsider_administrator(other_organisation):
    """An administrator of another organisation: the person the scoping keeps out."""
    return member(Role.ADMINISTRATOR, other_organisation)


# --- Pages ------------------------------------------------------------------------------------


def test_the_dashboard_and_navigation_lead_to_the_administration(
    client, administrator, organisation
):
    client.force_login(administrator)
    dashboard = client.get(reverse("core:dashboard")).content.decode()
    detail = reverse("core:organisation_detail", args=[organisation.pk])
    assert f'href="{detail}"' in dashboard
    assert f'href="{reverse("core:administration")}"' in dashboard  # the navigation
    assert f'href="{detail}"' in client.get(reverse("core:administration")).content.decode()


def test_the_organisation_page_lists_members_roles_and_links_to_contacts(
    client, administrator, worker, organisation
):
    client.force_login(administrator)
    html = client.get(reverse("core:organisation_detail", args=[organisation.pk])).content.decode()
    assert worker.email in html and str(worker) in html and "Worker" in html
    assert reverse("core:member_roles", args=[organisation.pk, worker.pk]) in html
    assert reverse("core:member_add", args=[organisation.pk]) in html
    assert reverse("core:organisation_settings", args=[organisation.pk]) in html
    assert reverse("rights_requests:contact_list") in html


def test_the_page_is_in_welsh(client, administrator, organisation):
    client.force_login(administrator)
    response = client.get(
        reverse("core:organisation_detail", args=[organisation.pk]), HTTP_ACCEPT_LANGUAGE="cy"
    )
    html = response.content.decode()
    assert "Cyngor Sir Enghreifftiol" in html
    assert "Aelodau a rolau" in html


def test_a_worker_is_refused_the_administration(client, worker, organisation):
    client.force_login(worker)
    assert client.get(reverse("core:administration")).status_code == 403
    assert (
        client.get(reverse("core:organisation_detail", args=[organisation.pk])).status_code == 404
    )


def test_adding_an_existing_account_by_email(
    client, administrator, organisation, other_organisation
):
    someone = member(Role.WORKER, other_organisation, email="Nia.Jones@example.org")
    client.force_login(administrator)
    response = client.post(
        reverse("core:member_add", args=[organisation.pk]),
        {"email": "nia.jones@EXAMPLE.org", "role": Role.OVERSIGHT_MEMBER, "job_title": "Chair"},
    )
    assert response.status_code == 302
    assert roles_in(someone, organisation) == {Role.OVERSIGHT_MEMBER}
    assert roles_in(someone, other_organisation) == {Role.WORKER}
    event = timeline_for(organisation).get()
    assert (event.kind, event.to_state, event.actor) == (
        "member_role_granted",
        Role.OVERSIGHT_MEMBER,
        administrator,
    )
    assert (
        Membership.objects.get(user=someone, organisation=organisation).history.get().history_user
        == administrator
    )


def test_adding_a_new_person_makes_an_account_without_a_password(
    client, administrator, organisation
):
    client.force_login(administrator)
    url = reverse("core:member_add", args=[organisation.pk])
    nameless = client.post(url, {"email": "new@example.org", "role": Role.WORKER})
    assert nameless.status_code == 200
    assert "Enter their name" in nameless.content.decode()
    assert 'value="new@example.org"' in nameless.content.decode()  # nothing typed is lost
    assert not User.objects.filter(email="new@example.org").exists()
    client.post(
        url,
        {"email": "new@example.org", "first_name": "Nia", "last_name": "Jones", "role": "worker"},
    )
    person = User.objects.get(email="new@example.org")
    assert (person.first_name, person.last_name) == ("Nia", "Jones")
    assert not person.has_usable_password()
    assert not person.is_staff and not person.is_superuser
    assert roles_in(person, organisation) == {Role.WORKER}


def test_a_role_held_already_is_an_error_on_the_form(client, administrator, worker, organisation):
    client.force_login(administrator)
    response = client.post(
        reverse("core:member_add", args=[organisation.pk]),
        {"email": worker.email, "role": Role.WORKER},
    )
    assert response.status_code == 200
    assert "already has this role" in response.content.decode()


def test_changing_roles_records_each_on_the_timeline(client, administrator, worker, organisation):
    client.force_login(administrator)
    response = client.post(
        reverse("core:member_roles", args=[organisation.pk, worker.pk]),
        {"roles": [Role.UNION_REPRESENTATIVE]},
    )
    assert response.status_code == 302
    assert roles_in(worker, organisation) == {Role.UNION_REPRESENTATIVE}
    moves = set(timeline_for(organisation).values_list("kind", "from_state", "to_state"))
    assert moves == {
        ("member_role_removed", Role.WORKER, ""),
        ("member_role_granted", "", Role.UNION_REPRESENTATIVE),
    }
    page = client.get(reverse("core:organisation_detail", args=[organisation.pk])).content.decode()
    assert "Role taken away" in page and "Role given" in page


def test_unticking_every_role_takes_a_person_out(client, administrator, worker, organisation):
    client.force_login(administrator)
    client.post(reverse("core:member_roles", args=[organisation.pk, worker.pk]), {})
    assert roles_in(worker, organisation) == set()
    deleted = Membership.history.get(history_type="-")
    assert deleted.history_user == administrator


def test_the_last_administrator_cannot_remove_their_own_role(client, administrator, organisation):
    client.force_login(administrator)
    response = client.post(
        reverse("core:member_roles", args=[organisation.pk, administrator.pk]),
        {"roles": [Role.WORKER]},
    )
    assert response.status_code == 200
    assert "must keep one administrator" in response.content.decode()
    assert roles_in(administrator, organisation) == {Role.ADMINISTRATOR}
    assert not TimelineEvent.objects.exists()


def test_an_administrator_may_step_down_when_another_remains(
    client, administrator, user_with_role, organisation
):
    user_with_role(Role.ADMINISTRATOR)
    client.force_login(administrator)
    response = client.post(
        reverse("core:member_roles", args=[organisation.pk, administrator.pk]),
        {"roles": [Role.COMMISSIONER]},
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    assert roles_in(administrator, organisation) == {Role.COMMISSIONER}


def test_settings_are_changed_with_history_and_timeline(client, administrator, organisation):
    client.force_login(administrator)
    url = reverse("core:organisation_settings", args=[organisation.pk])
    assert 'value="Example County Council"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name_en": "Example Council",
            "name_cy": "Cyngor Enghreifftiol",
            "anonymity_minimum_consultees": "5",
            "small_number_threshold": "5",
            "consultation_listening_days": "14",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name_en == "Example Council"
    assert organisation.name_cy == "Cyngor Enghreifftiol"
    assert not organisation.subject_to_welsh_language_standards
    assert organisation.history.first().history_user == administrator
    event = timeline_for(organisation).get()
    assert event.kind == "organisation_settings_changed"
    assert event.data["after"] == {"name_en": "Example Council", "name_cy": "Cyngor Enghreifftiol"}


def test_an_empty_name_keeps_what_was_typed(client, administrator, organisation):
    client.force_login(administrator)
    url = reverse("core:organisation_settings", args=[organisation.pk])
    response = client.post(
        url,
        {
            "name_en": "",
            "name_cy": "Newydd",
            "anonymity_minimum_consultees": "5",
            "small_number_threshold": "5",
            "consultation_listening_days": "14",
        },
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert 'value="Newydd"' in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name_cy == "Cyngor Sir Enghreifftiol"


def test_the_privacy_thresholds_are_set_here_and_never_below_their_floor(
    client, administrator, organisation
):
    client.force_login(administrator)
    url = reverse("core:organisation_settings", args=[organisation.pk])
    names = {
        "name_en": organisation.name_en,
        "name_cy": organisation.name_cy,
        "consultation_listening_days": "14",
    }
    too_low = client.post(
        url, {**names, "anonymity_minimum_consultees": "2", "small_number_threshold": "1"}
    )
    html = too_low.content.decode()
    assert too_low.status_code == 200 and "govuk-error-summary" in html
    assert 'value="2"' in html and 'value="1"' in html  # what was typed is kept
    organisation.refresh_from_db()
    thresholds = ("anonymity_minimum_consultees", "small_number_threshold")
    assert [getattr(organisation, name) for name in thresholds] == [5, 5]
    saved = client.post(
        url, {**names, "anonymity_minimum_consultees": "8", "small_number_threshold": "3"}
    )
    assert saved.status_code == 302
    organisation.refresh_from_db()
    assert [getattr(organisation, name) for name in thresholds] == [8, 3]


def test_the_consultation_listening_period_is_set_here_from_1_to_90_days(
    client, administrator, organisation
):
    client.force_login(administrator)
    url = reverse("core:organisation_settings", args=[organisation.pk])
    page = client.get(url).content.decode()
    assert 'name="consultation_listening_days"' in page and 'value="14"' in page
    fields = {
        "name_en": organisation.name_en,
        "name_cy": organisation.name_cy,
        "anonymity_minimum_consultees": "5",
        "small_number_threshold": "5",
    }
    for refused in ("0", "91", "two weeks"):
        response = client.post(url, {**fields, "consultation_listening_days": refused})
        html = response.content.decode()
        assert response.status_code == 200 and 'href="#id_consultation_listening_days"' in html
        assert f'value="{refused}"' in html  # what was typed is kept
    organisation.refresh_from_db()
    assert organisation.consultation_listening_days == 14
    saved = client.post(url, {**fields, "consultation_listening_days": "21"})
    assert saved.status_code == 302
    organisation.refresh_from_db()
    assert organisation.consultation_listening_days == 21
    event = timeline_for(organisation).get()
    assert event.data["after"] == {"consultation_listening_days": 21}


# --- Scoped to one organisation ---------------------------------------------------------------


def test_another_organisations_administrator_finds_nothing_here(
    client, outsider_administrator, administrator, worker, organisation
):
    client.force_login(outsider_administrator)
    for url in (
        reverse("core:organisation_detail", args=[organisation.pk]),
        reverse("core:organisation_settings", args=[organisation.pk]),
        reverse("core:member_add", args=[organisation.pk]),
        reverse("core:member_roles", args=[organisation.pk, worker.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"email": outsider_administrator.email}).status_code == 404, url
    assert roles_of(outsider_administrator, organisation) == set()


def test_nobody_grants_themselves_a_role_in_another_organisation(
    client, outsider_administrator, organisation
):
    client.force_login(outsider_administrator)
    response = client.post(
        reverse("core:member_add", args=[organisation.pk]),
        {"email": outsider_administrator.email, "role": Role.ADMINISTRATOR},
    )
    assert response.status_code == 404
    assert roles_in(outsider_administrator, organisation) == set()
    with pytest.raises(PermissionDenied):
        member_add(
            actor=outsider_administrator,
            organisation=organisation,
            email=outsider_administrator.email,
            role=Role.ADMINISTRATOR,
        )
    assert roles_in(outsider_administrator, organisation) == set()


def test_another_organisations_member_is_a_404_on_my_organisation(
    client, administrator, organisation, other_organisation
):
    """The member's page is looked up among my organisation's members only."""
    stranger = member(Role.WORKER, other_organisation)
    client.force_login(administrator)
    url = reverse("core:member_roles", args=[organisation.pk, stranger.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"roles": [Role.ADMINISTRATOR]}).status_code == 404
    assert roles_in(stranger, organisation) == set()
    assert roles_in(stranger, other_organisation) == {Role.WORKER}


def test_the_services_refuse_anyone_but_the_organisations_administrators(
    commissioner, worker, outsider_administrator, organisation
):
    for actor in (commissioner, worker, outsider_administrator):
        with pytest.raises(PermissionDenied):
            member_roles_set(
                actor=actor, organisation=organisation, person=worker, roles=[Role.ADMINISTRATOR]
            )
        with pytest.raises(PermissionDenied):
            organisation_settings_update(actor=actor, organisation=organisation, name_en="Mine")
    assert roles_in(worker, organisation) == {Role.WORKER}


def test_the_service_refuses_a_person_from_another_organisation(
    administrator, organisation, other_organisation
):
    stranger = member(Role.WORKER, other_organisation)
    with pytest.raises(ValidationError):
        member_roles_set(
            actor=administrator, organisation=organisation, person=stranger, roles=["worker"]
        )
    assert roles_in(stranger, organisation) == set()


def test_the_settings_service_changes_only_settings(administrator, organisation):
    with pytest.raises(TypeError):
        organisation_settings_update(actor=administrator, organisation=organisation, slug="x")

"""Who answers requests: published contacts (s.17(8)-(9), s.18(3)-(4)) and the s.18(5) limbs."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.extensions import PublishedContact
from core.roles import Role
from rights_requests import competence, services
from rights_requests.models import ContactKind
from rights_requests.selectors import published_contacts_for
from tests.rights_helpers import case, contact, limbs_from

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("case_id,key", [("AGENT-01", "agent"), ("AGENT-02", "delegate")])
def test_worked_example_limbs(case_id, key):
    example = case(case_id)
    inputs = example["inputs"][key]
    failed = competence.limbs_failed(
        trained=inputs["trained"],
        designated=inputs["designated"],
        can_discuss_facts_and_reasons=inputs["can_discuss_facts_and_reasons"],
        can_alter_decision=inputs["can_alter_decision"],
    )
    assert (not failed) is example["expected"]["competent"]


def test_a_limb_without_evidence_is_not_met(administrator, organisation):
    agent = contact(administrator, organisation)
    assert competence.contact_limbs_failed(agent) == []
    agent.authority_evidence = "  "
    assert [limb.key for limb in competence.contact_limbs_failed(agent)] == ["can_alter_decision"]


@pytest.mark.parametrize(
    "field,value,error_field",
    [
        ("training_evidence", "", "training_evidence"),
        ("designation_evidence", "", "designation_evidence"),
        ("discussion_evidence", "", "discussion_evidence"),
        ("authority_evidence", "", "authority_evidence"),
        ("trained_on", datetime.date(2999, 1, 1), "trained_on"),
    ],
)
def test_a_claimed_limb_needs_its_evidence(administrator, organisation, field, value, error_field):
    with pytest.raises(ValidationError) as raised:
        contact(administrator, organisation, **{field: value})
    assert error_field in raised.value.message_dict


def test_only_an_administrator_records_contacts(organisation, user_with_role):
    for role in (Role.COMMISSIONER, Role.WORKER, Role.COMPETENT_AGENT, Role.NOMINATED_CONTACT):
        with pytest.raises(PermissionDenied):
            contact(user_with_role(role), organisation)


def test_delegate_must_be_delegated_by_an_agent_of_the_same_organisation(
    administrator, organisation, other_organisation, user_with_role
):
    other_admin = user_with_role(Role.ADMINISTRATOR, organisation=other_organisation)
    outsider = contact(other_admin, other_organisation, name="Dai Other")
    nominated = contact(administrator, organisation, ContactKind.NOMINATED_CONTACT, name="Nia N")
    for delegator in (outsider, nominated):
        with pytest.raises(ValidationError) as raised:
            contact(administrator, organisation, name="Del Egate", delegated_by=delegator)
        assert "delegated_by" in raised.value.message_dict


def test_account_must_belong_to_the_organisation(administrator, organisation, other_organisation):
    from tests.factories import UserFactory

    stranger = UserFactory.create()
    with pytest.raises(ValidationError) as raised:
        contact(administrator, organisation, user=stranger)
    assert "user" in raised.value.message_dict


def test_published_contacts_list_nominated_and_agents(
    administrator, organisation, django_assert_num_queries
):
    contact(administrator, organisation, ContactKind.NOMINATED_CONTACT, name="Nia Nominated")
    contact(administrator, organisation, name="Aled Agent")
    delegate_of = contact(administrator, organisation, name="Bethan Agent")
    contact(administrator, organisation, name="Del Egate", delegated_by=delegate_of)
    contact(administrator, organisation, ContactKind.MOST_SENIOR_PERSON, name="Sian Senior")
    contact(administrator, organisation, name="Gone Agent", ended_on=datetime.date(2000, 1, 1))
    with django_assert_num_queries(1):
        published = published_contacts_for([organisation.pk, 999999])
    assert published[999999] == []
    assert [(c.role, c.name, c.is_default_most_senior) for c in published[organisation.pk]] == [
        ("nominated_contact", "Nia Nominated", False),
        ("competent_agent", "Aled Agent", False),
        ("competent_agent", "Bethan Agent", False),
    ]
    first = published[organisation.pk][0]
    assert first == PublishedContact(
        role="nominated_contact",
        name="Nia Nominated",
        job_title="Head of People",
        address="County Hall, Cardiff CF10 1AA",
        email="nia@example.org",
        phone="029 2000 0000",
        is_default_most_senior=False,
    )


def test_most_senior_person_stands_in_where_nobody_is_nominated(
    administrator, organisation, other_organisation, user_with_role, django_assert_num_queries
):
    contact(administrator, organisation, ContactKind.MOST_SENIOR_PERSON, name="Sian Senior")
    other_admin = user_with_role(Role.ADMINISTRATOR, organisation=other_organisation)
    contact(other_admin, other_organisation, ContactKind.NOMINATED_CONTACT, name="Owain N")
    contact(other_admin, other_organisation, ContactKind.MOST_SENIOR_PERSON, name="Mair Senior")
    with django_assert_num_queries(1):
        published = published_contacts_for([organisation.pk, other_organisation.pk])
    assert [(c.role, c.name, c.is_default_most_senior) for c in published[organisation.pk]] == [
        ("nominated_contact", "Sian Senior", True),
        ("competent_agent", "Sian Senior", True),
    ]
    assert [
        (c.role, c.name, c.is_default_most_senior) for c in published[other_organisation.pk]
    ] == [("nominated_contact", "Owain N", False), ("competent_agent", "Mair Senior", True)]


def test_published_contacts_query_count_does_not_grow(
    administrator, organisation, user_with_role, django_assert_num_queries
):
    from tests.factories import OrganisationFactory

    organisations = [OrganisationFactory.create() for _ in range(5)]
    for org in organisations:
        admin = user_with_role(Role.ADMINISTRATOR, organisation=org)
        contact(admin, org, ContactKind.NOMINATED_CONTACT, name="Nia N")
        contact(admin, org, name="Aled A")
    with django_assert_num_queries(1):
        published = published_contacts_for(org.pk for org in organisations)
    assert all(len(published[org.pk]) == 2 for org in organisations)


def test_published_contacts_for_nothing_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert published_contacts_for([]) == {}


def test_update_records_the_change(administrator, organisation):
    agent = contact(administrator, organisation)
    services.rights_contact_update(actor=administrator, contact=agent, phone="01234 567890")
    agent.refresh_from_db()
    assert agent.phone == "01234 567890"
    assert agent.history.count() == 2


@pytest.mark.parametrize("limbs", [limbs_from(case("AGENT-03")["inputs"]["most_senior_person"])])
def test_agent_03_inputs_fail_training(administrator, organisation, limbs):
    senior = contact(administrator, organisation, ContactKind.MOST_SENIOR_PERSON, **limbs)
    assert [limb.key for limb in competence.contact_limbs_failed(senior)] == ["trained"]

import itertools

import pytest

from core.models import Membership, Organisation, User
from core.roles import Role

_sequence = itertools.count(1)


@pytest.fixture
def organisation(db) -> Organisation:
    return Organisation.objects.create(
        name_en="Example County Council", name_cy="Cyngor Sir Enghreifftiol", slug="example"
    )


@pytest.fixture
def other_organisation(db) -> Organisation:
    return Organisation.objects.create(
        name_en="Neighbouring Health Board", name_cy="Bwrdd Iechyd Cyfagos", slug="neighbour"
    )


@pytest.fixture
def user_with_role(organisation):
    def make(role: str, organisation: Organisation = organisation, **fields) -> User:
        number = next(_sequence)
        user = User.objects.create_user(
            username=fields.pop("username", f"{role}-{number}"),
            password="test-password",
            first_name=fields.pop("first_name", role.replace("_", " ").title()),
            last_name=fields.pop("last_name", str(number)),
            email=fields.pop("email", f"{role}-{number}@example.org"),
            **fields,
        )
        Membership.objects.create(user=user, organisation=organisation, role=role)
        return user

    return make


@pytest.fixture
def commissioner(user_with_role) -> User:
    return user_with_role(Role.COMMISSIONER)


@pytest.fixture
def procurement_officer(user_with_role) -> User:
    return user_with_role(Role.PROCUREMENT_OFFICER)


@pytest.fixture
def union_rep(user_with_role) -> User:
    return user_with_role(Role.UNION_REPRESENTATIVE)


@pytest.fixture
def worker(user_with_role) -> User:
    return user_with_role(Role.WORKER)


@pytest.fixture
def nominated_contact(user_with_role) -> User:
    return user_with_role(Role.NOMINATED_CONTACT)


@pytest.fixture
def competent_agent(user_with_role) -> User:
    return user_with_role(Role.COMPETENT_AGENT)


@pytest.fixture
def oversight_member(user_with_role) -> User:
    return user_with_role(Role.OVERSIGHT_MEMBER)


@pytest.fixture
def administrator(user_with_role) -> User:
    return user_with_role(Role.ADMINISTRATOR)

import importlib
import os

import pytest
from hypothesis import settings

from core.models import Organisation, User
from core.roles import Role
from tests.factories import example_organisation, member, neighbouring_organisation

# CI explores the same examples every run, so a red build is always reproducible locally with
# HYPOTHESIS_PROFILE=ci; developers' runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)


@pytest.fixture
def organisation(db) -> Organisation:
    return example_organisation()


@pytest.fixture
def other_organisation(db) -> Organisation:
    return neighbouring_organisation()


@pytest.fixture
def user_with_role(organisation):
    """`user_with_role(role, organisation=None, **user_fields)`: a member of `organisation`
    (the fixture's, unless another is given) holding `role`."""
    default = organisation

    def make(role: str, organisation: Organisation | None = None, **fields) -> User:
        return member(role, organisation or default, **fields)

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


@pytest.fixture
def data_the_migrations_load(transactional_db):
    """A transactional test ends by flushing every table, the toolkit's prompts and the decision
    categories the data migrations loaded included: load them again before each test."""
    from django.apps import apps

    for module in (
        "procurement.migrations.0002_load_toolkit_content",
        "registers.migrations.0002_load_decision_categories",
    ):
        importlib.import_module(module).load(apps, None)

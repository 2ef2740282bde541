import importlib
import os
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from hypothesis import settings
from pytest_django.plugin import blocking_manager_key

from core.models import Organisation, User
from core.roles import Role
from tests.factories import (
    example_organisation,
    member,
    neighbouring_organisation,
    second_factor_verified,
)

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
def user_with_role(organisation: Organisation) -> Callable[..., User]:
    """`user_with_role(role, organisation=None, **user_fields)`: a member of `organisation`
    (the fixture's, unless another is given) holding `role`."""
    default = organisation

    def make(role: str, organisation: Organisation | None = None, **fields: object) -> User:
        return member(role, organisation or default, **fields)

    return make


@pytest.fixture
def commissioner(user_with_role: Callable[..., User]) -> User:
    return user_with_role(Role.COMMISSIONER)


@pytest.fixture
def procurement_officer(user_with_role: Callable[..., User]) -> User:
    return user_with_role(Role.PROCUREMENT_OFFICER)


@pytest.fixture
def union_rep(user_with_role: Callable[..., User]) -> User:
    return user_with_role(Role.UNION_REPRESENTATIVE)


@pytest.fixture
def worker(user_with_role: Callable[..., User]) -> User:
    return user_with_role(Role.WORKER)


@pytest.fixture
def nominated_contact(user_with_role: Callable[..., User]) -> User:
    return user_with_role(Role.NOMINATED_CONTACT)


@pytest.fixture
def competent_agent(user_with_role: Callable[..., User]) -> User:
    return user_with_role(Role.COMPETENT_AGENT)


@pytest.fixture
def oversight_member(user_with_role: Callable[..., User]) -> User:
    return user_with_role(Role.OVERSIGHT_MEMBER)


@pytest.fixture
def administrator(user_with_role: Callable[..., User]) -> User:
    return user_with_role(Role.ADMINISTRATOR)


MIGRATION_DATA = (
    "procurement.migrations.0002_load_toolkit_content",
    "registers.migrations.0002_load_decision_categories",
)


def load_data_the_migrations_load() -> None:
    """The toolkit's prompts and the decision categories, as the data migrations load them
    (idempotent: they update or create)."""
    from django.apps import apps

    for module in MIGRATION_DATA:
        importlib.import_module(module).load(apps, None)


def flushes_the_database(item: pytest.Item) -> bool:
    """A transactional test ends by flushing every table (Django's TransactionTestCase)."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(
        fixtures & {"transactional_db", "live_server"}
        or (marker is not None and marker.kwargs.get("transaction"))
    )


@pytest.hookimpl(hookwrapper=True, trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a transactional test has flushed the tables, the data migrations' rows are loaded
    again, so the tests after it find them. A single process runs transactional tests last
    (pytest-django orders them so); a worker of `pytest -n` runs whichever file it is sent next.
    Not after the last test: the test database is gone by then."""
    yield
    if nextitem is not None and flushes_the_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            load_data_the_migrations_load()


@pytest.fixture(autouse=True)
def each_test_begins_in_english() -> Iterator[None]:
    """The test client's LocaleMiddleware leaves the language of its last request active in the
    thread: a test that asked for a Welsh page would otherwise hand Welsh to whichever test its
    worker runs next."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def each_test_begins_with_no_rate_counts() -> None:
    """The rate limits count in the cache (each process's memory in tests): a test's requests
    would otherwise count against whichever test its worker runs next."""
    cache.clear()


@pytest.fixture
def data_the_migrations_load(transactional_db):
    """A transactional test ends by flushing every table, the toolkit's prompts and the decision
    categories the data migrations loaded included: load them again before each test."""
    load_data_the_migrations_load()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under `pytest -n --dist loadgroup`, each module's tests stay together on one worker (so a
    world built once per module is built once), except the browser tests: each is long (one
    visits every page in two languages at two widths), so they are spread one by one."""
    for item in items:
        if (
            item.get_closest_marker("browser") is None
            and item.get_closest_marker("xdist_group") is None
        ):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))


VERIFY_ON_FORCE_LOGIN = {"on": True}


@pytest.fixture(autouse=True, scope="session")
def force_login_verifies_a_second_factor() -> Iterator[None]:
    """`client.force_login(person)` stands for a whole sign-in: for a person who must use a
    second factor, that includes the code. They get an authenticator app and the client's
    session is marked verified as `django_otp.login` marks it. For the whole session, so the
    worlds that module fixtures build sign in the same way; a test of the second factor itself
    opts out with `@pytest.mark.second_factor_unverified`."""
    force_login = Client.force_login

    def force_login_and_verify(self: Client, user: User, backend: str | None = None) -> None:
        force_login(self, user, backend)
        if VERIFY_ON_FORCE_LOGIN["on"]:
            second_factor_verified(self, user)

    patch = pytest.MonkeyPatch()
    patch.setattr(Client, "force_login", force_login_and_verify)
    yield
    patch.undo()


@pytest.fixture(autouse=True)
def second_factor_unverified(request: pytest.FixtureRequest) -> Iterator[None]:
    marked = request.node.get_closest_marker("second_factor_unverified")
    VERIFY_ON_FORCE_LOGIN["on"] = marked is None
    yield
    VERIFY_ON_FORCE_LOGIN["on"] = True

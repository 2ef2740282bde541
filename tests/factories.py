"""factory_boy factories for the models tests build directly.

They write rows as they are, without the services: use them for the people and organisations a
test starts from. Cases, ledgers and gates are built through the services by
tests/procurement_helpers.py, so a test's case has really met its gates.
"""

import factory
from factory.django import DjangoModelFactory

from core.i18n import Language
from core.models import Membership, Organisation, User
from core.roles import Role

TEST_PASSWORD = "test-password"


def _set_password(user: User, create: bool, extracted: str | None, **kwargs: object) -> None:
    user.set_password(extracted or TEST_PASSWORD)
    if create:
        user.save(update_fields=["password"])


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Test County Council {n}")
    name_cy = factory.Sequence(lambda n: f"Cyngor Sir Prawf {n}")
    slug = factory.Sequence(lambda n: f"test-council-{n}")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    first_name = factory.Sequence(lambda n: f"Test{n}")
    last_name = "Person"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    preferred_language = Language.ENGLISH

    password = factory.PostGeneration(_set_password)


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.WORKER


def example_organisation() -> Organisation:
    return OrganisationFactory.create(
        name_en="Example County Council", name_cy="Cyngor Sir Enghreifftiol", slug="example"
    )


def neighbouring_organisation() -> Organisation:
    return OrganisationFactory.create(
        name_en="Neighbouring Health Board", name_cy="Bwrdd Iechyd Cyfagos", slug="neighbour"
    )


def member(role: str, organisation: Organisation, **fields: object) -> User:
    """A new person who is a member of `organisation` holding `role`."""
    user = UserFactory.create(**fields)
    MembershipFactory.create(user=user, organisation=organisation, role=role)
    return user

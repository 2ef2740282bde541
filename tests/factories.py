"""factory_boy factories for the models tests build directly.

They write rows as they are, without the services: use them for the people and organisations a
test starts from. Cases, ledgers and gates are built through the services by
tests/procurement_helpers.py, so a test's case has really met its gates.
"""

import time

import factory
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

from core.i18n import Language
from core.models import Membership, Organisation, User
from core.roles import SECOND_FACTOR_ROLES, Role

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


def must_use_second_factor(user: User) -> bool:
    """core.permissions.must_use_second_factor, asked of the database afresh (the permission
    caches the person's roles on the object, which a test may change later)."""
    return (
        user.is_superuser
        or Membership.objects.filter(user=user, role__in=SECOND_FACTOR_ROLES).exists()
    )


def authenticator_for(user: User) -> TOTPDevice:
    """The person's authenticator app: the one they set up, or a new confirmed one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test authenticator")


def current_code(device: TOTPDevice) -> str:
    """The code the person's app shows now, as a real authenticator computes it; one step on if
    this step's code was used already (django-otp accepts one step either side, never twice)."""
    device.refresh_from_db()
    clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if clock.t() <= device.last_t:
        clock.time = time.time() + device.step * (device.last_t + 1 - clock.t())
    return f"{clock.token():0{device.digits}d}"


def second_factor_verified(client: Client, user: User) -> None:
    """For a person who must use a second factor (or has one): their session is verified, as
    django_otp.login marks it after a right code."""
    has_one = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    if not (has_one or must_use_second_factor(user)):
        return
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()

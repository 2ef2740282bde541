"""The demo council and its people: a person in every role (loaded by `manage.py load_demo`).

Every name here is illustrative: nothing in it describes a real body or person.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from core.accounts.services import authenticator_confirm, authenticator_start
from core.models import Membership, Organisation, User
from core.roles import SECOND_FACTOR_ROLES, Role

DEMO_SLUG = "cyngor-enghreifftiol"
DEFAULT_PASSWORD = "llais-demo-2026"


@dataclass(frozen=True)
class Person:
    username: str
    role: Role
    first_name: str
    last_name: str
    job_title: str
    language: str = "en"

    @property
    def email(self) -> str:
        name = unicodedata.normalize("NFKD", f"{self.first_name}.{self.last_name}".lower())
        return name.encode("ascii", "ignore").decode() + "@example.org"


PEOPLE = [
    Person(
        "commissioner",
        Role.COMMISSIONER,
        "Siân",
        "Evans",
        "Head of Commissioning, Adult Social Care",
    ),
    Person(
        "procurement_officer",
        Role.PROCUREMENT_OFFICER,
        "Rhys",
        "Morgan",
        "Senior Category Manager, Corporate Procurement",
    ),
    Person(
        "union_rep",
        Role.UNION_REPRESENTATIVE,
        "Gwenllian",
        "Pritchard",
        "UNISON branch secretary",
        "cy",
    ),
    Person("worker", Role.WORKER, "Dylan", "Hughes", "Home-care worker, North locality", "cy"),
    Person(
        "nominated_contact",
        Role.NOMINATED_CONTACT,
        "Eleri",
        "Roberts",
        "Information Governance Manager",
    ),
    Person("competent_agent", Role.COMPETENT_AGENT, "Owain", "Price", "Head of HR Operations"),
    Person(
        "oversight",
        Role.OVERSIGHT_MEMBER,
        "Bethan",
        "Llywelyn",
        "Chair, Digital and AI Oversight Board",
    ),
    Person("admin", Role.ADMINISTRATOR, "Gareth", "Thomas", "Digital Services Administrator"),
]


# The one platform operator: runs the service, may enter the Django admin (which only reads the
# organisations' records), and is a member of no organisation. The council's administrator is an
# ordinary member with the administrator role, who works in Llais's own administration pages.
OPERATOR_USERNAME = "operator"


def person_create(person: Person, organisation: Organisation, password: str) -> User:
    """The person's user, an ordinary member of `organisation` in their role (nobody in the
    council is Django staff or a superuser)."""
    user = User.objects.create_user(
        username=person.username,
        password=password,
        first_name=person.first_name,
        last_name=person.last_name,
        email=person.email,
        preferred_language=person.language,
    )
    Membership.objects.create(
        user=user, organisation=organisation, role=person.role, job_title=person.job_title
    )
    if person.role in SECOND_FACTOR_ROLES:
        # They must use a second factor: an authenticator app whose key load_demo prints (any
        # app takes it), and recovery codes, also printed, each good for one sign-in.
        authenticator_confirm(user=user, device=authenticator_start(user=user))
    return user


def operator_create(password: str) -> User:
    """The platform operator: a superuser who belongs to no organisation (and, as a superuser,
    must use a second factor: an authenticator app and recovery codes that load_demo prints)."""
    user = User.objects.create_superuser(
        username=OPERATOR_USERNAME,
        password=password,
        email="platform.operator@example.org",
        first_name="Platform",
        last_name="Operator",
    )
    authenticator_confirm(user=user, device=authenticator_start(user=user))
    return user

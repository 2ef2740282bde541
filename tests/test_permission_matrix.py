"""Every URL name x every role (and anonymous): allowed or denied as designed.

Another organisation's objects are a 404 for everyone outside it. A new URL without a row here
fails `test_every_url_name_is_in_the_matrix`.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from core.roles import Role
from procurement import services
from procurement.models import EngagementApproach
from procurement.stages import Stage
from registers import services as register_services
from tests.procurement_helpers import new_case, today
from tests.register_helpers import published_entry, register_system

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "commissioner",
    "procurement_officer",
    "union_rep",
    "union_rep_unassigned",
    "worker",
    "nominated_contact",
    "competent_agent",
    "oversight_member",
    "administrator",
    "outsider",  # a commissioner of another organisation
]

STAFF = {"commissioner", "procurement_officer", "oversight_member", "administrator"}
EDITORS = {"commissioner", "procurement_officer", "administrator"}
OWNERS = {"commissioner", "administrator"}
CASE_VIEWERS = STAFF | {"union_rep"}
MEMBERS = set(ROLES) - {"anonymous"}


def case_access(allowed: set[str], viewers: set[str] = CASE_VIEWERS, ok: int = 200) -> dict:
    """Allowed roles get `ok`; those who can see the case but not act get 403; the rest 404."""
    return {
        role: 302
        if role == "anonymous"
        else ok
        if role in allowed
        else 403
        if role in viewers
        else 404
        for role in ROLES
    }


def everyone(ok: int, anonymous: int = 302) -> dict:
    return {role: anonymous if role == "anonymous" else ok for role in ROLES}


# (url name, how to build its kwargs, method, expected status per role)
MATRIX = {
    "core:home": ("GET", {**everyone(302), "anonymous": 200}),
    "core:dashboard": ("GET", everyone(200)),
    "login": ("GET", {**everyone(302), "anonymous": 200}),
    "logout": ("POST", everyone(302)),
    "set_language": ("POST", {**everyone(302), "anonymous": 302}),
    "admin:index": ("GET", {**everyone(302), "administrator": 200}),
    "procurement:case_list": (
        "GET",
        {
            role: 302
            if role == "anonymous"
            else 200
            if role in CASE_VIEWERS | {"union_rep_unassigned", "outsider"}
            else 403
            for role in ROLES
        },
    ),
    "procurement:case_create": (
        "GET",
        {
            role: 302 if role == "anonymous" else 200 if role in OWNERS | {"outsider"} else 403
            for role in ROLES
        },
    ),
    "procurement:case_detail": ("GET", case_access(CASE_VIEWERS)),
    "procurement:case_edit": ("GET", case_access(EDITORS)),
    "procurement:union_representatives": ("GET", case_access(OWNERS)),
    "procurement:union_representative_remove": ("POST", case_access(OWNERS, ok=302)),
    "procurement:activity_create": ("GET", case_access(EDITORS)),
    "procurement:activity_detail": ("GET", case_access(CASE_VIEWERS)),
    "procurement:attachment_download": ("GET", case_access(CASE_VIEWERS)),
    "procurement:prompt_respond": ("GET", case_access(EDITORS)),
    "procurement:carry_forward_edit": ("GET", case_access(EDITORS)),
    "procurement:gate_decide": ("GET", case_access({"union_rep"})),
    "procurement:case_advance": ("GET", case_access(OWNERS)),
    "procurement:case_cancel": ("GET", case_access(OWNERS)),
    "procurement:case_systems": ("GET", case_access(EDITORS)),
    "procurement:case_system_create": ("GET", case_access(EDITORS)),
    "registers:system_list": ("GET", everyone(200)),
    "registers:system_create": (
        "GET",
        {
            role: 302 if role == "anonymous" else 200 if role in EDITORS | {"outsider"} else 403
            for role in ROLES
        },
    ),
    # A planned system not yet in use: staff see it; other members do not (not yet public).
    "registers:system_detail": (
        "GET",
        {role: 302 if role == "anonymous" else 200 if role in STAFF else 404 for role in ROLES},
    ),
    "registers:system_edit": (
        "GET",
        {
            role: 302
            if role == "anonymous"
            else 200
            if role in EDITORS
            else 403
            if role in STAFF
            else 404
            for role in ROLES
        },
    ),
    # The register entry of a system in high-risk use: staff see the working copy; members who
    # see the system are refused it; editors edit; the commissioner and administrators publish.
    "registers:entry_list": (
        "GET",
        {
            role: 302 if role == "anonymous" else 200 if role in STAFF | {"outsider"} else 403
            for role in ROLES
        },
    ),
    "registers:entry_detail": ("GET", case_access(STAFF, viewers=MEMBERS - {"outsider"})),
    "registers:entry_edit": ("GET", case_access(EDITORS, viewers=MEMBERS - {"outsider"})),
    "registers:entry_publish": ("GET", case_access(OWNERS, viewers=MEMBERS - {"outsider"})),
    "registers:entry_retire": ("GET", case_access(OWNERS, viewers=MEMBERS - {"outsider"})),
    # The public register and its open data: no sign-in, the same for everyone.
    **{
        name: ("GET", everyone(200, anonymous=200))
        for name in (
            "register:list",
            "register:entry",
            "register:version",
            "register:open_data",
            "register:csv",
            "register:json",
            "register:atrs",
            "register:schema",
            "register:feed",
            "register-api:entry-list",
            "register-api:entry-detail",
            "register-api:version-detail",
            "register-api:schema",
        )
    },
}


@pytest.fixture
def world(organisation, other_organisation, user_with_role, commissioner):
    people = {
        "commissioner": commissioner,
        "procurement_officer": user_with_role(Role.PROCUREMENT_OFFICER),
        "union_rep": user_with_role(Role.UNION_REPRESENTATIVE),
        "union_rep_unassigned": user_with_role(Role.UNION_REPRESENTATIVE),
        "worker": user_with_role(Role.WORKER),
        "nominated_contact": user_with_role(Role.NOMINATED_CONTACT),
        "competent_agent": user_with_role(Role.COMPETENT_AGENT),
        "oversight_member": user_with_role(Role.OVERSIGHT_MEMBER),
        "administrator": user_with_role(Role.ADMINISTRATOR),
        "outsider": user_with_role(Role.COMMISSIONER, organisation=other_organisation),
    }
    people["administrator"].is_staff = True
    people["administrator"].is_superuser = True
    people["administrator"].save()
    case = new_case(commissioner, organisation, people["union_rep"])
    # A second representative, so removing one is a real action.
    extra_rep = user_with_role(Role.UNION_REPRESENTATIVE)
    services.case_assign_union_representative(
        actor=commissioner, case=case, representative=extra_rep
    )
    activity = services.engagement_record(
        actor=commissioner,
        case=case,
        approach=EngagementApproach.objects.get(key="worker-survey"),
        held_on=today(),
        worker_groups="Care workers",
        worker_count=30,
        issues_raised="Travel time.",
        attachments=[(SimpleUploadedFile("survey.txt", b"results"), "Survey results")],
    )
    system = register_services.ai_system_create(
        actor=commissioner, organisation=organisation, name="RotaWise"
    )
    high_risk = register_system(commissioner, organisation, first_use=today(), name="ScreenSure")
    entry, _version = published_entry(commissioner, high_risk)
    kwargs = {
        "procurement:case_detail": {"pk": case.pk},
        "procurement:case_edit": {"pk": case.pk},
        "procurement:union_representatives": {"pk": case.pk},
        "procurement:union_representative_remove": {"pk": case.pk, "user_pk": extra_rep.pk},
        "procurement:activity_create": {"pk": case.pk},
        "procurement:activity_detail": {"pk": case.pk, "activity_pk": activity.pk},
        "procurement:attachment_download": {
            "pk": case.pk,
            "activity_pk": activity.pk,
            "attachment_pk": activity.attachments.get().pk,
        },
        "procurement:prompt_respond": {"pk": case.pk, "key": "priority-challenges"},
        "procurement:carry_forward_edit": {"pk": case.pk, "stage": Stage.TENDER_AWARD},
        "procurement:gate_decide": {"pk": case.pk},
        "procurement:case_advance": {"pk": case.pk},
        "procurement:case_cancel": {"pk": case.pk},
        "procurement:case_systems": {"pk": case.pk},
        "procurement:case_system_create": {"pk": case.pk},
        "registers:system_detail": {"pk": system.pk},
        "registers:system_edit": {"pk": system.pk},
        **{
            name: {"pk": high_risk.pk}
            for name in (
                "registers:entry_detail",
                "registers:entry_edit",
                "registers:entry_publish",
                "registers:entry_retire",
            )
        },
        "register:entry": {"pk": entry.pk},
        "register:version": {"pk": entry.pk, "number": 1},
        "register:schema": {"name": "register.schema.json"},
        "register-api:entry-detail": {"pk": entry.pk},
        "register-api:version-detail": {"pk": entry.pk, "number": 1},
    }
    return people, kwargs


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_permission_matrix(client, world, url_name, role):
    people, kwargs = world
    method, expected = MATRIX[url_name]
    if role != "anonymous":
        client.force_login(people[role])
    url = reverse(url_name, kwargs=kwargs.get(url_name, {}))
    data = {"language": "cy", "next": "/"} if url_name == "set_language" else {}
    response = client.post(url, data) if method == "POST" else client.get(url)
    assert response.status_code == expected[role], (url_name, role)
    if (
        response.status_code == 302
        and role == "anonymous"
        and url_name not in {"core:home", "set_language", "logout"}
    ):
        assert (
            response["Location"].startswith(reverse("login"))
            or "/admin/login/" in response["Location"]
        )


def test_every_url_name_is_in_the_matrix():
    names = set()
    for namespace in ("core", "procurement", "registers", "register", "register-api"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    names |= {"login", "logout", "set_language"}
    assert names - set(MATRIX) == set()


NONSENSE = {
    "title": "x" * 5000,
    "summary": "\x00",
    "organisation": "999999",
    "risk_level": "extreme",
    "approach": "not-a-number",
    "held_on_day": "99",
    "held_on_month": "abc",
    "held_on_year": "-1",
    "worker_count": "-5",
    "union_involved": "maybe",
    "kind": "override",
    "representative": "0",
    "system": "' OR 1=1 --",
    "attachment": "not a file",
    "planned_start_day": "31",
    "planned_start_month": "2",
    "planned_start_year": "2026",
    "decision_categories": ["999"],
    "language": "xx",
    "name_cy": "x" * 5000,
    "description_en": "\x00",
    "purpose_en": "",
    "change_date_day": "31",
    "change_date_month": "2",
    "change_date_year": "2026",
    "change_note_en": "x" * 100000,
    "q": "' OR 1=1 --",
    "status": "nonsense",
    "page": "-1",
}


@pytest.mark.parametrize("role", ["commissioner", "union_rep", "administrator"])
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_no_page_answers_500_to_nonsense(client, world, url_name, role):
    people, kwargs = world
    client.force_login(people[role])
    response = client.post(reverse(url_name, kwargs=kwargs.get(url_name, {})), NONSENSE)
    assert response.status_code < 500

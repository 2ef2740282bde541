"""axe-core and the reflow check on every page a person can reach, in English and in Welsh, on a
desktop and on a 320px phone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.roles import Role
from procurement import services
from procurement.models import EngagementApproach
from procurement.stages import Stage
from registers import services as register_services
from tests.procurement_helpers import meet_gate, new_case, today
from tests.rights_helpers import rights_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def pages(user_with_role, organisation):
    commissioner = user_with_role(Role.COMMISSIONER, username="ceri")
    rep = user_with_role(Role.UNION_REPRESENTATIVE, username="dafydd")
    user_with_role(Role.OVERSIGHT_MEMBER, username="bethan")
    worker = user_with_role(Role.WORKER, username="dylan")
    case = new_case(commissioner, organisation, rep)
    meet_gate(case, commissioner, rep, skip={"sign_off"})
    activity = services.engagement_record(
        actor=commissioner,
        case=case,
        approach=EngagementApproach.objects.get(key="futures-forum"),
        held_on=today(),
        worker_groups="Reablement team",
        worker_count=9,
        issues_raised="Who checks the rota when the system is wrong?",
        attachments=[(SimpleUploadedFile("notes.txt", b"Forum notes"), "Forum notes")],
    )
    system = register_services.ai_system_create(
        actor=commissioner,
        organisation=organisation,
        name="RotaWise",
        used_in_high_risk_decision_making=True,
        first_use=today(),
    )
    services.case_link_ai_system(actor=commissioner, case=case, system=system)
    commissioner_pages = [
        reverse("core:dashboard"),
        reverse("procurement:case_list"),
        reverse("procurement:case_create"),
        reverse("procurement:case_detail", args=[case.pk]),
        reverse("procurement:case_edit", args=[case.pk]),
        reverse("procurement:union_representatives", args=[case.pk]),
        reverse("procurement:activity_create", args=[case.pk]),
        reverse("procurement:activity_detail", args=[case.pk, activity.pk]),
        reverse("procurement:prompt_respond", args=[case.pk, "specific-risks"]),
        reverse("procurement:carry_forward_edit", args=[case.pk, Stage.TENDER_AWARD]),
        reverse("procurement:case_advance", args=[case.pk]),
        reverse("procurement:case_cancel", args=[case.pk]),
        reverse("procurement:case_systems", args=[case.pk]),
        reverse("procurement:case_system_create", args=[case.pk]),
        reverse("registers:system_list"),
        reverse("registers:system_create"),
        reverse("registers:system_detail", args=[system.pk]),
        reverse("registers:system_edit", args=[system.pk]),
        "/a-page-that-does-not-exist/",
    ]
    pages = {
        "ceri": commissioner_pages,
        "dafydd": [
            reverse("core:dashboard"),
            reverse("procurement:gate_decide", args=[case.pk]),
            reverse("procurement:case_edit", args=[case.pk]),  # 403 page
        ],
        "bethan": [reverse("core:dashboard"), f"{reverse('procurement:case_list')}?stage=planning"],
        "dylan": [reverse("core:dashboard"), reverse("registers:system_detail", args=[system.pk])],
    }
    for username, paths in rights_pages(user_with_role, organisation, worker, rep, system).items():
        pages.setdefault(username, []).extend(paths)
    return pages


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize(
    "viewport", [{"width": 1100, "height": 900}, {"width": 320, "height": 640}]
)
def test_every_page_passes_axe_and_reflows(visit, pages, language, viewport):
    anonymous = visit(viewport=viewport)
    anonymous.goto("/")
    anonymous.goto("/sign-in/")
    for username, paths in pages.items():
        person = visit(viewport=viewport)
        person.sign_in(username)
        if language == "cy":
            person.page.get_by_role("button", name="Cymraeg").click()
            person.check()
        for path in paths:
            person.goto(path)
        assert len(person.checked) >= len(paths)

"""axe-core and the reflow check on every page a person can reach, in English and in Welsh, on a
desktop and on a 320px phone."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.roles import Role
from core.services import sweep_names, sweep_run
from procurement import services
from procurement.models import EngagementApproach
from procurement.stages import Stage
from tests.browser.pages_event_notifications import event_notification_pages
from tests.browser.pages_failures import failure_pages
from tests.browser.pages_ledger import ledger_pages
from tests.browser.pages_oversight import oversight_pages
from tests.browser.pages_packs import add_pack_pages
from tests.browser.pages_tender import contract_pages, tender_pages
from tests.browser.pages_true_dates import true_dates_pages
from tests.procurement_helpers import meet_gate, new_case, today
from tests.register_helpers import published_entry, register_system
from tests.rights_helpers import rights_pages
from tests.system_helpers import system_in_high_risk_use
from tests.waira_helpers import answer_everything, assessable_system, discuss_and_conclude, share
from waira import services as waira_services

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
    system = system_in_high_risk_use(commissioner, organisation, first_use=today())
    services.case_link_ai_system(actor=commissioner, case=case, system=system)
    shared, concluded = (
        waira_services.waira_create(
            actor=commissioner, system=assessable_system(commissioner, organisation, name=name)
        )
        for name in ("ShiftSense", "CareMatch")
    )
    for waira in (shared, concluded):
        services.case_link_ai_system(actor=commissioner, case=case, system=waira.system)
        answer_everything(commissioner, waira)
        share(commissioner, waira, [worker])
    concern = waira_services.concern_raise(
        actor=worker, waira=shared, text="Who checks the night rota?", anonymous=False
    )
    discuss_and_conclude(commissioner, concluded)
    further = waira_services.waira_create(actor=commissioner, system=system)
    unassessed = assessable_system(commissioner, organisation, name="CVScreen")
    # In use for 340 days: its WAIRA, completed two months before, is past its 12 months.
    public_system = register_system(
        commissioner,
        organisation,
        first_use=today() - datetime.timedelta(days=340),
        name="HireWise",
    )
    entry, _version = published_entry(commissioner, public_system)
    user_with_role(Role.ADMINISTRATOR, username="anwen", is_staff=True)
    for sweep in sweep_names():  # HireWise's WAIRA is overdue: notifications to read
        sweep_run(sweep)
    commissioner_pages = [
        reverse("core:dashboard"),
        reverse("core:notification_list"),
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
        reverse("waira:waira_list"),
        reverse("waira:waira_create", args=[unassessed.pk]),
        reverse("waira:high_risk_start", args=[unassessed.pk]),
        reverse("waira:waira_detail", args=[shared.pk]),
        reverse("waira:waira_detail", args=[further.pk]),  # with the difference
        reverse("waira:waira_edit", args=[shared.pk]),
        reverse("waira:waira_edit", args=[further.pk]),  # with the s.14(5) questions
        reverse("waira:waira_share", args=[shared.pk]),
        reverse("waira:concern_respond", args=[shared.pk, concern.pk]),
        reverse("waira:adverse_aspect_create", args=[shared.pk]),
        reverse("waira:waira_conclude", args=[shared.pk]),
        reverse("waira:waira_comment", args=[shared.pk]),
        reverse("waira:waira_reopen", args=[concluded.pk]),
        reverse("waira:waira_complete", args=[concluded.pk]),
        reverse("registers:entry_list"),
        reverse("registers:entry_detail", args=[system.pk]),
        reverse("registers:entry_edit", args=[system.pk]),
        reverse("registers:entry_publish", args=[system.pk]),
        reverse("registers:entry_detail", args=[public_system.pk]),
        reverse("registers:entry_publish", args=[public_system.pk]),
        "/a-page-that-does-not-exist/",
    ]
    pages = {
        "": [
            reverse("register:list"),
            reverse("register:list") + "?q=nothing-matches",
            reverse("register:entry", args=[entry.pk]),
            reverse("register:version", args=[entry.pk, 1]),
            reverse("register:open_data"),
        ],
        "ceri": commissioner_pages,
        "anwen": [reverse("core:sweep_runs")],
        "dafydd": [
            reverse("core:dashboard"),
            reverse("core:notification_list"),
            reverse("waira:waira_detail", args=[shared.pk]),
            reverse("waira:union_position", args=[shared.pk]),
            reverse("procurement:gate_decide", args=[case.pk]),
            reverse("procurement:case_edit", args=[case.pk]),  # 403 page
        ],
        "bethan": [
            reverse("core:dashboard"),
            f"{reverse('procurement:case_list')}?stage=planning",
            reverse("core:account"),
            reverse("core:recovery_codes"),
            reverse("core:two_factor_verify"),
        ],
        "dylan": [
            reverse("core:dashboard"),
            reverse("registers:system_list"),  # the public register's entries, not the records
            reverse("waira:consultation_list"),
            reverse("waira:consultation_detail", args=[shared.pk]),
            reverse("waira:consultation_detail", args=[concluded.pk]),  # closed
            reverse("core:your_information"),
            reverse("core:account"),
            reverse("core:password_change"),
            reverse("core:two_factor_setup"),
        ],
    }
    for username, paths in rights_pages(user_with_role, organisation, worker, rep, system).items():
        pages.setdefault(username, []).extend(paths)
    pages["anwen"] += [  # the organisation's administrator at work
        reverse("core:administration"),
        reverse("core:organisation_detail", args=[organisation.pk]),
        reverse("core:organisation_settings", args=[organisation.pk]),
        reverse("core:member_add", args=[organisation.pk]),
        reverse("core:member_roles", args=[organisation.pk, commissioner.pk]),
        reverse("core:member_invite", args=[organisation.pk, worker.pk]),
        reverse("core:member_second_factor_reset", args=[organisation.pk, commissioner.pk]),
    ]
    pages[""].append(reverse("core:set_password", args=["MQ", "a-link-that-expired"]))
    for username, paths in true_dates_pages(organisation).items():  # issue 13
        pages[username] += paths
    for username, paths in event_notification_pages(user_with_role, organisation, worker).items():
        pages.setdefault(username, []).extend(paths)
    for username, paths in failure_pages(organisation, commissioner, worker, case).items():
        pages.setdefault(username, []).extend(paths)
    for username, paths in oversight_pages(organisation, commissioner, system).items():
        pages.setdefault(username, []).extend(paths)
    for username, paths in ledger_pages(case, activity, "priority-challenges").items():
        pages.setdefault(username, []).extend(paths)
    for username, paths in tender_pages(commissioner, case).items():
        pages.setdefault(username, []).extend(paths)
    for username, paths in contract_pages(commissioner, organisation, rep).items():
        pages.setdefault(username, []).extend(paths)
    add_pack_pages(pages, commissioner, case, shared)
    return pages


DESKTOP = {"width": 1100, "height": 900}
PHONE = {"width": 320, "height": 640}


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_page_passes_axe_and_reflows(visit, pages, language):
    """Each page is fetched once, checked in a desktop window, then again with the window narrowed
    to a 320px phone (the layout and axe see the narrow window as they would a phone's)."""
    anonymous = visit(viewport=DESKTOP)
    for path in ("/", "/sign-in/"):
        anonymous.goto(path)
        anonymous.check_at(PHONE)
    for username, paths in pages.items():
        person = visit(viewport=DESKTOP)
        if username:
            person.sign_in(username)
        else:
            person.goto("/")  # an anonymous visitor: the public register
        person.check_at(PHONE)
        if language == "cy":
            person.page.get_by_role("button", name="Cymraeg").click()
            person.check()
            person.check_at(PHONE)
        for path in paths:
            person.goto(path)
            person.check_at(PHONE)
        assert len(person.checked) >= 2 * len(paths)

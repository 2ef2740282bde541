"""Issue 14, item 7: on a Welsh page, labels that come from data (decision categories, toolkit
approaches and prompts, the Bill's section references) are in Welsh, with one abbreviation
convention: "s." in English, "a." in Welsh. Each test fails if a Welsh page shows the English."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from core.i18n import section_ref
from procurement import services
from procurement.models import EngagementApproach
from registers.models import DecisionCategory
from tests.procurement_helpers import new_case, today
from tests.waira_helpers import answer_everything, assessable_system, share
from waira import services as waira_services

pytestmark = pytest.mark.django_db

SECTION_IN_ENGLISH = re.compile(r"\(s\.\d|>s\.\d|\bs\.1[4-9]\(")


def welsh(client, user) -> None:
    client.force_login(user)
    client.cookies["django_language"] = "cy"


def test_section_references_follow_the_page_language():
    with translation.override("cy"):
        assert section_ref("s.14(3)(a)") == "a.14(3)(a)"
    with translation.override("en"):
        assert section_ref("s.14(3)(a)") == "s.14(3)(a)"


def test_the_workers_consultation_page_shows_decision_categories_in_welsh(
    client, commissioner, organisation, worker
):
    system = assessable_system(commissioner, organisation)
    waira = waira_services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira, [worker])
    welsh(client, worker)
    page = client.get(reverse("waira:consultation_detail", args=[waira.pk])).content.decode()
    categories = list(system.decision_categories.all())
    assert categories
    for category in categories:
        assert escape(category.label_cy) in page
        assert escape(category.label_en) not in page


def test_the_waira_page_uses_the_welsh_abbreviation(client, commissioner, organisation):
    system = assessable_system(commissioner, organisation)
    waira = waira_services.waira_create(actor=commissioner, system=system)
    welsh(client, commissioner)
    page = client.get(reverse("waira:waira_detail", args=[waira.pk])).content.decode()
    assert "a.14(3)" in page
    assert not SECTION_IN_ENGLISH.search(page)


def test_the_case_page_shows_toolkit_text_in_welsh(client, commissioner, organisation):
    case = new_case(commissioner, organisation)
    approach = EngagementApproach.objects.filter(stage=case.stage).first()
    assert approach is not None
    services.engagement_record(
        actor=commissioner,
        case=case,
        approach=approach,
        held_on=today(),
        worker_groups="Gofalwyr",
        worker_count=8,
        issues_raised="Amser teithio.",
    )
    welsh(client, commissioner)
    page = client.get(reverse("procurement:case_detail", args=[case.pk])).content.decode()
    assert escape(approach.text_cy) in page and escape(approach.text_en) not in page
    assert "Cam presennol" in page or "cam presennol" in page


def test_the_register_list_shows_decision_categories_in_welsh(client):
    client.cookies["django_language"] = "cy"
    page = client.get(reverse("register:list")).content.decode()
    for category in DecisionCategory.objects.all():
        if category.label_cy != category.label_en:
            assert f">{escape(category.label_en)}<" not in page

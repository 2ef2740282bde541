"""Issue 14, item 7: a Welsh page never shows an English label that comes from data. Every page a
person can reach (the list test_every_page.py checks with axe) is opened in Welsh, and the text a
reader sees in its main part must hold none of the English labels the data and the models' choices
carry where the Welsh differs: decision categories, the toolkit's approaches and prompts, stage
names, incident kinds, request states and every other choice. Text a page marks as in another
language (`lang="en"`, WCAG 3.1.2) is quoted on purpose, not an untranslated label: the English
an ATRS download will carry, shown before it is published, is left out of the reading."""

import re

import pytest
from django.apps import apps
from django.utils import translation

from procurement.models import BilingualText
from registers.models import DecisionCategory
from tests.browser.test_every_page import pages  # noqa: F401 (the fixture: every page)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROJECT_APPS = {
    "accountability",
    "core",
    "oversight",
    "packs",
    "procurement",
    "registers",
    "rights_requests",
    "waira",
}


def english_labels() -> dict[str, str]:
    """Each English label from data or choices whose Welsh differs, with its Welsh."""
    labels: dict[str, str] = {}
    for category in DecisionCategory.objects.all():
        labels[category.label_en] = category.label_cy
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        if issubclass(model, BilingualText):
            for text in model._default_manager.all():
                labels[text.text_en] = text.text_cy
        for field in model._meta.get_fields():
            for _value, label in getattr(field, "flatchoices", None) or []:
                with translation.override("en"):
                    english = str(label)
                with translation.override("cy"):
                    labels[english] = str(label)
    return {english: cy for english, cy in labels.items() if english.strip() and english != cy}


def test_no_welsh_page_shows_an_english_label_from_data(visit, pages):  # noqa: F811
    labels = english_labels()
    assert len(labels) > 50  # categories, approaches, prompts and choices
    patterns = {
        english: re.compile(r"(?<!\w)" + re.escape(english) + r"(?!\w)") for english in labels
    }
    shown: dict[str, list[str]] = {}
    for username, paths in pages.items():
        person = visit()
        if username:
            person.sign_in(username)
        else:
            person.page.goto(person.base_url + "/")
        person.page.get_by_role("button", name="Cymraeg").click()
        person.page.wait_for_load_state("load")
        for path in paths:
            person.page.goto(person.base_url + path)
            assert person.page.locator("html").get_attribute("lang") == "cy", path
            text = person.page.locator("main").evaluate(
                """main => {
                    main.querySelectorAll('[lang]:not([lang|="cy"])')
                        .forEach(quoted => { quoted.style.display = "none"; });
                    return main.innerText;
                }"""
            )
            found = [english for english, pattern in patterns.items() if pattern.search(text)]
            if found:
                shown[f"{username or 'anonymous'} {path}"] = found
    assert shown == {}, "\n".join(f"{page}: {found}" for page, found in shown.items())

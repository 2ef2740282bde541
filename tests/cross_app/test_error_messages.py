"""Issue 14, item 4: GOV.UK error messages. Each names its field and says how to fix it, the
summary links to the field, one message per problem: a test per form fixed."""

import re

import pytest
from django import forms
from django.urls import reverse

from core.forms import GovUKDateField, GovUKFormMixin
from rights_requests.forms import PublicRequestForm, RequestForm
from tests.rights_helpers import make_request
from tests.waira_helpers import answer_everything, assessable_system, share
from waira import services as waira_services

pytestmark = pytest.mark.django_db


def summary_items(html: str) -> list[str]:
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", summary)]


def summary_links(html: str) -> list[str]:
    summary = html.split('class="govuk-error-summary"')[1].split("</ul>")[0]
    return re.findall(r'<a href="#([^"]+)"', summary)


def test_no_form_says_this_field_is_required():
    class Example(GovUKFormMixin, forms.Form):
        name = forms.CharField(label="Your name")
        colour = forms.ChoiceField(label="Colour", choices=[("r", "Red")])
        day = GovUKDateField(label="Start date")
        agree = forms.BooleanField(label="I agree")

    form = Example(data={})
    assert not form.is_valid()
    messages = [message for errors in form.errors.values() for message in errors]
    assert "This field is required." not in messages
    assert messages == [
        "Fill in “Your name”.",
        "Choose an answer to “Colour”.",
        "Enter a date for “Start date”.",
        "Tick “I agree” to go on.",
    ]


def test_the_request_form_names_each_missing_answer(client, worker, organisation):
    client.force_login(worker)
    page = client.post(reverse("rights_requests:request_create"), {}).content.decode()
    items = summary_items(page)
    assert "Enter the date you became aware of the decision" in items
    assert "Enter the decision you are asking about" in items
    assert "Choose an explanation or a reconsideration" in items
    assert len(items) == len(set(items))


def test_the_request_forms_summary_links_to_each_field(client, worker, organisation):
    client.force_login(worker)
    page = client.post(reverse("rights_requests:request_create"), {}).content.decode()
    for anchor in summary_links(page):
        assert f'id="{anchor}"' in page


def test_no_two_questions_of_the_request_form_share_a_label(organisation):
    for form_class in (RequestForm, PublicRequestForm):
        labels = [str(field.label) for field in form_class.base_fields.values()]
        assert len(labels) == len(set(labels))


def test_the_explanation_checklist_says_a_different_thing_for_each_item(
    client, worker, organisation, nominated_contact
):
    request = make_request(worker, organisation)
    client.force_login(nominated_contact)
    url = reverse("rights_requests:explanation_issue", args=[request.pk])
    page = client.post(url, {"text": "Ranked on availability.", "text_language": "en"})
    items = summary_items(page.content.decode())
    assert len(items) == 5 and len(set(items)) == 5


def test_concluding_a_consultation_says_each_problem_once(client, commissioner, organisation):
    system = assessable_system(commissioner, organisation)
    waira = waira_services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira)
    client.force_login(commissioner)
    page = client.post(reverse("waira:waira_conclude", args=[waira.pk]), {}).content.decode()
    message = "Record the discussion of each adverse aspect"
    assert page.count(message) == 2  # in the summary, and against its own field
    field = page.split('id="id_no_adverse_aspects_reason"')[0].rsplit("govuk-form-group", 1)[1]
    assert message in field
    # Shared today, so inside the listening period: the reason for concluding early is asked too.
    assert summary_links(page) == ["id_no_adverse_aspects_reason", "id_short_listening_reason"]

"""Letters and pages say what comes next (issue 14, item 3): the right to a reconsideration after
an explanation, with its window and whom to ask; tribunal dates and ACAS early conciliation
after a refusal or a failure; dates in words, in UK time, in the letter's language; and reading
a letter leaves the site in the reader's language."""

from __future__ import annotations

import io
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from rights_requests import services
from rights_requests.models import ExemptionDecision
from tests.rights_helpers import agent_for, explain, make_request, sweep_requests

pytestmark = pytest.mark.django_db

# Aware on 10 March 2026: a reconsideration can be asked for until 10 September 2026 (s.18(2)).
MADE = "2026-03-10T10:00:00Z"
ISO_INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def signed_in(user, language: str = "en") -> Client:
    client = Client()
    client.force_login(user)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


@pytest.fixture
def explained(worker, organisation, nominated_contact, administrator, competent_agent):
    agent_for(administrator, organisation, competent_agent, name="Ceri Jones")
    with time_machine.travel(MADE, tick=False):
        request = make_request(worker, organisation)
        explain(nominated_contact, request)
    return request


def test_an_explanation_letter_gives_the_reconsideration_window_and_whom_to_ask(worker, explained):
    page = signed_in(worker).get(reverse("rights_requests:letter", args=[explained.pk]))
    text = page.content.decode()
    assert "reconsidered by a person" in text
    assert "Ask in writing by 10 September 2026" in text
    assert "Ceri Jones" in text and "ceri@example.org" in text


def test_a_welsh_explanation_letter_gives_its_window_in_welsh_words(
    worker, organisation, nominated_contact
):
    with time_machine.travel(MADE, tick=False):
        request = make_request(worker, organisation, language="cy")
        explain(nominated_contact, request, text_language="cy")
    text = pdf_text(signed_in(worker).get(reverse("rights_requests:letter_pdf", args=[request.pk])))
    assert "10 Medi 2026" in text and "ailystyried" in text
    assert "10 Mawrth 2026 am 10:00" in text  # issued: in words, UK time (GMT in March)


def test_a_reconsideration_letter_offers_no_second_reconsideration(
    worker, organisation, administrator, competent_agent
):
    agent = agent_for(administrator, organisation, competent_agent)
    with time_machine.travel(MADE, tick=False):
        request = make_request(worker, organisation, "reconsideration")
        services.reconsideration_assign(actor=administrator, request=request, agent=agent)
        services.reconsideration_conclude(
            actor=competent_agent,
            request=request,
            outcome="upheld",
            text="The decision stands.",
            text_language="en",
        )
    page = signed_in(worker).get(reverse("rights_requests:letter", args=[request.pk]))
    assert "reconsidered by a person who can change it" not in page.content.decode()


def test_a_refusal_gives_the_tribunal_dates_and_acas(worker, organisation, nominated_contact):
    with time_machine.travel(MADE, tick=False):
        request = make_request(worker, organisation)  # due 7 April 2026
        claim = services.exemption_claim(
            actor=nominated_contact, request=request, ground="s17_5_d", reasons="Tenth request."
        )
        services.exemption_decide(
            actor=nominated_contact,
            claim=claim,
            decision=ExemptionDecision.APPLIES,
            reasons="Ten requests about the same rota in a month.",
        )
        page = signed_in(worker).get(reverse("rights_requests:request_detail", args=[request.pk]))
    text = re.sub(r"\s+", " ", page.content.decode())
    # The failure would be on 8 April 2026; six months beginning with it end on 7 October 2026.
    assert "Make your claim by 7 October 2026" in text
    assert "beginning with 8 April 2026" in text
    assert "ACAS" in text and "early conciliation" in text


def test_a_late_answer_letter_gives_the_tribunal_dates_in_welsh(
    worker, organisation, nominated_contact
):
    with time_machine.travel(MADE, tick=False):
        request = make_request(worker, organisation, language="cy")
    with time_machine.travel("2026-04-09T10:00:00Z", tick=False):
        sweep_requests()
        explain(nominated_contact, request, text_language="cy")
        text = pdf_text(
            signed_in(worker).get(reverse("rights_requests:letter_pdf", args=[request.pk]))
        )
    assert "7 Hydref 2026" in text and "ACAS" in text


def test_the_timeline_pdf_prints_dates_in_words_not_timestamps(worker, explained):
    text = pdf_text(
        signed_in(worker).get(reverse("rights_requests:timeline_pdf", args=[explained.pk]))
    )
    assert ISO_INSTANT.search(text) is None
    assert "10 March 2026 at 10:00:00, UK time" in text


def test_the_letter_pdf_prints_its_issue_stamp_in_words(worker, explained):
    text = pdf_text(
        signed_in(worker).get(reverse("rights_requests:letter_pdf", args=[explained.pk]))
    )
    assert ISO_INSTANT.search(text) is None
    assert "10 March 2026 at 10:00:00, UK time" in text


def test_opening_an_english_letter_in_welsh_keeps_the_site_in_welsh(worker, explained):
    client = signed_in(worker, "cy")
    page = client.get(reverse("rights_requests:letter", args=[explained.pk])).content.decode()
    assert '<html lang="cy"' in page and "Llythyr" in page  # the page around it: Welsh
    assert 'lang="en"' in page and "Dear " in page  # the letter: in the language asked for
    client.get(reverse("rights_requests:letter_pdf", args=[explained.pk]))
    after = client.get(reverse("core:dashboard")).content.decode()
    assert '<html lang="cy"' in after

"""A worker asks, on a phone, for an explanation of a decision made with AI; the nominated contact
explains it in writing and the worker reads and downloads the letter; the worker asks for a
reconsideration, an administrator gives it to a competent agent, who alters the decision. A second
request is left unanswered: once its due date has passed the daily sweep records the failure, and
the worker, signing in afresh, sees the tribunal dates, in English and then in Welsh."""

import io
from pathlib import Path

import pytest
import time_machine
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import Page
from pypdf import PdfReader

from core import legal_time
from core.roles import Role
from rights_requests.models import (
    ContactKind,
    ReconsiderationOutcome,
    RequestKind,
    RequestState,
    RightsRequest,
)
from tests.procurement_helpers import today
from tests.register_helpers import published_entry
from tests.rights_helpers import agent_for, contact, sweep_requests
from tests.system_helpers import system_in_high_risk_use
from tests.waira_helpers import at_noon

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 320, "height": 640}  # the narrowest phone WCAG asks for
DECISION = "A stage 1 attendance review was booked for me."
EXPLANATION = (
    "Cododd AttendanceInsight adolygiad presenoldeb am fod tri chyfnod o absenoldeb salwch "
    "wedi'u cofnodi mewn 12 mis. Nid oedd dau ohonynt wedi'u cofnodi fel rhai'n ymwneud ag "
    "anabledd, felly cawsant eu cyfrif."
)
WHAT_CHANGED = "Mae'r adolygiad presenoldeb wedi'i ganslo."
REASONS = "Roedd dau o'r absenoldebau'n ymwneud ag anabledd ac ni ddylent fod wedi'u cyfrif."


def day_month_year(page, prefix: str, day) -> None:
    page.fill(f"#id_{prefix}_day", str(day.day))
    page.fill(f"#id_{prefix}_month", str(day.month))
    page.fill(f"#id_{prefix}_year", str(day.year))


def summary_value(page: Page, key: str) -> str:
    """The value beside `key` in a GOV.UK summary list on the page."""
    key_cell = page.locator(".govuk-summary-list__key", has_text=key)
    row = page.locator("main .govuk-summary-list__row").filter(has=key_cell)
    return row.locator(".govuk-summary-list__value").inner_text()


def in_words(day, language: str = "en") -> str:
    with translation.override(language):
        return date_format(day, "j F Y")


@pytest.fixture
def employer(user_with_role, organisation):
    """A council with its nominated contact and competent agent published, a worker, and an AI
    system in use in high-risk decision-making."""
    commissioner = user_with_role(Role.COMMISSIONER, username="sian")
    admin = user_with_role(Role.ADMINISTRATOR, username="gareth")
    eleri = user_with_role(
        Role.NOMINATED_CONTACT, username="eleri", first_name="Eleri", last_name="Roberts"
    )
    owain = user_with_role(
        Role.COMPETENT_AGENT, username="owain", first_name="Owain", last_name="Price"
    )
    user_with_role(Role.WORKER, username="dylan", first_name="Dylan", last_name="Hughes")
    contact(admin, organisation, ContactKind.NOMINATED_CONTACT, user=eleri, name="Eleri Roberts")
    agent_for(admin, organisation, owain, name="Owain Price")
    system = system_in_high_risk_use(
        commissioner,
        organisation,
        first_use=legal_time.add_days(today(), -30),
        name="AttendanceInsight",
    )
    # A worker's request form names the systems the public register shows.
    published_entry(commissioner, system)


def test_explain_reconsider_alter_then_a_failure_and_its_tribunal_dates(visit, employer):
    aware_on = legal_time.add_days(today(), -3)

    # The worker asks for an explanation, on a phone.
    dylan = visit(viewport=PHONE)
    dylan.sign_in("dylan")
    dylan.page.locator("main").get_by_role(
        "link", name="Ask for an explanation or a reconsideration of a decision made with AI"
    ).click()
    dylan.check()
    dylan.submit("Send the request")  # empty: the error summary
    assert dylan.page.locator(".govuk-error-summary").is_visible()
    form = dylan.page.locator("main")
    form.get_by_label("An explanation of a decision made with AI").check()
    form.get_by_label("Worker", exact=True).check()
    dylan.page.fill("#id_decision", DECISION)
    dylan.page.select_option("#id_ai_system", label="AttendanceInsight")
    dylan.page.fill("#id_request_text", "Please explain why my absences triggered a review.")
    form.get_by_label("Cymraeg").check()
    dylan.submit("Send the request")  # the date is missing: nothing typed is lost
    summary = dylan.page.inner_text(".govuk-error-summary")
    assert "There is a problem" in summary
    assert dylan.page.input_value("#id_decision") == DECISION
    assert form.get_by_label("An explanation of a decision made with AI").is_checked()
    assert form.get_by_label("Cymraeg").is_checked()
    day_month_year(dylan.page, "aware_on", aware_on)
    dylan.submit("Send the request")
    assert "Your request has been sent to your employer." in dylan.page.inner_text("main")
    explanation = RightsRequest.objects.get()
    assert dylan.page.url.endswith(f"/requests/{explanation.pk}/")
    assert explanation.ai_system is not None
    assert explanation.ai_system.name == "AttendanceInsight" and explanation.language == "cy"
    assert "Days left: 28" in dylan.page.inner_text("main")

    # The nominated contact explains it, confirming each item of s.17(2).
    eleri = visit()
    eleri.sign_in("eleri")
    eleri.page.locator("main").get_by_role("link", name="Explanation (s.17): Dylan Hughes").click()
    eleri.check()
    eleri.page.get_by_role("link", name="Write the explanation").click()
    eleri.check()
    assert eleri.page.locator("main").get_by_label("Cymraeg").is_checked()  # as the worker asked
    eleri.page.fill("#id_text", EXPLANATION)
    eleri.submit("Issue the explanation")  # the checklist is not ticked: refused, text kept
    assert "Confirm the explanation is in writing (s.17(2)(c))" in eleri.page.inner_text(
        ".govuk-error-summary"
    )
    assert eleri.page.input_value("#id_text") == EXPLANATION
    for item in (
        "It is readily understandable (s.17(2)(a))",
        "It says how the decision affects this person personally (s.17(2)(b))",
        "It is in writing (s.17(2)(c))",
        "It is in a readily accessible format (s.17(2)(c))",
        "It is free of charge (s.17(2)(d))",
    ):
        eleri.page.get_by_label(item).check()
    eleri.submit("Issue the explanation")
    assert "Explanation issued. The worker has been told." in eleri.page.inner_text("main")
    explanation.refresh_from_db()
    assert explanation.state == RequestState.ANSWERED and explanation.answer.in_time

    # The worker reads the letter, in the Welsh they asked for, and downloads it.
    dylan.goto(f"/requests/{explanation.pk}/")
    assert "This was in time." in dylan.page.inner_text("main")
    dylan.page.get_by_role("link", name="Read the letter").click()
    dylan.check()
    # The letter is in Welsh, marked so; the page around it stays in the worker's language.
    assert dylan.page.locator("html").get_attribute("lang") == "en"
    assert dylan.page.locator("main [lang=cy]").count() == 1
    letter = dylan.page.inner_text("main")
    assert "Annwyl Dylan Hughes," in letter and EXPLANATION in letter
    with dylan.page.expect_download() as download:
        dylan.page.get_by_role("link", name="Download the letter (PDF)").click()
    assert download.value.suggested_filename == f"llais-letter-{explanation.pk}.pdf"
    body = Path(download.value.path()).read_bytes()
    assert body.startswith(b"%PDF-")
    pdf_text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Annwyl Dylan Hughes" in pdf_text and "Cododd AttendanceInsight" in pdf_text

    # The worker asks for the decision to be reconsidered by a person.
    dylan.page.get_by_role("link", name="Back to the request").click()
    dylan.check()
    dylan.page.get_by_role("button", name="Ask for this decision to be reconsidered").click()
    dylan.check()
    form = dylan.page.locator("main")
    assert form.get_by_label("A person to reconsider a decision made with AI").is_checked()
    dylan.page.fill("#id_request_text", "Two of those absences were because of my disability.")
    dylan.submit("Send the request")
    reconsideration = RightsRequest.objects.get(kind=RequestKind.RECONSIDERATION)
    assert reconsideration.follows == explanation
    assert reconsideration.aware_on == aware_on and reconsideration.language == "cy"

    # An administrator gives it to the competent agent.
    gareth = visit()
    gareth.sign_in("gareth")
    gareth.page.locator("nav").get_by_role("link", name="Requests to answer").click()
    gareth.check()
    gareth.page.get_by_role("link", name="Reconsideration (s.18): Dylan Hughes").click()
    gareth.check()
    gareth.page.get_by_role("link", name="Assign a competent agent").click()
    gareth.check()
    gareth.page.get_by_label("Owain Price (Competent agent (s.18(3)))").check()
    gareth.submit("Assign")
    assert "Competent agent assigned." in gareth.page.inner_text("main")

    # The competent agent alters the decision and notifies the worker in writing.
    owain = visit()
    owain.sign_in("owain")
    owain.page.locator("main").get_by_role(
        "link", name="Reconsideration (s.18): Dylan Hughes"
    ).click()
    owain.check()
    owain.page.get_by_role("link", name="Record the reconsideration and notify the worker").click()
    owain.check()
    owain.page.get_by_label("Decision altered").check()
    owain.page.fill("#id_what_changed", WHAT_CHANGED)
    owain.page.fill("#id_text", REASONS)
    owain.submit("Record and notify")
    assert "Outcome recorded and the worker notified in writing." in owain.page.inner_text("main")
    reconsideration.refresh_from_db()
    assert reconsideration.state == RequestState.ANSWERED
    assert reconsideration.answer.outcome == ReconsiderationOutcome.ALTERED
    dylan.goto(f"/requests/{reconsideration.pk}/")
    outcome = dylan.page.inner_text("main")
    assert "Decision altered" in outcome and WHAT_CHANGED in outcome

    # A second request, which nobody answers.
    dylan.goto("/requests/")
    dylan.page.get_by_role("button", name="Make a request").click()
    dylan.check()
    form = dylan.page.locator("main")
    form.get_by_label("An explanation of a decision made with AI").check()
    form.get_by_label("Worker", exact=True).check()
    dylan.page.fill("#id_decision", "My request for overtime was turned down.")
    dylan.page.fill("#id_request_text", "Please explain how the system decided.")
    form.get_by_label("Cymraeg").check()
    day_month_year(dylan.page, "aware_on", today())
    dylan.submit("Send the request")
    unanswered = RightsRequest.objects.get(state=RequestState.RECEIVED)
    assert unanswered.due_date == legal_time.response_due(today())

    # The day after its due date: the daily sweep records the failure.
    failure_on = legal_time.failure_date(unanswered.due_date)
    limit = legal_time.limitation(failure_on)
    with time_machine.travel(at_noon(failure_on), tick=True):
        assert sweep_requests() == 1
        unanswered.refresh_from_db()
        failure = unanswered.failure
        assert (failure.failure_date, failure.file_by, failure.out_of_time_after) == (
            failure_on,
            limit.file_by,
            limit.out_of_time_after,
        )

        later = visit(viewport=PHONE)  # weeks on: a new sign-in
        later.sign_in("dylan")
        assert (
            f"Not answered in time: make any tribunal claim by {in_words(limit.file_by)}."
            in later.page.inner_text("main")
        )
        later.goto(f"/requests/{unanswered.pk}/")
        page = later.page.locator("main")
        assert "Not answered in time" in page.inner_text()
        assert (
            f"The employer had to answer by {in_words(unanswered.due_date)} and did not."
            in page.inner_text()
        )
        assert in_words(failure_on) in summary_value(later.page, "Date of the failure")
        assert in_words(limit.file_by) in summary_value(later.page, "Make your claim by")
        out_of_time = summary_value(later.page, "Out of time after")
        assert in_words(limit.out_of_time_after) in out_of_time

        # The same pages in Welsh, after the switch in the header.
        later.page.get_by_role("button", name="Cymraeg").click()
        later.check()
        assert later.page.locator("html").get_attribute("lang") == "cy"
        assert later.page.url.endswith(f"/requests/{unanswered.pk}/")
        page = later.page.locator("main")
        assert "Heb ei ateb mewn pryd" in page.inner_text()
        assert "Dyddiadau a sut y cawsant eu cyfrifo" in page.inner_text()
        file_by = summary_value(later.page, "Gwnewch eich hawliad erbyn")
        assert in_words(limit.file_by, "cy") in file_by
        out_of_time = summary_value(later.page, "Y tu allan i'r amser ar ôl")
        assert in_words(limit.out_of_time_after, "cy") in out_of_time
        later.goto(f"/requests/{explanation.pk}/")
        assert later.page.locator("html").get_attribute("lang") == "cy"
        assert "Esboniad (a.17)" in later.page.inner_text("h1")
        assert "Yr ateb" in later.page.inner_text("main")
        later.page.get_by_role("link", name="Darllen y llythyr").click()
        later.check()
        assert later.page.locator("html").get_attribute("lang") == "cy"
        assert "Llythyr" in later.page.inner_text("h1")
        assert "Ein hesboniad" in later.page.inner_text("main")
    pages = dylan.checked + eleri.checked + gareth.checked + owain.checked + later.checked
    assert len(pages) >= 35

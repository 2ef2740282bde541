"""A commissioner drafts and shares a WAIRA, a worker raises a concern, the commissioner answers,
concludes and completes it; go-live is refused until the permitted day and then allowed."""

import datetime

import pytest
import time_machine

from core import legal_time
from core.roles import Role
from procurement import services as procurement_services
from procurement.stages import Stage
from tests.procurement_helpers import case_at, meet_gate, today
from tests.waira_helpers import assessable_system, at_noon
from waira.content import STATUTE_COLUMNS, STATUTES
from waira.models import Waira, WairaState

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def case_ready_but_for_the_waira(user_with_role, organisation):
    commissioner = user_with_role(Role.COMMISSIONER, username="ceri")
    rep = user_with_role(Role.UNION_REPRESENTATIVE, username="dafydd")
    user_with_role(Role.WORKER, username="dylan", first_name="Dylan", last_name="Hughes")
    for _ in range(4):  # shared with five: enough for a concern to be anonymous
        user_with_role(Role.WORKER)
    case = case_at(Stage.DEVELOPMENT, commissioner, organisation, rep)
    system = assessable_system(commissioner, organisation, name="RotaWise")
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    meet_gate(case, commissioner, rep)
    return case, system


def test_a_waira_is_consulted_on_and_go_live_waits_a_clear_month(
    visit, case_ready_but_for_the_waira
):
    case, system = case_ready_but_for_the_waira
    ceri = visit()
    ceri.sign_in("ceri")
    ceri.goto(f"/systems/{system.pk}/")
    ceri.page.get_by_role("button", name="Start a WAIRA").click()
    ceri.check()
    ceri.submit("Start the WAIRA")
    waira = Waira.objects.get(system=system)
    assert ceri.page.url.endswith(f"/assessments/{waira.pk}/edit/")

    for field in (
        "purpose",
        "decision_logic",
        "data_processed",
        "personal_data_influence",
        "accuracy_monitoring",
        "accuracy_metric",
    ):
        ceri.page.fill(f"#id_{field}", f"Our answer on {field.replace('_', ' ')}.")
    for statute in STATUTES:
        for column, _label in STATUTE_COLUMNS.values():
            ceri.page.fill(f"#id_{statute.key}_{column}", f"{column} under {statute.key}.")
    ceri.submit("Save")

    ceri.page.get_by_role("button", name="Share with the workers affected").click()
    ceri.check()
    ceri.page.fill("#id_audience", "All home-care workers.")
    ceri.page.fill("#id_method", "Team meetings and email.")
    ceri.page.get_by_label("Every worker of the organisation with a Llais account").check()
    ceri.submit("Share it")
    assert "Shared: consultation open" in ceri.page.inner_text("main")

    dylan = visit(viewport={"width": 320, "height": 640})  # a worker, on a phone
    dylan.sign_in("dylan")
    dylan.page.locator("main").get_by_role("link", name="RotaWise").click()
    dylan.check()
    dylan.submit("Send my concern")  # empty: the error summary
    assert dylan.page.locator(".govuk-error-summary").is_visible()
    dylan.page.fill("#id_text", "Will non-drivers get time to reach rural visits?")
    dylan.page.check("#id_anonymous")
    dylan.submit("Send my concern")
    assert "Will non-drivers get time" in dylan.page.inner_text("main")

    ceri.goto(f"/assessments/{waira.pk}/")
    assert "Anonymous worker" in ceri.page.inner_text("main")
    assert "Dylan" not in ceri.page.inner_text("main")
    ceri.page.locator("main").get_by_role("link", name="Answer this concern").click()
    ceri.check()
    ceri.page.fill("#id_response", "Yes: bus times are used for non-drivers.")
    ceri.submit("Save the answer")
    ceri.page.get_by_role("link", name="Record the discussion of an adverse aspect").click()
    ceri.check()
    now = today()
    ceri.page.fill("#id_aspect", "Shorter gaps between visits.")
    ceri.page.fill("#id_discussed_on_day", str(now.day))
    ceri.page.fill("#id_discussed_on_month", str(now.month))
    ceri.page.fill("#id_discussed_on_year", str(now.year))
    ceri.page.fill("#id_discussion", "Forum with the branch and twelve workers.")
    ceri.page.get_by_label("Modified").check()
    ceri.page.fill("#id_outcome_detail", "Travel time is now a hard constraint.")
    ceri.submit("Save the discussion")
    ceri.page.get_by_role("button", name="Conclude the consultation").click()
    ceri.check()
    # Shared today: the listening period runs, so concluding now needs its reason.
    ceri.page.fill(
        "#id_short_listening_reason", "The branch and the workers asked to conclude at the forum."
    )
    ceri.submit("Conclude the consultation")
    ceri.page.get_by_role("button", name="Complete the WAIRA").click()
    ceri.check()
    ceri.page.check("#id_confirm")
    ceri.submit("Complete the WAIRA")
    waira.refresh_from_db()
    assert waira.state == WairaState.COMPLETED
    assert waira.content_sha256 in ceri.page.inner_text("main")

    earliest = legal_time.earliest_high_risk_start(now)
    move = "Move to Deployment and contract management"
    ceri.goto(f"/cases/{case.pk}/advance/")
    ceri.submit(move)
    refusal = ceri.page.inner_text(".govuk-error-summary")
    assert f"{earliest.day} {earliest:%B %Y}" in refusal

    for day, allowed in ((earliest - datetime.timedelta(days=1), False), (earliest, True)):
        with time_machine.travel(at_noon(day), tick=True):
            later = visit()  # a month on: a new sign-in
            later.sign_in("ceri")
            later.goto(f"/cases/{case.pk}/advance/")
            later.submit(move)
            case.refresh_from_db()
            assert (case.stage == Stage.DEPLOYMENT) is allowed
    assert len(ceri.checked) + len(dylan.checked) >= 20
    assert "Deployment and contract management" in later.page.inner_text("main")

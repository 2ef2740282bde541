"""Contract clauses tied to the statutory clocks (issue 18, item 5): the library in both
languages, the bounds on N, the supplier's clock started by a worker's request on a covered
system, the sweep flagging a missed obligation once, and the request page showing it."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from core import legal_time
from core.models import Notification
from core.services import sweep_run
from procurement.contract_clauses import (
    CLAUSES,
    CLAUSES_BY_KEY,
    EMPLOYER_ANSWER_DAYS,
    LONGEST_SUPPLIER_ANSWER_DAYS,
    Shape,
    obligation_due,
)
from procurement.contracts.services import (
    clauses_choose,
    contract_record,
    obligation_meet,
)
from procurement.models import SupplierObligationInstance
from procurement.services import case_link_ai_system
from procurement.stages import Stage
from tests.procurement_helpers import case_at
from tests.register_helpers import register_system
from tests.rights_helpers import make_request

pytestmark = pytest.mark.django_db

SIGNED = datetime.date(2025, 3, 3)
REQUEST_DAY = datetime.date(2025, 6, 2)  # a Monday
DUE = datetime.date(2025, 6, 12)  # 10 days later


def noon(day: datetime.date) -> str:
    return f"{day.isoformat()}T11:00:00Z"


@pytest.fixture
def contract_world(commissioner, organisation, union_rep):
    system = register_system(
        commissioner, organisation, first_use=datetime.date(2025, 2, 3), name="RotaWise"
    )
    with time_machine.travel(noon(SIGNED), tick=False):
        case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
        case_link_ai_system(actor=commissioner, case=case, system=system)
        contract = contract_record(
            actor=commissioner,
            case=case,
            supplier_name="Rota Ltd",
            signed_on=SIGNED,
            starts_on=SIGNED,
        )
        clauses_choose(
            actor=commissioner,
            contract=contract,
            chosen={"explanation_information": 10, "register_change": 14},
        )
    return case, contract, system


def test_every_clause_reads_in_english_and_welsh():
    assert len(CLAUSES) == len(CLAUSES_BY_KEY) == 10
    for clause in CLAUSES:
        assert "{n}" in clause.text_en and "{n}" in clause.text_cy, clause.key
        assert clause.text_en != clause.text_cy and clause.title_en != clause.title_cy
        assert clause.least <= clause.default <= clause.most
        with translation.override("cy"):
            assert clause.wording(5) == clause.text_cy.format(n=5)
            assert clause.title == clause.title_cy
        assert clause.wording(5) == clause.text_en.format(n=5)


def test_the_supplier_answers_a_rights_request_inside_the_employers_28_days():
    assert LONGEST_SUPPLIER_ANSWER_DAYS < EMPLOYER_ANSWER_DAYS
    for clause in CLAUSES:
        if clause.shape == Shape.WITHIN_DAYS_OF_RIGHTS_REQUEST:
            assert clause.most == LONGEST_SUPPLIER_ANSWER_DAYS
            assert clause.check(LONGEST_SUPPLIER_ANSWER_DAYS) == ""
            assert "28 days" in clause.check(LONGEST_SUPPLIER_ANSWER_DAYS + 1)
            assert clause.check(0)


@pytest.mark.parametrize("days", [0, 22, 28, 300])
def test_clauses_with_n_outside_the_bounds_are_refused(contract_world, commissioner, days):
    _case, contract, _system = contract_world
    with pytest.raises(ValidationError) as refused:
        clauses_choose(
            actor=commissioner, contract=contract, chosen={"explanation_information": days}
        )
    assert "amount_explanation_information" in refused.value.message_dict
    assert contract.obligations.get(clause_key="explanation_information").amount == 10


def test_due_dates_are_pure_date_arithmetic():
    explanation = CLAUSES_BY_KEY["explanation_information"]
    reports = CLAUSES_BY_KEY["worker_involvement"]
    assert obligation_due(explanation, 10, REQUEST_DAY) == DUE
    assert obligation_due(reports, 6, datetime.date(2025, 8, 31)) == legal_time.add_months(
        datetime.date(2025, 8, 31), 6
    )


def test_a_request_on_a_covered_system_starts_the_suppliers_clock(
    contract_world, worker, organisation
):
    _case, _contract, system = contract_world
    with time_machine.travel(noon(REQUEST_DAY), tick=False):
        request = make_request(worker, organisation, ai_system=system)
        other = make_request(worker, organisation, kind="reconsideration", ai_system=system)
        unrelated = make_request(worker, organisation)
    instance = SupplierObligationInstance.objects.get(rights_request=request)
    assert instance.due_on == DUE
    assert instance.obligation.clause_key == "explanation_information"
    # No reconsideration clause was chosen; a request naming no system is not covered.
    assert not SupplierObligationInstance.objects.filter(rights_request__in=[other, unrelated])


def _sweep_on(day):
    with time_machine.travel(f"{day.isoformat()}T00:10:00Z", tick=False):
        return sweep_run("procurement")


def test_the_sweep_flags_a_missed_obligation_once(contract_world, worker, organisation):
    _case, _contract, system = contract_world
    with time_machine.travel(noon(REQUEST_DAY), tick=False):
        request = make_request(worker, organisation, ai_system=system)
    instance = SupplierObligationInstance.objects.get(rights_request=request)

    def overdue():
        return Notification.objects.filter(
            kind="supplier_obligation_due", object_id=instance.pk, threshold=Notification.OVERDUE
        )

    _sweep_on(legal_time.add_days(DUE, -2))
    assert Notification.objects.filter(object_id=instance.pk, threshold=2).exists()
    _sweep_on(DUE)  # the day it is due: not yet missed
    instance.refresh_from_db()
    assert instance.missed_flagged_at is None and not overdue().exists()
    _sweep_on(legal_time.add_days(DUE, 1))
    instance.refresh_from_db()
    flagged_at = instance.missed_flagged_at
    assert flagged_at is not None
    told = overdue().count()
    assert told >= 1  # the case's commissioner
    _sweep_on(legal_time.add_days(DUE, 1))
    _sweep_on(legal_time.add_days(DUE, 2))
    instance.refresh_from_db()
    assert instance.missed_flagged_at == flagged_at
    assert overdue().count() == told


def test_the_request_page_shows_the_late_supplier(
    contract_world, worker, nominated_contact, organisation, client
):
    _case, _contract, system = contract_world
    with time_machine.travel(noon(REQUEST_DAY), tick=False):
        request = make_request(worker, organisation, ai_system=system)
    url = reverse("rights_requests:request_detail", args=[request.pk])
    with time_machine.travel(noon(DUE), tick=False):
        client.force_login(nominated_contact)
        page = client.get(url).content.decode()
    assert "answer is due on 12 June 2025" in page
    with time_machine.travel(noon(legal_time.add_days(DUE, 1)), tick=False):
        client.force_login(nominated_contact)
        page = client.get(url).content.decode()
        assert "late since 13 June 2025" in page
        client.force_login(worker)
        assert "supplier" not in client.get(url).content.decode().lower()


def test_meeting_an_obligation_is_recorded_and_a_late_one_keeps_its_flag(
    contract_world, commissioner, worker, organisation
):
    _case, _contract, system = contract_world
    with time_machine.travel(noon(REQUEST_DAY), tick=False):
        request = make_request(worker, organisation, ai_system=system)
    instance = SupplierObligationInstance.objects.get(rights_request=request)
    _sweep_on(legal_time.add_days(DUE, 1))
    late_day = legal_time.add_days(DUE, 2)
    with time_machine.travel(noon(late_day), tick=False):
        obligation_meet(actor=commissioner, instance=instance, met_on=late_day)
        with pytest.raises(ValidationError):
            obligation_meet(actor=commissioner, instance=instance, met_on=late_day)
    instance.refresh_from_db()
    assert instance.met_on == late_day and instance.missed_flagged_at is not None
    assert instance.history.count() >= 2


def test_a_periodic_clause_starts_its_next_period_when_met(contract_world, commissioner):
    _case, contract, _system = contract_world
    with time_machine.travel(noon(SIGNED), tick=False):
        clauses_choose(
            actor=commissioner,
            contract=contract,
            chosen={"explanation_information": 10, "register_change": 14, "worker_involvement": 6},
        )
    first = SupplierObligationInstance.objects.get(obligation__clause_key="worker_involvement")
    assert first.due_on == legal_time.add_months(SIGNED, 6)
    with time_machine.travel(noon(first.due_on), tick=False):
        obligation_meet(actor=commissioner, instance=first, met_on=first.due_on)
    second = SupplierObligationInstance.objects.filter(
        obligation__clause_key="worker_involvement", met_on__isnull=True
    ).get()
    assert second.due_on == legal_time.add_months(first.due_on, 6)


def test_the_contract_page_shows_the_library_in_the_page_language(
    contract_world, union_rep, client
):
    case, _contract, _system = contract_world
    client.force_login(union_rep)
    url = reverse("procurement:contract", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Rota Ltd" in page and "Information for a worker" in page
    assert "within 10 days of the request" in page
    assert "Save the clauses" not in page  # a union representative reads, never chooses
    client.cookies["django_language"] = "cy"
    page = client.get(url).content.decode()
    assert "Gwybodaeth ar gyfer esboniad i weithiwr" in page


def test_choosing_clauses_on_the_page_names_the_field_to_fix(contract_world, commissioner, client):
    case, contract, _system = contract_world
    client.force_login(commissioner)
    url = reverse("procurement:contract", args=[case.pk])
    with time_machine.travel(noon(SIGNED), tick=False):
        client.force_login(commissioner)
        response = client.post(
            url,
            {
                "choose_explanation_information": "on",
                "amount_explanation_information": "27",
                "choose_audit": "on",
                "amount_audit": "",
                "choose_welsh_language": "on",
                "amount_welsh_language": "<script>",
            },
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "#id_amount_audit" in page
    assert contract.obligations.count() == 2  # nothing saved
    with time_machine.travel(noon(SIGNED), tick=False):
        response = client.post(
            url,
            {
                "choose_explanation_information": "on",
                "amount_explanation_information": "27",
                "amount_audit": "30",
            },
        )
    assert "amount_explanation_information" in response.content.decode()
    assert "28 days" in response.content.decode()
    with time_machine.travel(noon(SIGNED), tick=False):
        response = client.post(
            url,
            {
                "choose_explanation_information": "on",
                "amount_explanation_information": "7",
                "choose_audit": "on",
                "amount_audit": "30",
            },
        )
    assert response.status_code == 302
    assert dict(contract.obligations.values_list("clause_key", "amount")) == {
        "explanation_information": 7,
        "audit": 30,
    }


def test_a_late_obligation_is_marked_met_on_the_page(
    contract_world, commissioner, worker, organisation, client
):
    case, _contract, system = contract_world
    with time_machine.travel(noon(REQUEST_DAY), tick=False):
        request = make_request(worker, organisation, ai_system=system)
    instance = SupplierObligationInstance.objects.get(rights_request=request)
    day = legal_time.add_days(DUE, 3)
    with time_machine.travel(noon(day), tick=False):
        client.force_login(commissioner)
        page = client.get(reverse("procurement:contract", args=[case.pk])).content.decode()
        assert "since 13 June 2025" in page
        url = reverse("procurement:contract_obligation_met", args=[case.pk, instance.pk])
        future = {"met_on_day": "1", "met_on_month": "1", "met_on_year": "2099"}
        assert "govuk-error-summary" in client.post(url, future).content.decode()
        response = client.post(
            url, {"met_on_day": "14", "met_on_month": "6", "met_on_year": "2025"}
        )
    assert response.status_code == 302
    instance.refresh_from_db()
    assert instance.met_on == datetime.date(2025, 6, 14)

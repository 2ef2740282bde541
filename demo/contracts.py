"""The demo's contract (issue 18, item 5): the home-care rostering case's contract with
Dyfodol Care Systems Ltd, its clauses in force, one supplier obligation met and one late.

Built through the services on the days it happened (the demo's replay clock), before the rights
requests, so the worker's open request on RotaCare Planner starts the supplier's 5-day clock;
that request was made 6 days ago, so tonight's sweep flags the supplier's answer as late and the
request's page shows it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from core import legal_time
from core.clock import uk_today
from core.models import Organisation, User
from core.roles import Role
from procurement.contracts import services
from procurement.models import ProcurementCase

SUPPLIER = "Dyfodol Care Systems Ltd"
CLAUSES = {
    # Short: the coordinators' records are with the supplier, and the employer keeps the rest of
    # its 28 days to write to the worker in Welsh.
    "explanation_information": 5,
    "reconsideration_support": 7,
    "waira_facts": 10,
    "register_change": 14,
    "union_data_access": 14,
    "worker_involvement": 6,
    "welsh_language": 7,
    "incident_reporting": 2,
    "audit": 30,
    "exit": 30,
}


def load_contracts_demo(organisation: Organisation, people: dict[Role, User]) -> None:
    import time_machine  # the demo's replay clock; the product itself never moves time

    commissioner = people[Role.COMMISSIONER]
    officer = people[Role.PROCUREMENT_OFFICER]
    today = uk_today()

    def day(days_ago: int) -> date:
        return legal_time.add_days(today, -days_ago)

    def at(days_ago: int) -> datetime:
        return datetime.combine(day(days_ago), time(10), tzinfo=legal_time.UK)

    case = ProcurementCase.objects.get(
        organisation=organisation, ai_systems__name="RotaCare Planner"
    )
    with time_machine.travel(at(80), tick=False):
        contract = services.contract_record(
            actor=officer,
            case=case,
            supplier_name=SUPPLIER,
            signed_on=day(80),
            starts_on=day(75),
            ends_on=legal_time.add_days(legal_time.add_months(day(75), 36), -1),
        )
    with time_machine.travel(at(75), tick=False):
        obligations = services.clauses_choose(actor=commissioner, contract=contract, chosen=CLAUSES)
    waira_facts = next(o for o in obligations if o.clause_key == "waira_facts")
    with time_machine.travel(at(72), tick=False):
        asked = services.obligation_start(
            actor=officer,
            obligation=waira_facts,
            started_on=day(72),
            what="The facts for RotaCare Planner's first WAIRA: accuracy of the travel-time "
            "estimates and how the optimiser weighs continuity of care.",
        )
    with time_machine.travel(at(65), tick=False):
        services.obligation_meet(actor=officer, instance=asked, met_on=day(65))

"""The governance body built through the real services, for the oversight tests."""

import datetime

from core.models import Organisation, User
from oversight import review_services, services
from oversight.models import Decision, DecisionKind, Meeting, OversightReview
from procurement import services as procurement_services
from procurement.models import ProcurementCase
from procurement.stages import Stage
from registers import services as register_services
from registers.models import AISystem
from tests.procurement_helpers import new_case, today


def meeting(actor: User, *, held_on: datetime.date, title: str = "Quarterly review") -> Meeting:
    return services.meeting_record(
        actor=actor,
        organisation=actor.memberships.get().organisation,
        held_on=held_on,
        title=title,
        minutes_text="We reviewed RotaWise.",
    )


def action(actor: User, meeting: Meeting, *, owner: User, due_on: datetime.date) -> Decision:
    return services.decision_record(
        actor=actor,
        meeting=meeting,
        kind=DecisionKind.ACTION,
        text="Ask the supplier for the error rates by shift pattern.",
        owner=owner,
        due_on=due_on,
    )


def case_in_oversight(
    commissioner: User, organisation: Organisation, union_rep: User
) -> tuple[ProcurementCase, AISystem, OversightReview]:
    """A case with one AI system, put straight into oversight (its earlier gates are other
    tests' business), with the first review its entry opens."""
    case = new_case(commissioner, organisation, union_rep)
    system = register_services.ai_system_create(
        actor=commissioner,
        organisation=organisation,
        name="RotaWise",
        planned_start=today(),
    )
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=system)
    ProcurementCase.objects.filter(pk=case.pk).update(stage=Stage.OVERSIGHT)
    case.refresh_from_db()
    review = review_services.review_open_first(case, commissioner)
    assert review is not None
    return case, system, review

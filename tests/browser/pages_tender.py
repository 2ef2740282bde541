"""Tender, award and contract pages (issue 18), by the username of a person who may see them,
for tests/browser/test_every_page.py."""

from django.urls import reverse

from core.models import Organisation, User
from procurement.contracts import services as contract_services
from procurement.models import ProcurementCase
from procurement.stages import Stage
from procurement.tender import services
from tests.procurement_helpers import case_at, today


def tender_pages(commissioner: User, case: ProcurementCase) -> dict[str, list[str]]:
    requirement = services.requirement_create(
        actor=commissioner,
        case=case,
        kind="welsh",
        text="Every screen a worker uses is available in Welsh.",
        proposed_by="union",
        concern="Welsh-speaking carers read rotas in Welsh.",
    )
    services.questions_offer_toolkit(actor=commissioner, case=case)
    question = case.tender_questions.order_by("id").first()
    assert question is not None
    return {
        commissioner.username: [
            reverse("procurement:risk_questionnaire", args=[case.pk]),
            reverse("procurement:specification", args=[case.pk]),
            reverse("procurement:requirement_create", args=[case.pk]),
            reverse("procurement:requirement_edit", args=[case.pk, requirement.pk]),
            reverse("procurement:tender_questions", args=[case.pk]),
            reverse("procurement:questions_offer_toolkit", args=[case.pk]),
            reverse("procurement:question_create", args=[case.pk]),
            reverse("procurement:question_requirements", args=[case.pk, question.pk]),
        ],
    }


def contract_pages(
    commissioner: User, organisation: Organisation, union_rep: User
) -> dict[str, list[str]]:
    """A case at tender and award with its contract, a clause started and its obligation due."""
    case = case_at(Stage.TENDER_AWARD, commissioner, organisation, union_rep)
    contract = contract_services.contract_record(
        actor=commissioner,
        case=case,
        supplier_name="Rota Ltd",
        signed_on=today(),
        starts_on=today(),
    )
    (obligation,) = contract_services.clauses_choose(
        actor=commissioner, contract=contract, chosen={"audit": 30}
    )
    instance = contract_services.obligation_start(
        actor=commissioner, obligation=obligation, started_on=today(), what="The 2025 audit."
    )
    return {
        commissioner.username: [
            reverse("procurement:contract", args=[case.pk]),
            reverse("procurement:contract_record", args=[case.pk]),
            reverse("procurement:contract_obligation_start", args=[case.pk, obligation.pk]),
            reverse("procurement:contract_obligation_met", args=[case.pk, instance.pk]),
        ],
        union_rep.username: [reverse("procurement:contract", args=[case.pk])],
    }

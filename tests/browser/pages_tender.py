"""Tender, award and contract pages (issue 18), by the username of a person who may see them,
for tests/browser/test_every_page.py."""

from django.urls import reverse

from core.models import User
from procurement.models import ProcurementCase
from procurement.tender import services


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

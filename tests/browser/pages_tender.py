"""Tender, award and contract pages (issue 18), by the username of a person who may see them,
for tests/browser/test_every_page.py."""

from django.urls import reverse

from core.models import User
from procurement.models import ProcurementCase


def tender_pages(commissioner: User, case: ProcurementCase) -> dict[str, list[str]]:
    return {
        commissioner.username: [reverse("procurement:risk_questionnaire", args=[case.pk])],
    }

"""The risk questionnaire page (ADR 0016): thin, one service."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.views_helpers import action_page
from procurement import permissions
from procurement.proportionality import selectors, services
from procurement.proportionality.forms import RiskQuestionnaireForm


def risk_questionnaire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(permissions.cases_visible_to(request.user), pk=pk)
    require(permissions.can_grade_risk(request.user, case))
    latest = selectors.latest_grading(case)
    initial = {}
    if latest is not None:
        record, _grading = latest
        initial = {
            "decision_categories": list(record.decision_categories.all()),
            "workers_affected": record.workers_affected,
            "protected_characteristics": record.protected_characteristics,
            "automation": record.automation,
            "reversibility": record.reversibility,
        }
    form = RiskQuestionnaireForm(**form_data(request), initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.risk_grade(actor=request.user, case=case, **form.cleaned_data),
        _("Risk level set from the questionnaire."),
    ):
        return redirect("procurement:risk_questionnaire", pk=case.pk)
    return action_page(
        request,
        form=form,
        title=_("Risk questionnaire"),
        submit=_("Set the risk level"),
        caption=case.title,
        cancel_url=reverse("procurement:case_detail", args=[case.pk]),
        lead=_(
            "Given the risks, what is a proportional approach for engaging worker voice? The "
            "answers set the risk level, and the level sets what each stage requires."
        ),
        intro="procurement/includes/risk_intro.html",
        extra={
            "case": case,
            "latest": latest,
            "table": selectors.engagement_table(case),
            "gradings": list(selectors.gradings_of(case)),
        },
    )

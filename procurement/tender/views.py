"""Pages of the tender stage (issue 18): thin, one service each."""

from __future__ import annotations

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.views_helpers import action_page
from procurement import permissions
from procurement.models import ProcurementCase
from procurement.tender import selectors, services
from procurement.tender.forms import (
    QuestionForm,
    ReasonForm,
    RequirementForm,
    SignOffForm,
    WeightsForm,
)


def _visible_case(request: AuthenticatedHttpRequest, pk: int) -> ProcurementCase:
    return get_object_or_404(permissions.cases_visible_to(request.user), pk=pk)


def specification(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_view_specification(request.user, case))
    return render(
        request,
        "procurement/specification.html",
        {
            "case": case,
            "groups": selectors.requirements_by_kind(case),
            "can_edit": permissions.can_edit_specification(request.user, case),
        },
    )


def requirement_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_edit_specification(request.user, case))
    form = RequirementForm(**form_data(request), activities=selectors.activities_answerable(case))
    if form_service_succeeded(
        request,
        form,
        lambda: services.requirement_create(actor=request.user, case=case, **form.cleaned_data),
        _("Requirement added to the specification."),
    ):
        return redirect("procurement:specification", pk=case.pk)
    return action_page(
        request,
        form=form,
        title=_("Add a requirement"),
        submit=_("Add the requirement"),
        caption=case.title,
        cancel_url=reverse("procurement:specification", args=[case.pk]),
        extra={"case": case},
    )


def requirement_edit(
    request: AuthenticatedHttpRequest, pk: int, requirement_pk: int
) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_edit_specification(request.user, case))
    requirement = get_object_or_404(selectors.requirements_of(case), pk=requirement_pk)
    initial = {
        "kind": requirement.kind,
        "text": requirement.text,
        "proposed_by": requirement.proposed_by,
        "activity": requirement.activity,
        "concern": requirement.concern,
        "status": requirement.status,
        "dispute": requirement.dispute,
    }
    form = RequirementForm(
        **form_data(request), initial=initial, activities=selectors.activities_answerable(case)
    )
    if form_service_succeeded(
        request,
        form,
        lambda: services.requirement_update(
            actor=request.user, requirement=requirement, **form.cleaned_data
        ),
        _("Requirement saved."),
    ):
        return redirect("procurement:specification", pk=case.pk)
    return action_page(
        request,
        form=form,
        title=_("Change a requirement"),
        submit=_("Save the requirement"),
        caption=case.title,
        cancel_url=reverse("procurement:specification", args=[case.pk]),
        extra={"case": case},
    )


def tender_questions(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The question table: each question, what it tests, its weighting; set them all at once."""
    case = _visible_case(request, pk)
    require(permissions.can_view_specification(request.user, case))
    questions = selectors.questions_of(case)
    can_edit = permissions.can_edit_tender_questions(request.user, case)
    form = WeightsForm(**form_data(request), questions=questions)
    if request.method == "POST":
        require(can_edit)
        if form_service_succeeded(
            request,
            form,
            lambda: services.weights_set(
                actor=request.user,
                case=case,
                weights=form.weights(),
                reason=form.cleaned_data["reason"],
            ),
            _("Weightings saved."),
        ):
            return redirect("procurement:tender_questions", pk=case.pk)
    return render(
        request,
        "procurement/tender_questions.html",
        {
            "case": case,
            "questions": questions,
            "total": sum(question.weight for question in questions),
            "form": form,
            "can_edit": can_edit,
            "can_sign_off": permissions.can_sign_off_weightings(request.user, case),
            "signed_off": selectors.table_signed_off(case),
            "decisions": list(selectors.weighting_decisions_of(case)),
        },
    )


def _table_action(
    request: AuthenticatedHttpRequest,
    case: ProcurementCase,
    form: forms.Form,
    title: str | Promise,
    submit: str | Promise,
    lead: str | Promise = "",
) -> HttpResponse:
    return action_page(
        request,
        form=form,
        title=title,
        submit=submit,
        caption=case.title,
        cancel_url=reverse("procurement:tender_questions", args=[case.pk]),
        lead=lead,
        extra={"case": case},
    )


def questions_offer_toolkit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_edit_tender_questions(request.user, case))
    form = ReasonForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.questions_offer_toolkit(
            actor=request.user, case=case, reason=form.cleaned_data["reason"]
        ),
        _("The toolkit's supplier questions were added."),
    ):
        return redirect("procurement:tender_questions", pk=case.pk)
    return _table_action(
        request,
        case,
        form,
        _("Add the toolkit's supplier questions"),
        _("Add the questions"),
        lead=_(
            "The toolkit asks how suppliers will show that they involve workers and service "
            "users in development and support workforce development. Questions the case "
            "already has are not added twice."
        ),
    )


def question_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_edit_tender_questions(request.user, case))
    form = QuestionForm(**form_data(request), requirements=selectors.requirements_of(case))
    if form_service_succeeded(
        request,
        form,
        lambda: services.question_create(actor=request.user, case=case, **form.cleaned_data),
        _("Question added."),
    ):
        return redirect("procurement:tender_questions", pk=case.pk)
    return _table_action(request, case, form, _("Add a tender question"), _("Add the question"))


def question_requirements(
    request: AuthenticatedHttpRequest, pk: int, question_pk: int
) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_edit_tender_questions(request.user, case))
    question = get_object_or_404(case.tender_questions.all(), pk=question_pk)
    form = QuestionForm(
        **form_data(request),
        requirements=selectors.requirements_of(case),
        initial={
            "text_en": question.text_en,
            "text_cy": question.text_cy,
            "requirements": list(question.requirements.all()),
        },
    )
    for name in ("text_en", "text_cy"):
        form.fields[name].disabled = True
    if form_service_succeeded(
        request,
        form,
        lambda: services.question_link_requirements(
            actor=request.user,
            question=question,
            requirements=form.cleaned_data["requirements"],
            reason=form.cleaned_data["reason"],
        ),
        _("Question saved."),
    ):
        return redirect("procurement:tender_questions", pk=case.pk)
    return _table_action(
        request, case, form, _("Requirements a question tests"), _("Save the question")
    )


def weightings_sign_off(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_sign_off_weightings(request.user, case))
    form = SignOffForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.weightings_sign_off(
            actor=request.user, case=case, comment=form.cleaned_data["comment"]
        ),
        _("You signed off the questions and weightings."),
    ):
        return redirect("procurement:tender_questions", pk=case.pk)
    return _table_action(
        request,
        case,
        form,
        _("Sign off the questions and weightings"),
        _("Sign off the table"),
        lead=_(
            "You sign off the table as it stands. If it changes afterwards, the change needs a "
            "reason and you will be asked to sign it off again."
        ),
    )

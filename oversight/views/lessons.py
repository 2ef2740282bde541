"""The lessons log: the organisation's own lessons (searched, filtered, written and edited by its
staff) and the lessons other organisations shared, read without names."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.models import Organisation
from core.permissions import require
from core.selectors import organisations_of
from core.views_helpers import action_page
from oversight import lessons, permissions, services
from oversight.forms import LessonFilterForm, LessonForm
from oversight.models import Lesson

LESSONS_PER_PAGE = 25


def _organisation(request: AuthenticatedHttpRequest, org_pk: int) -> Organisation:
    organisation = get_object_or_404(organisations_of(request.user), pk=org_pk)
    require(permissions.can_keep_lessons(request.user, organisation))
    return organisation


def _filtered(request: AuthenticatedHttpRequest, found: Any) -> tuple[LessonFilterForm, Any, bool]:
    form = LessonFilterForm(request.GET)
    asked = form.filters()
    page = Paginator(lessons.lessons_matching(found, **asked), LESSONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return form, page, any(asked.values())


def lesson_list(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _organisation(request, org_pk)
    form, page, searched = _filtered(request, lessons.lessons_of(organisation))
    return render(
        request,
        "oversight/lesson_list.html",
        {"organisation": organisation, "form": form, "page": page, "searched": searched},
    )


def lesson_create(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _organisation(request, org_pk)
    form = LessonForm(**form_data(request), organisation=organisation)
    if form_service_succeeded(
        request,
        form,
        lambda: services.lesson_record(
            actor=request.user, organisation=organisation, **form.cleaned_data
        ),
        _("Lesson recorded."),
    ):
        return redirect("oversight:lesson_list", org_pk=organisation.pk)
    return action_page(
        request,
        form=form,
        title=_("Record a lesson"),
        submit=_("Record the lesson"),
        caption=organisation.name,
        cancel_url=reverse("oversight:lesson_list", args=[organisation.pk]),
        lead=_("What worked and what did not, so that the next procurement can learn from it."),
    )


def lesson_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    lesson: Lesson = get_object_or_404(
        permissions.lessons_visible_to(request.user).select_related("organisation"), pk=pk
    )
    require(permissions.can_edit_lesson(request.user, lesson))
    form = LessonForm(
        **form_data(request),
        organisation=lesson.organisation,
        initial={
            "title": lesson.title,
            "stage": lesson.stage,
            "approach": lesson.approach_id,
            "risk_level": lesson.risk_level,
            "what_worked": lesson.what_worked,
            "what_did_not": lesson.what_did_not,
            "case": lesson.case_id,
            "shareable": lesson.shareable,
        },
    )
    if form_service_succeeded(
        request,
        form,
        lambda: services.lesson_update(actor=request.user, lesson=lesson, **form.cleaned_data),
        _("Lesson saved."),
    ):
        return redirect("oversight:lesson_list", org_pk=lesson.organisation_id)
    return action_page(
        request,
        form=form,
        title=_("Edit the lesson"),
        submit=_("Save the lesson"),
        caption=lesson.organisation.name,
        cancel_url=reverse("oversight:lesson_list", args=[lesson.organisation_id]),
    )


def shared_lesson_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_read_shared_lessons(request.user))
    form, page, searched = _filtered(request, lessons.shared_by_others(request.user))
    return render(
        request,
        "oversight/shared_lesson_list.html",
        {
            "form": form,
            "page": page,
            "lessons": [lessons.shared_view(lesson) for lesson in page],
            "searched": searched,
        },
    )


def shared_lesson(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A shared lesson, as anyone who keeps a lessons log reads it: no author, case or
    organisation. A lesson that is not shared is not known here."""
    require(permissions.can_read_shared_lessons(request.user))
    lesson = get_object_or_404(permissions.shared_lessons().select_related("approach"), pk=pk)
    return render(request, "oversight/shared_lesson.html", {"lesson": lessons.shared_view(lesson)})

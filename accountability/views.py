"""Failures: the list each role sees, one failure with its dates and evidence, the steps taken,
the chaser letters and the ACAS dates. Thin: services write, selectors read."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from accountability import permissions, selectors, services
from accountability.forms import ChaserLetterForm, ConciliationForm, StepTakenForm
from accountability.models import Failure
from accountability.presenters import what_happened
from core import legal_time
from core.clock import uk_today
from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.timeline import timeline_rows
from core.views_helpers import action_page


def failure_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_list_failures(request.user))
    today = uk_today()
    return render(
        request,
        "accountability/failure_list.html",
        {"rows": selectors.rows(selectors.failures_listed_for(request.user), today)},
    )


def _visible(request: AuthenticatedHttpRequest, pk: int) -> Failure:
    return get_object_or_404(selectors.failures_listed_for(request.user), pk=pk)


def failure_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    failure = _visible(request, pk)
    today = uk_today()
    return render(
        request,
        "accountability/failure_detail.html",
        {
            "failure": failure,
            "what_happened": what_happened(failure),
            "days_left": legal_time.days_left(today, failure.limitation_safe),
            "steps": list(selectors.steps_of(failure)),
            "letters": list(selectors.letters_of(failure)),
            "can_act": permissions.can_act_on_failure(request.user, failure),
            "events": timeline_rows(failure),
        },
    )


def _acted_on(request: AuthenticatedHttpRequest, pk: int) -> Failure:
    failure = _visible(request, pk)
    require(permissions.can_act_on_failure(request.user, failure))
    return failure


def step_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    failure = _acted_on(request, pk)
    form = StepTakenForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.step_taken_record(
            actor=request.user,
            failure=failure,
            taken_on=form.cleaned_data["taken_on"],
            description=form.cleaned_data["description"],
        ),
        _("Step recorded."),
    ):
        return redirect("accountability:failure_detail", pk=failure.pk)
    return action_page(
        request,
        form=form,
        title=_("Record a step taken to get the employer to comply"),
        submit=_("Record the step"),
        caption=failure.get_obligation_display(),
        cancel_url=reverse("accountability:failure_detail", args=[failure.pk]),
        lead=_(
            "If a claim is made late, a tribunal may still hear it when that is just and "
            "equitable. It looks at the steps taken to get the employer to comply without a "
            "claim (s.19(6)). Record each one here."
        ),
    )


def letter_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    failure = _acted_on(request, pk)
    form = ChaserLetterForm(**form_data(request))
    created = {}

    def draft() -> None:
        created["letter"] = services.chaser_letter_draft(
            actor=request.user,
            failure=failure,
            language=form.cleaned_data["language"],
            sender_name=form.cleaned_data["sender_name"],
        )

    if form_service_succeeded(request, form, draft, _("Letter drafted and kept.")):
        return redirect(
            "accountability:letter_detail", pk=failure.pk, letter_pk=created["letter"].pk
        )
    return action_page(
        request,
        form=form,
        title=_("Draft a letter asking the employer to comply"),
        submit=_("Draft the letter"),
        caption=failure.get_obligation_display(),
        cancel_url=reverse("accountability:failure_detail", args=[failure.pk]),
        lead=_(
            "Llais writes a dated letter from the failure and the steps recorded so far. "
            "Send it yourself; Llais keeps a copy as evidence of the steps taken."
        ),
    )


def letter_detail(request: AuthenticatedHttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    failure = _visible(request, pk)
    letter = get_object_or_404(selectors.letters_of(failure), pk=letter_pk)
    return render(
        request, "accountability/letter_detail.html", {"failure": failure, "letter": letter}
    )


def conciliation(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    failure = _acted_on(request, pk)
    initial = {"day_a": failure.day_a, "day_b": failure.day_b}
    form = ConciliationForm(initial=initial, **form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.failure_record_early_conciliation(
            actor=request.user,
            failure=failure,
            day_a=form.cleaned_data["day_a"],
            day_b=form.cleaned_data["day_b"],
        ),
        _("Early conciliation dates recorded."),
    ):
        return redirect("accountability:failure_detail", pk=failure.pk)
    return action_page(
        request,
        form=form,
        title=_("Record ACAS early conciliation"),
        submit=_("Save the dates"),
        caption=failure.get_obligation_display(),
        cancel_url=reverse("accountability:failure_detail", args=[failure.pk]),
        lead=_(
            "Early conciliation may extend the time to make a claim. Whether it applies to "
            "these claims is not yet settled, so the date to file by without it stays the safe "
            "date."
        ),
    )

"""The pages of a case's oversight reviews. Views parse input, call one service and render;
permissions come from oversight.permissions."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.transitions import transition_actions
from core.views_helpers import action_page
from oversight import permissions, review_selectors, review_services
from oversight.forms import ReviewAnswersForm, ReviewDecisionForm, ReviewSubmitForm
from oversight.models import OversightReview


def _visible_review(request: AuthenticatedHttpRequest, pk: int) -> OversightReview:
    return get_object_or_404(
        permissions.reviews_visible_to(request.user).select_related(
            "case", "case__organisation", "organisation", "submitted_by", "decided_by"
        ),
        pk=pk,
    )


def _caption(review: OversightReview) -> str:
    return _("%(case)s: oversight review %(number)s") % {
        "case": review.case.title,
        "number": review.number,
    }


def review_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _visible_review(request, pk)
    can_edit = permissions.can_edit_review(request.user, review)
    can_decide = permissions.can_decide_review(request.user, review)
    decide = reverse("oversight:review_decide", args=[review.pk])
    return render(
        request,
        "oversight/review_detail.html",
        {
            "review": review,
            "prompts": review_selectors.review_prompts(review),
            "previous": review_selectors.previous_review(review),
            "can_edit": can_edit,
            "actions": transition_actions(
                review,
                "state",
                allowed={"submit": can_edit, "sign_off": can_decide, "dissent": can_decide},
                url_for={
                    "submit": reverse("oversight:review_submit", args=[review.pk]),
                    "sign_off": decide + "?kind=sign_off",
                    "dissent": decide + "?kind=dissent",
                },
                even_if_unmet=True,
            ),
        },
    )


def review_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _visible_review(request, pk)
    require(permissions.can_edit_review(request.user, review))
    prompts = review_selectors.review_prompts(review)
    form = ReviewAnswersForm(
        **form_data(request),
        prompts=prompts,
        initial={"what_has_changed": review.what_has_changed, "closing": review.closing},
    )
    if form_service_succeeded(
        request,
        form,
        lambda: review_services.review_answer(
            actor=request.user,
            review=review,
            answers=form.answers(),
            what_has_changed=form.cleaned_data["what_has_changed"],
            closing=form.cleaned_data["closing"],
        ),
        _("The review's answers are saved."),
    ):
        return redirect("oversight:review_detail", pk=review.pk)
    return action_page(
        request,
        form=form,
        title=_("Answer the oversight review"),
        submit=_("Save the answers"),
        caption=_caption(review),
        cancel_url=reverse("oversight:review_detail", args=[review.pk]),
        lead=_(
            "Each answer starts from what the previous review agreed. Change it to what is "
            "agreed now with workers and their union representatives."
        ),
    )


def review_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _visible_review(request, pk)
    require(permissions.can_edit_review(request.user, review))
    form = ReviewSubmitForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: review_services.review_submit(actor=request.user, review=review),
        _("The review was sent to the union representatives for sign-off."),
    ):
        return redirect("oversight:review_detail", pk=review.pk)
    return action_page(
        request,
        form=form,
        title=_("Submit the review for the union's sign-off"),
        submit=_("Submit the review"),
        caption=_caption(review),
        cancel_url=reverse("oversight:review_detail", args=[review.pk]),
        lead=_(
            "The union representatives assigned to the case are asked to sign it off or to "
            "record dissent. The answers cannot be changed after that."
        ),
    )


def review_decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review = _visible_review(request, pk)
    require(permissions.can_decide_review(request.user, review))
    chosen = request.GET.get("kind", "")
    form = ReviewDecisionForm(
        **form_data(request),
        initial={"kind": chosen if chosen in {"sign_off", "dissent"} else None},
    )
    if form_service_succeeded(
        request,
        form,
        lambda: review_services.review_decide(
            actor=request.user, review=review, **form.cleaned_data
        ),
        _("Your decision on the review is on the record."),
    ):
        return redirect("oversight:review_detail", pk=review.pk)
    return action_page(
        request,
        form=form,
        title=_("Sign off the review or record dissent"),
        submit=_("Record my decision"),
        caption=_caption(review),
        cancel_url=reverse("oversight:review_detail", args=[review.pk]),
        intro="oversight/includes/review_answers.html",
        extra={"prompts": review_selectors.review_prompts(review), "review": review},
    )

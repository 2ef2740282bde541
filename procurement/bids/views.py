"""Pages of the bid assessment (ADR 0017): thin, one service each. Bids and scores are shown
only to the panel and the bid staff; individual scores blind until every member has submitted."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.selectors import members_of
from core.views_helpers import action_page
from procurement import permissions
from procurement.bids import selectors, services
from procurement.bids.forms import (
    AwardForm,
    BidForm,
    ConfirmForm,
    ConflictForm,
    DissentForm,
    ModerationForm,
    PanelMemberForm,
    ScoresForm,
)
from procurement.models import ProcurementCase


def _case(request: AuthenticatedHttpRequest, pk: int) -> ProcurementCase:
    """Another organisation's case, or one the user has no part in, is a 404."""
    return get_object_or_404(permissions.cases_with_bids_visible_to(request.user), pk=pk)


def _back(case: ProcurementCase) -> str:
    return reverse("procurement:bid_assessment", args=[case.pk])


def _action(
    request: AuthenticatedHttpRequest,
    case: ProcurementCase,
    form: object,
    title: str | Promise,
    submit: str | Promise,
    **kwargs: object,
) -> HttpResponse:
    return action_page(
        request,
        form=form,  # type: ignore[arg-type]
        title=title,
        submit=submit,
        caption=case.title,
        cancel_url=_back(case),
        extra={"case": case, **kwargs.pop("extra", {})},  # type: ignore[dict-item]
        **kwargs,  # type: ignore[arg-type]
    )


def bid_assessment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_view_bids(request.user, case))
    member = permissions.panel_member_of(request.user, case)
    assessment = selectors.assessment_for(case)
    all_submitted = selectors.all_submitted(case)
    can_manage = permissions.can_manage_bid_assessment(request.user, case)
    questions = list(selectors.questions_for(case))
    scores = list(selectors.scores_visible_to(request.user, case))
    moderations = {(m.bid_id, m.question_id): m for m in selectors.moderations_for(case)}
    bids = list(selectors.bids_for(case))
    rows = []
    if all_submitted:
        for bid in bids:
            for question in questions:
                rows.append(
                    {
                        "bid": bid,
                        "question": question,
                        "scores": [
                            s for s in scores if s.bid_id == bid.pk and s.question_id == question.pk
                        ],
                        "moderation": moderations.get((bid.pk, question.pk)),
                    }
                )
    award = selectors.award_for_case(case)
    return render(
        request,
        "procurement/bid_assessment.html",
        {
            "case": case,
            "bids": bids,
            "questions": questions,
            "panel": list(selectors.panel_for(case)),
            "member": member,
            "assessment": assessment,
            "blockers": services.scoring_blockers(case) if assessment is None else [],
            "all_submitted": all_submitted,
            "my_scores": [s for s in scores if member and s.member_id == member.pk],
            "rows": rows,
            "totals": selectors.weighted_totals(case) if all_submitted else [],
            "fully_moderated": selectors.fully_moderated(case),
            "award": award,
            "dissents": list(selectors.dissents_for(case)),
            "can_manage": can_manage,
            "can_view_case": permissions.can_view_case(request.user, case),
            "can_score": permissions.can_score_bids(request.user, case),
            "can_declare": member is not None
            and permissions.can_declare_conflict(request.user, member),
            "can_dissent": permissions.can_record_bid_dissent(request.user, case),
        },
    )


def bid_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_manage_bid_assessment(request.user, case))
    form = BidForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.bid_record(actor=request.user, case=case, **form.cleaned_data),
        _("Bid recorded."),
    ):
        return redirect(_back(case))
    return _action(request, case, form, _("Record a bid"), _("Record the bid"))


def panel_member_add(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_manage_bid_assessment(request.user, case))
    form = PanelMemberForm(**form_data(request), people=members_of(case.organisation))
    if form_service_succeeded(
        request,
        form,
        lambda: services.panel_member_add(actor=request.user, case=case, **form.cleaned_data),
        _("Panel member added. They must declare their conflicts of interest."),
    ):
        return redirect(_back(case))
    return _action(
        request,
        case,
        form,
        _("Add a member to the evaluation panel"),
        _("Add to the panel"),
        lead=_(
            "The panel must include at least one worker or union representative before scoring "
            "can open."
        ),
    )


def conflict_declare(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    member = permissions.panel_member_of(request.user, case)
    require(member is not None and permissions.can_declare_conflict(request.user, member))
    assert member is not None
    form = ConflictForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.conflict_declare(actor=request.user, member=member, **form.cleaned_data),
        _("Your declaration is recorded."),
    ):
        return redirect(_back(case))
    return _action(
        request,
        case,
        form,
        _("Declare your conflicts of interest"),
        _("Save the declaration"),
        lead=_(
            "For example: you, or someone close to you, works for a bidder, holds shares in one, "
            "or has been offered work by one."
        ),
    )


def scoring_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_manage_bid_assessment(request.user, case))
    form = ConfirmForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.scoring_open(actor=request.user, case=case),
        _("Scoring is open. The panel has been told."),
    ):
        return redirect(_back(case))
    return _action(
        request,
        case,
        form,
        _("Open scoring"),
        _("Open scoring"),
        lead=_(
            "The panel and the bids are then fixed. Each member scores on their own; nobody sees "
            "another's scores until every member has submitted theirs."
        ),
    )


def scores_edit(request: AuthenticatedHttpRequest, pk: int, bid_pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_score_bids(request.user, case))
    bid = get_object_or_404(selectors.bids_for(case), pk=bid_pk)
    questions = list(selectors.questions_for(case))
    mine = {
        s.question_id: s
        for s in selectors.scores_visible_to(request.user, case).filter(
            bid=bid, member__person=request.user
        )
    }
    initial: dict[str, object] = {}
    for question_id, score in mine.items():
        initial[f"score_{question_id}"] = score.score
        initial[f"comment_{question_id}"] = score.comment
    form = ScoresForm(**form_data(request), questions=questions, initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.scores_save(actor=request.user, bid=bid, scores=form.scores()),
        _("Your scores for %(supplier)s are saved.") % {"supplier": bid.supplier.name},
    ):
        return redirect(_back(case))
    return _action(
        request,
        case,
        form,
        _("Your scores: %(supplier)s") % {"supplier": bid.supplier.name},
        _("Save your scores"),
        inset=bid.summary,
    )


def scores_submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_score_bids(request.user, case))
    form = ConfirmForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.scores_submit(actor=request.user, case=case),
        _("Your scores are submitted."),
    ):
        return redirect(_back(case))
    return _action(
        request,
        case,
        form,
        _("Submit your scores"),
        _("Submit your scores"),
        lead=_("Once submitted, your scores cannot be changed. The moderation can agree others."),
    )


def moderate(
    request: AuthenticatedHttpRequest, pk: int, bid_pk: int, question_pk: int
) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_manage_bid_assessment(request.user, case))
    bid = get_object_or_404(selectors.bids_for(case), pk=bid_pk)
    question = get_object_or_404(selectors.questions_for(case), pk=question_pk)
    if not selectors.can_see_all_scores(request.user, case):
        raise Http404
    scores = list(
        selectors.scores_visible_to(request.user, case).filter(bid=bid, question=question)
    )
    current = selectors.moderations_for(case).filter(bid=bid, question=question).first()
    initial = {"agreed_score": current.agreed_score, "reason": current.reason} if current else {}
    form = ModerationForm(**form_data(request), initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.moderation_record(
            actor=request.user, bid=bid, question=question, **form.cleaned_data
        ),
        _("Agreed score saved."),
    ):
        return redirect(_back(case))
    return _action(
        request,
        case,
        form,
        _("Moderate: %(supplier)s") % {"supplier": bid.supplier.name},
        _("Save the agreed score"),
        lead=str(question.text),
        intro="procurement/includes/member_scores.html",
        extra={"scores": scores},
    )


def award_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_manage_bid_assessment(request.user, case))
    form = AwardForm(**form_data(request), bids=selectors.bids_for(case))
    if form_service_succeeded(
        request,
        form,
        lambda: services.award_record(actor=request.user, case=case, **form.cleaned_data),
        _("The award is recorded."),
    ):
        return redirect(_back(case))
    return _action(
        request,
        case,
        form,
        _("Record the award"),
        _("Record the award"),
        intro="procurement/includes/weighted_totals.html",
        extra={"totals": selectors.weighted_totals(case)},
    )


def dissent_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    require(permissions.can_record_bid_dissent(request.user, case))
    form = DissentForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.dissent_record(actor=request.user, case=case, **form.cleaned_data),
        _("Your dissent is recorded."),
    ):
        return redirect(_back(case))
    return _action(
        request,
        case,
        form,
        _("Record your dissent"),
        _("Record your dissent"),
        lead=_("Your dissent stays on the record of this case, beside the award."),
    )

"""Pages of the contract (issue 18, item 5): thin, one service each."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.views_helpers import action_page
from procurement import permissions
from procurement.bids.selectors import award_for_case
from procurement.contract_clauses import CLAUSES_BY_KEY, Shape
from procurement.contracts import selectors, services
from procurement.contracts.forms import (
    ClausesForm,
    ContractForm,
    ObligationMetForm,
    ObligationStartForm,
)
from procurement.models import Contract, ProcurementCase
from procurement.open_contracting import ocid, release_package

# The clauses whose clock the employer starts by recording a request or a change; the others
# start by themselves (a worker's request on a covered system, a period).
STARTED_BY_THE_EMPLOYER = {Shape.WITHIN_DAYS_OF_CHANGE, Shape.WITHIN_DAYS_OF_EMPLOYER_REQUEST}


def _visible_case(request: AuthenticatedHttpRequest, pk: int) -> ProcurementCase:
    return get_object_or_404(permissions.cases_visible_to(request.user), pk=pk)


def _managed_contract(request: AuthenticatedHttpRequest, pk: int) -> Contract:
    case = _visible_case(request, pk)
    require(permissions.can_manage_contract(request.user, case))
    contract = selectors.contract_of(case)
    if contract is None:
        raise Http404
    return contract


def contract(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The contract and its clauses: the library in the page's language, the clauses chosen
    with their days or months, and what the supplier had to do, met or late."""
    case = _visible_case(request, pk)
    current = selectors.contract_of(case)
    can_manage = permissions.can_manage_contract(request.user, case)
    rows = selectors.library_rows(current)
    form = ClausesForm(**form_data(request), rows=rows)
    if request.method == "POST":
        require(can_manage and current is not None)
        assert current is not None
        if form_service_succeeded(
            request,
            form,
            lambda: services.clauses_choose(
                actor=request.user, contract=current, chosen=form.chosen()
            ),
            _("Contract clauses saved."),
        ):
            return redirect("procurement:contract", pk=case.pk)
    obligations = [
        {
            "obligation": obligation,
            "clause": clause,
            "wording": clause.wording(obligation.amount),
            "startable": can_manage and clause.shape in STARTED_BY_THE_EMPLOYER,
        }
        for obligation in selectors.obligations_of(current)
        for clause in [CLAUSES_BY_KEY[obligation.clause_key]]
    ]
    return render(
        request,
        "procurement/contract.html",
        {
            "case": case,
            "contract": current,
            "rows": rows,
            "form": form,
            "obligations": obligations,
            "instances": selectors.instance_rows(case, uk_today()),
            "can_manage": can_manage,
        },
    )


def _award_initial(case: ProcurementCase) -> dict[str, object]:
    """A first contract starts from the award recorded in Llais, if there is one."""
    award = award_for_case(case)
    return {"supplier_name": award.bid.supplier.name} if award else {}


def contract_record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = _visible_case(request, pk)
    require(permissions.can_manage_contract(request.user, case))
    current = selectors.contract_of(case)
    initial = (
        {
            "supplier_name": current.supplier_name,
            "signed_on": current.signed_on,
            "starts_on": current.starts_on,
            "ends_on": current.ends_on,
        }
        if current
        else _award_initial(case)
    )
    form = ContractForm(**form_data(request), initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.contract_record(actor=request.user, case=case, **form.cleaned_data),
        _("Contract saved."),
    ):
        return redirect("procurement:contract", pk=case.pk)
    return action_page(
        request,
        form=form,
        title=_("Record the contract"),
        submit=_("Save the contract"),
        caption=case.title,
        cancel_url=reverse("procurement:contract", args=[case.pk]),
        extra={"case": case},
    )


def obligation_start(
    request: AuthenticatedHttpRequest, pk: int, obligation_pk: int
) -> HttpResponse:
    contract = _managed_contract(request, pk)
    obligation = get_object_or_404(contract.obligations, pk=obligation_pk)
    clause = CLAUSES_BY_KEY[obligation.clause_key]
    form = ObligationStartForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.obligation_start(
            actor=request.user, obligation=obligation, **form.cleaned_data
        ),
        _("The supplier's clock has started."),
    ):
        return redirect("procurement:contract", pk=pk)
    return action_page(
        request,
        form=form,
        title=_("Ask the supplier to act: %(clause)s") % {"clause": clause.title},
        submit=_("Start the supplier's clock"),
        caption=contract.case.title,
        cancel_url=reverse("procurement:contract", args=[pk]),
        lead=clause.wording(obligation.amount),
        extra={"case": contract.case},
    )


def obligation_met(request: AuthenticatedHttpRequest, pk: int, instance_pk: int) -> HttpResponse:
    contract = _managed_contract(request, pk)
    instance = get_object_or_404(
        selectors.instances_of(contract.case).filter(met_on__isnull=True), pk=instance_pk
    )
    clause = CLAUSES_BY_KEY[instance.obligation.clause_key]
    form = ObligationMetForm(**form_data(request), initial={"met_on": uk_today()})
    if form_service_succeeded(
        request,
        form,
        lambda: services.obligation_meet(
            actor=request.user, instance=instance, met_on=form.cleaned_data["met_on"]
        ),
        _("Recorded as met."),
    ):
        return redirect("procurement:contract", pk=pk)
    return action_page(
        request,
        form=form,
        title=_("Record that the supplier met a clause: %(clause)s") % {"clause": clause.title},
        submit=_("Record as met"),
        caption=contract.case.title,
        cancel_url=reverse("procurement:contract", args=[pk]),
        lead=clause.wording(instance.obligation.amount),
        extra={"case": contract.case},
    )


def open_contracting(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The case as an OCDS release package, for anyone who may see the case."""
    case = _visible_case(request, pk)
    require(permissions.can_view_case(request.user, case))
    package = release_package(
        case,
        uri=request.build_absolute_uri(),
        contract=selectors.contract_of(case),
        today=uk_today(),
    )
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{ocid(case)}.json"'
    return response

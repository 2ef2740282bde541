from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.extensions import object_panels
from core.forms import add_service_error
from core.http import AuthenticatedHttpRequest, form_data
from core.selectors import timeline_for
from registers import permissions, selectors, services
from registers.forms import AISystemForm
from registers.models import AISystem


def _visible_system(request: AuthenticatedHttpRequest, pk: int) -> AISystem:
    return get_object_or_404(
        permissions.systems_visible_to(request.user).select_related("organisation"), pk=pk
    )


def system_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    systems = (
        permissions.systems_visible_to(request.user)
        .select_related("organisation")
        .prefetch_related("decision_categories")
    )
    return render(
        request,
        "registers/system_list.html",
        {
            "systems": systems,
            "can_create": permissions.organisations_for_new_system(request.user).exists(),
        },
    )


def system_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    system = _visible_system(request, pk)
    return render(
        request,
        "registers/system_detail.html",
        {
            "system": system,
            "categories": list(system.decision_categories.all()),
            "register_entry_due": selectors.register_entry_due(system),
            "events": list(timeline_for(system)),
            "can_edit": permissions.can_edit_system(request.user, system),
            "panels": object_panels("ai_system", request, system),
        },
    )


def system_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = permissions.organisations_for_new_system(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = AISystemForm(**form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            system = services.ai_system_create(
                actor=request.user, organisation=organisations[0], **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("AI system recorded."))
            return redirect("registers:system_detail", pk=system.pk)
    return render(request, "registers/system_form.html", {"form": form, "system": None})


def system_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    system = _visible_system(request, pk)
    if not permissions.can_edit_system(request.user, system):
        raise PermissionDenied
    initial = {
        "name": system.name,
        "supplier": system.supplier,
        "description": system.description,
        "value_chain": system.value_chain,
        "decision_categories": list(system.decision_categories.all()),
        "used_in_high_risk_decision_making": system.used_in_high_risk_decision_making,
        "planned_start": system.planned_start,
        "first_use": system.first_use,
        "end_of_use": system.end_of_use,
    }
    form = AISystemForm(**form_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.ai_system_update(actor=request.user, system=system, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("AI system saved."))
            return redirect("registers:system_detail", pk=system.pk)
    return render(request, "registers/system_form.html", {"form": form, "system": system})

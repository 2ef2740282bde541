from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.extensions import object_panels
from core.forms import add_service_error, form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from core.timeline import timeline_rows
from core.transitions import transition_actions
from registers import permissions, selectors, services
from registers.forms import (
    AISystemChangeForm,
    AISystemForm,
    PublishEntryForm,
    RegisterEntryForm,
    RetireEntryForm,
)
from registers.models import AISystem, RegisterEntry

ENTRIES_PER_PAGE = 50


def _visible_system(request: AuthenticatedHttpRequest, pk: int) -> AISystem:
    return get_object_or_404(
        permissions.systems_visible_to(request.user).select_related("organisation"), pk=pk
    )


def system_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The records the person works on, and the public register entries of the rest of their
    organisations' systems (a worker reads those, never the internal record)."""
    internal = permissions.systems_visible_to(request.user)
    systems = internal.select_related("organisation").prefetch_related("decision_categories")
    entries = selectors.published_entries_of(
        permissions.member_organisation_ids(request.user)
    ).exclude(system__in=internal)
    return render(
        request,
        "registers/system_list.html",
        {
            "systems": systems,
            "entries": entries,
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
            "entry": _entry_or_none(system),
            "can_view_entry": permissions.can_view_entry(request.user, system),
            "events": timeline_rows(system),
            "can_edit": permissions.can_edit_system(request.user, system),
            "panels": object_panels("ai_system", request, system),
        },
    )


def system_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = permissions.organisations_for_new_system(request.user)
    require(organisations.exists())
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
    require(permissions.can_edit_system(request.user, system))
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
    form = AISystemChangeForm(**form_data(request), initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.ai_system_update(actor=request.user, system=system, **form.cleaned_data),
        _("AI system saved."),
    ):
        overdue = selectors.register_change_overdue(system)
        if overdue is not None:
            messages.warning(
                request,
                _(
                    "This change happened more than 3 months ago: the register entry was due to "
                    "show it by %(due)s and is overdue. Publish it now."
                )
                % {"due": date_format(overdue, "j F Y")},
            )
        return redirect("registers:system_detail", pk=system.pk)
    return render(request, "registers/system_form.html", {"form": form, "system": system})


# --- The register entry, for staff (the public pages are in public_views.py) ------------------


def _entry_page_system(request: AuthenticatedHttpRequest, pk: int) -> AISystem:
    """A system whose entry the person may see: another organisation's is a 404; a member who
    sees the system but not the working copy gets 403; a system outside the register is 404."""
    system = _visible_system(request, pk)
    require(permissions.can_view_entry(request.user, system))
    if not system.used_in_high_risk_decision_making and not hasattr(system, "register_entry"):
        raise Http404
    return system


def _entry_or_none(system: AISystem) -> RegisterEntry | None:
    return selectors.entry_of(system)


def entry_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every entry of the person's organisations, soonest due first, with the overdue marked."""
    require(permissions.can_list_entries(request.user))
    entries = permissions.entries_visible_to(request.user)
    today = uk_today()
    overdue_only = request.GET.get("show") == "overdue"
    if overdue_only:
        entries = entries.filter(due_by__lt=today)
    page = Paginator(selectors.staff_entries(entries), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(entry, selectors.entry_is_overdue(entry, today)) for entry in page]
    return render(
        request,
        "registers/entry_list.html",
        {
            "rows": rows,
            "page": page,
            "overdue_only": overdue_only,
            "missing": selectors.systems_missing_an_entry(
                permissions.systems_visible_to(request.user)
            ),
        },
    )


def entry_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    system = _entry_page_system(request, pk)
    entry = _entry_or_none(system)
    today = uk_today()
    can_publish = permissions.can_publish_entry(request.user, system)
    use_ended = system.end_of_use is not None and system.end_of_use <= today
    return render(
        request,
        "registers/entry_detail.html",
        {
            "system": system,
            "entry": entry,
            "overdue": entry is not None and selectors.entry_is_overdue(entry, today),
            "versions": list(entry.versions.all()) if entry else [],
            "events": timeline_rows(entry),
            "can_edit": permissions.can_edit_entry(request.user, system),
            # Once use has ended, the next publication is the end of use.
            "actions": (
                transition_actions(
                    entry,
                    "status",
                    allowed={
                        "publish": can_publish and not use_ended,
                        "retire": can_publish and use_ended,
                    },
                    url_for={
                        "publish": reverse("registers:entry_publish", args=[system.pk]),
                        "retire": reverse("registers:entry_retire", args=[system.pk]),
                    },
                )
                if entry
                else {}
            ),
        },
    )


def entry_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    system = _entry_page_system(request, pk)
    require(permissions.can_edit_entry(request.user, system))
    entry = _entry_or_none(system)
    initial = (
        {field: getattr(entry, field) for field in services.ENTRY_TEXT_FIELDS} if entry else {}
    )
    form = RegisterEntryForm(**form_data(request), initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.register_entry_save(
            actor=request.user, system=system, **form.cleaned_data
        ),
        _("Register entry saved. It is not public until published."),
    ):
        return redirect("registers:entry_detail", pk=system.pk)
    return render(request, "registers/entry_form.html", {"form": form, "system": system})


def _publishable_entry(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[AISystem, RegisterEntry]:
    system = _entry_page_system(request, pk)
    require(permissions.can_publish_entry(request.user, system))
    entry = _entry_or_none(system)
    if entry is None:
        raise Http404
    return system, entry


def _atrs_preview(system: AISystem) -> list[tuple[selectors.AtrsDetail, str]]:
    """What the version about to be published will freeze for the ATRS export, shown to the
    publisher before they publish (docs/adr/0023)."""
    details = selectors.atrs_details_of(system)
    return [(row, details[row.field]) for row in selectors.atrs_detail_rows()]


def entry_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    system, entry = _publishable_entry(request, pk)
    first = entry.published_version is None
    initial = {"change_date": entry.unrecorded_change_on}
    form = PublishEntryForm(**form_data(request), first=first, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.register_entry_publish(
                actor=request.user, entry=entry, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Version %(number)s is now in the public register.") % {"number": version.number},
            )
            return redirect("registers:entry_detail", pk=system.pk)
    return render(
        request,
        "registers/entry_publish.html",
        {
            "form": form,
            "system": system,
            "entry": entry,
            "first": first,
            "atrs_details": _atrs_preview(system),
        },
    )


def entry_retire(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    system, entry = _publishable_entry(request, pk)
    form = RetireEntryForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: services.register_entry_retire(
            actor=request.user, entry=entry, **form.cleaned_data
        ),
        _("The end of use is now in the public register."),
    ):
        return redirect("registers:entry_detail", pk=system.pk)
    return render(
        request,
        "registers/entry_retire.html",
        {"form": form, "system": system, "entry": entry, "atrs_details": _atrs_preview(system)},
    )

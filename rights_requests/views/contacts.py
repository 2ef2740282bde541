"""Who answers: the organisation's nominated contacts, competent agents and most senior person."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.permissions import require
from rights_requests import permissions, selectors, services
from rights_requests.competence import contact_limbs_failed, explanation_competence_recorded
from rights_requests.forms import ContactForm


def contact_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    orgs = permissions.organisations_for_contacts(request.user)
    require(bool(orgs))
    contacts = selectors.contacts_of(orgs)
    return render(
        request,
        "rights_requests/contact_list.html",
        {
            "rows": [
                (c, contact_limbs_failed(c), explanation_competence_recorded(c)) for c in contacts
            ],
            "published": selectors.published_contacts_for(orgs),
            "organisations": selectors.organisations_by_pk(orgs),
        },
    )


def _contact_form(
    request: AuthenticatedHttpRequest, organisation_id: int, **kwargs: Any
) -> ContactForm:
    people = selectors.members_of(organisation_id)
    agents = selectors.undelegated_agents_of(organisation_id)
    return ContactForm(**form_data(request), people=people, agents=agents, **kwargs)


def contact_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    orgs = permissions.organisations_for_contacts(request.user)
    require(bool(orgs))
    organisation = selectors.organisation(orgs[0])
    form = _contact_form(request, organisation.pk)
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_contact_create(
            actor=request.user, organisation=organisation, **form.cleaned_data
        ),
        _("Contact saved."),
    ):
        return redirect("rights_requests:contact_list")
    return render(request, "rights_requests/contact_form.html", {"form": form, "contact": None})


def contact_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(
        selectors.contacts_of(permissions.organisations_for_contacts(request.user)), pk=pk
    )
    initial = {name: getattr(contact, name) for name in services.CONTACT_FIELDS}
    form = _contact_form(request, contact.organisation_id, initial=initial)
    if form_service_succeeded(
        request,
        form,
        lambda: services.rights_contact_update(
            actor=request.user, contact=contact, **form.cleaned_data
        ),
        _("Contact saved."),
    ):
        return redirect("rights_requests:contact_list")
    return render(request, "rights_requests/contact_form.html", {"form": form, "contact": contact})

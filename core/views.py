import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.accounts.selectors import authenticator_of
from core.extensions import NOTIFICATION_KINDS, dashboard_panels, object_panels, personal_data_of
from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.models import Organisation
from core.organisation_forms import (
    ConfirmForm,
    MemberAddForm,
    MemberRolesForm,
    OrganisationSettingsForm,
)
from core.permissions import (
    can_administer_organisation,
    can_see_sweep_runs,
    organisations_administered_by,
    require,
)
from core.roles import Role
from core.selectors import (
    members_of,
    members_with_roles,
    notifications_for,
    organisations_by_pk,
    organisations_of,
    recent_sweep_runs,
    roles_by_organisation,
    roles_of,
)
from core.services import (
    member_add,
    member_invite,
    member_roles_set,
    member_second_factor_reset,
    notification_open_url,
    notification_render,
    notifications_mark_read,
    organisation_settings_update,
    user_set_language,
)
from core.services import notification_open as open_notification
from core.timeline import timeline_rows
from core.views_helpers import action_page

NOTIFICATIONS_PER_PAGE = 50


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    # Apps add what a visitor without an account can do (rights_requests: ask about a decision).
    return render(request, "core/home.html", {"panels": object_panels("home", request, None)})


@login_not_required
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, open to visitors who have not signed in."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in {"en", "cy"}:
        user_set_language(user=request.user, language=language)
    return response


def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One page per person: each app adds a panel for the roles it serves."""
    roles = set().union(*roles_by_organisation(request.user).values())
    return render(
        request,
        "core/dashboard.html",
        {
            "roles": roles,
            "organisations": organisations_of(request.user),
            "administered": organisations_by_pk(organisations_administered_by(request.user)),
            "panels": dashboard_panels(request, roles),
        },
    )


def notification_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """What the deadline engine told this person, newest first; unread ones are marked new."""
    page = Paginator(notifications_for(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "n": n,
            "title": notification_render(n, "subject"),
            "url": notification_open_url(n),
            "event": n.kind in NOTIFICATION_KINDS and NOTIFICATION_KINDS[n.kind].event,
        }
        for n in page
    ]
    return render(request, "core/notifications.html", {"page": page, "rows": rows})


def notification_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A notification followed from its page or its email: marked read, then the page where the
    person acts (their notifications if its object has gone). Another person's is a 404."""
    target = open_notification(user=request.user, notification_id=pk)
    if target is None:
        raise Http404
    return redirect(target or "core:notification_list")


@require_POST
def notifications_read(request: AuthenticatedHttpRequest) -> HttpResponse:
    marked = notifications_mark_read(user=request.user)
    if marked:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("core:notification_list")


def your_information(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Everything Llais holds about the signed-in person, and only them, to read."""
    return render(
        request, "core/your_information.html", {"sections": personal_data_of(request.user)}
    )


def your_information_download(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The same, as a JSON file to keep."""
    data = {
        "llais_version": 1,
        "person": request.user.username,
        "sections": {
            section.key: {
                "title": str(section.title),
                "labels": {key: str(label) for key, label in section.labels.items()},
                "rows": section.rows,
            }
            for section in personal_data_of(request.user)
        },
    }
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="llais-your-information.json"'
    response["Cache-Control"] = "no-store"
    return response


def sweep_runs(request: AuthenticatedHttpRequest) -> HttpResponse:
    """For operators: the deadline sweeps' recent runs."""
    require(can_see_sweep_runs(request.user))
    return render(request, "core/sweep_runs.html", {"runs": recent_sweep_runs()})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


# --- An organisation's administrators: members, roles, settings ------------------------------


def administration(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The organisations this person administers (most administer one)."""
    administered = organisations_administered_by(request.user)
    require(bool(administered))
    return render(
        request,
        "core/administration.html",
        {"organisations": organisations_by_pk(administered)},
    )


def _administered(request: AuthenticatedHttpRequest, org_pk: int) -> Organisation:
    """The organisation, if this person administers it; for anyone else it does not exist."""
    return get_object_or_404(
        organisations_by_pk(organisations_administered_by(request.user)), pk=org_pk
    )


def organisation_detail(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _administered(request, org_pk)
    return render(
        request,
        "core/organisation_detail.html",
        {
            "organisation": organisation,
            "members": [
                (person, [Role(role).label for role in roles])
                for person, roles in members_with_roles(organisation)
            ],
            "events": timeline_rows(organisation, dict(Role.choices)),
        },
    )


def organisation_settings(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _administered(request, org_pk)
    form = OrganisationSettingsForm(
        **form_data(request), instance=organisations_by_pk([organisation.pk]).get()
    )
    if form_service_succeeded(
        request,
        form,
        lambda: organisation_settings_update(
            actor=request.user, organisation=organisation, **form.cleaned_data
        ),
        _("Settings saved."),
    ):
        return redirect("core:organisation_detail", org_pk=organisation.pk)
    return action_page(
        request,
        form=form,
        title=_("Organisation settings"),
        submit=_("Save"),
        caption=organisation.name,
        cancel_url=reverse("core:organisation_detail", args=[organisation.pk]),
    )


def member_add_view(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _administered(request, org_pk)
    form = MemberAddForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: member_add(actor=request.user, organisation=organisation, **form.cleaned_data),
        _("The person has their role."),
    ):
        return redirect("core:organisation_detail", org_pk=organisation.pk)
    return action_page(
        request,
        form=form,
        title=_("Add a person"),
        submit=_("Add"),
        caption=organisation.name,
        cancel_url=reverse("core:organisation_detail", args=[organisation.pk]),
        lead=_(
            "Give someone a role in this organisation. If nobody has an account with their "
            "email address, a new account is made with the name you give, and Llais emails "
            "them a link to set their password."
        ),
    )


def member_roles(request: AuthenticatedHttpRequest, org_pk: int, user_pk: int) -> HttpResponse:
    organisation = _administered(request, org_pk)
    person = get_object_or_404(members_of(organisation), pk=user_pk)
    held = roles_of(person, organisation)
    form = MemberRolesForm(**form_data(request), initial={"roles": sorted(held)})
    if form_service_succeeded(
        request,
        form,
        lambda: member_roles_set(
            actor=request.user,
            organisation=organisation,
            person=person,
            roles=form.cleaned_data["roles"],
        ),
        _("Roles saved."),
    ):
        if not can_administer_organisation(request.user, organisation):
            return redirect("core:dashboard")
        return redirect("core:organisation_detail", org_pk=organisation.pk)
    return action_page(
        request,
        form=form,
        title=_("Change roles"),
        submit=_("Save"),
        caption=f"{person} · {organisation.name}",
        cancel_url=reverse("core:organisation_detail", args=[organisation.pk]),
        lead=person.email,
        inset=_(
            "Every change is recorded on the organisation's timeline. An organisation must "
            "keep one administrator."
        ),
        intro="core/includes/member_account.html",
        extra={
            "organisation": organisation,
            "person": person,
            "has_authenticator": authenticator_of(person) is not None,
        },
    )


def member_invite_view(
    request: AuthenticatedHttpRequest, org_pk: int, user_pk: int
) -> HttpResponse:
    organisation = _administered(request, org_pk)
    person = get_object_or_404(members_of(organisation), pk=user_pk)
    form = ConfirmForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: member_invite(actor=request.user, organisation=organisation, person=person),
        _("The link is on its way to %(email)s.") % {"email": person.email},
    ):
        return redirect("core:member_roles", org_pk=organisation.pk, user_pk=person.pk)
    return action_page(
        request,
        form=form,
        title=_("Send a link to set a password"),
        submit=_("Send the link"),
        caption=f"{person} · {organisation.name}",
        cancel_url=reverse("core:member_roles", args=[organisation.pk, person.pk]),
        lead=_(
            "Llais emails %(email)s a link to set a password. It works once, for 3 days. "
            "You never see or set anyone's password."
        )
        % {"email": person.email},
    )


def member_second_factor_reset_view(
    request: AuthenticatedHttpRequest, org_pk: int, user_pk: int
) -> HttpResponse:
    organisation = _administered(request, org_pk)
    person = get_object_or_404(members_of(organisation), pk=user_pk)
    form = ConfirmForm(**form_data(request))
    if form_service_succeeded(
        request,
        form,
        lambda: member_second_factor_reset(
            actor=request.user, organisation=organisation, person=person
        ),
        _("Their second factor is reset. They set up a new one when they next sign in."),
    ):
        return redirect("core:member_roles", org_pk=organisation.pk, user_pk=person.pk)
    return action_page(
        request,
        form=form,
        title=_("Reset their second factor"),
        submit=_("Reset the second factor"),
        caption=f"{person} · {organisation.name}",
        cancel_url=reverse("core:member_roles", args=[organisation.pk, person.pk]),
        lead=_(
            "Do this only when you have checked it is really them asking, for example because "
            "they lost their phone. Their authenticator app and recovery codes stop working; "
            "when they next sign in with their password they set up a new authenticator app. "
            "They are told by email, and the reset is on the organisation's timeline."
        ),
        warning=True,
    )

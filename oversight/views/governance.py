"""The governance body, the oversight dashboard and incidents."""

from __future__ import annotations

import csv

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.models import Organisation
from core.permissions import require
from core.selectors import organisations_of
from core.spreadsheets import spreadsheet_safe
from core.views_helpers import action_page
from oversight import permissions, review_selectors, selectors, services
from oversight.charts import bar_chart
from oversight.forms import (
    ActionUpdateForm,
    DecisionForm,
    GovernanceMemberForm,
    IncidentAnswerForm,
    IncidentForm,
    MeetingForm,
)
from oversight.models import Decision, Incident, Meeting


def _overseen(request: AuthenticatedHttpRequest, org_pk: int) -> Organisation:
    """Another organisation's oversight is a 404; a member without the role gets 403."""
    organisation = get_object_or_404(organisations_of(request.user), pk=org_pk)
    require(permissions.can_see_oversight(request.user, organisation))
    return organisation


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = list(permissions.organisations_overseen_by(request.user))
    require(bool(organisations))
    if len(organisations) == 1:
        return redirect("oversight:dashboard", org_pk=organisations[0].pk)
    return render(request, "oversight/home.html", {"organisations": organisations})


def dashboard(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _overseen(request, org_pk)
    cases = permissions.cases_counted_for(request.user, organisation)
    figures = [
        (
            report,
            bar_chart(
                key=report.key,
                title=str(report.title),
                description=str(report.description),
                bars=report.bars,
            ),
        )
        for report in selectors.dashboard_figures(request.user, organisation, cases)
    ]
    return render(
        request,
        "oversight/dashboard.html",
        {
            "organisation": organisation,
            "figures": figures,
            "every_case": permissions.sees_every_case(request.user, organisation),
            "sees_signals": permissions.can_see_signals(request.user, organisation),
            "keeps_lessons": permissions.can_keep_lessons(request.user, organisation),
            "reviews": review_selectors.unfinished_reviews_of_cases(cases),
        },
    )


def dashboard_csv(request: AuthenticatedHttpRequest, org_pk: int, key: str) -> HttpResponse:
    organisation = _overseen(request, org_pk)
    cases = permissions.cases_counted_for(request.user, organisation)
    report = next(
        (
            report
            for report in selectors.dashboard_figures(request.user, organisation, cases)
            if report.key == key
        ),
        None,
    )
    if report is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="oversight-{key}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in selectors.figure_rows_for_csv(report):
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response


def governance(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _overseen(request, org_pk)
    return render(
        request,
        "oversight/governance.html",
        {
            "organisation": organisation,
            "members": selectors.governance_members(organisation),
            "meetings": selectors.governance_meetings(organisation),
            "actions": selectors.open_actions(organisation),
            "can_run": permissions.can_run_governance(request.user, organisation),
        },
    )


def member_add(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _overseen(request, org_pk)
    require(permissions.can_run_governance(request.user, organisation))
    form = GovernanceMemberForm(**form_data(request), organisation=organisation)
    if form_service_succeeded(
        request,
        form,
        lambda: services.governance_member_add(
            actor=request.user, organisation=organisation, **form.cleaned_data
        ),
        _("Member added to the governance body."),
    ):
        return redirect("oversight:governance", org_pk=organisation.pk)
    return action_page(
        request,
        form=form,
        title=_("Add a member of the governance body"),
        submit=_("Add the member"),
        caption=organisation.name,
        cancel_url=reverse("oversight:governance", args=[organisation.pk]),
        lead=_(
            "The body should include workers and their union representatives, and may include "
            "service users or members of civil-society groups."
        ),
    )


def meeting_create(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _overseen(request, org_pk)
    require(permissions.can_run_governance(request.user, organisation))
    form = MeetingForm(**form_data(request, files=True))
    created: list[Meeting] = []
    if form_service_succeeded(
        request,
        form,
        lambda: created.append(
            services.meeting_record(
                actor=request.user, organisation=organisation, **form.cleaned_data
            )
        ),
        _("Meeting recorded."),
    ):
        return redirect("oversight:meeting_detail", pk=created[0].pk)
    return action_page(
        request,
        form=form,
        title=_("Record a meeting of the governance body"),
        submit=_("Record the meeting"),
        caption=organisation.name,
        cancel_url=reverse("oversight:governance", args=[organisation.pk]),
        extra={"multipart": True},
    )


def _visible_meeting(request: AuthenticatedHttpRequest, pk: int) -> Meeting:
    return get_object_or_404(
        permissions.meetings_visible_to(request.user).select_related("organisation"), pk=pk
    )


def meeting_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, pk)
    decisions = list(selectors.decisions_of(meeting))
    return render(
        request,
        "oversight/meeting_detail.html",
        {
            "meeting": meeting,
            "decisions": [
                (decision, permissions.can_update_action(request.user, decision))
                for decision in decisions
            ],
            "can_run": permissions.can_run_governance(request.user, meeting.organisation_id),
        },
    )


def meeting_file(request: AuthenticatedHttpRequest, pk: int, which: str) -> FileResponse:
    meeting = _visible_meeting(request, pk)
    if which not in {"papers", "minutes"}:
        raise Http404
    stored = getattr(meeting, which)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return FileResponse(handle, as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])


def decision_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, pk)
    require(permissions.can_run_governance(request.user, meeting.organisation_id))
    form = DecisionForm(**form_data(request), organisation=meeting.organisation)
    if form_service_succeeded(
        request,
        form,
        lambda: services.decision_record(actor=request.user, meeting=meeting, **form.cleaned_data),
        _("Decision recorded."),
    ):
        return redirect("oversight:meeting_detail", pk=meeting.pk)
    return action_page(
        request,
        form=form,
        title=_("Record a decision or an action"),
        submit=_("Record it"),
        caption=str(meeting),
        cancel_url=reverse("oversight:meeting_detail", args=[meeting.pk]),
        lead=_("An action needs an owner and a due date: Llais reminds the owner before it."),
    )


def action_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    action: Decision = get_object_or_404(
        permissions.decisions_visible_to(request.user).select_related("meeting"), pk=pk
    )
    require(permissions.can_update_action(request.user, action))
    form = ActionUpdateForm(
        **form_data(request), initial={"status": action.status, "status_note": action.status_note}
    )
    if form_service_succeeded(
        request,
        form,
        lambda: services.action_update(
            actor=request.user,
            action=action,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["status_note"],
        ),
        _("Action updated."),
    ):
        return redirect("oversight:meeting_detail", pk=action.meeting_id)
    return action_page(
        request,
        form=form,
        title=_("Update the action"),
        submit=_("Save the status"),
        caption=str(action.meeting),
        cancel_url=reverse("oversight:meeting_detail", args=[action.meeting_id]),
        inset=action.text,
    )


# --- Incidents ----------------------------------------------------------------------------------


def incident_report(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_report_incidents(request.user))
    form = IncidentForm(**form_data(request), user=request.user)
    if form_service_succeeded(
        request,
        form,
        lambda: services.incident_report(actor=request.user, **form.cleaned_data),
        _("Thank you: your report was sent. Its answer will be shown below."),
    ):
        return redirect("oversight:incident_report")
    return render(
        request,
        "oversight/incident_report.html",
        {
            "form": form,
            "mine": permissions.incidents_reported_by(request.user).select_related("system"),
            "can_triage": permissions.can_triage_incidents(request.user),
        },
    )


def incident_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(permissions.can_triage_incidents(request.user))
    rows = selectors.incidents_for_staff(permissions.incidents_triaged_by(request.user))
    return render(request, "oversight/incident_list.html", {"rows": rows})


def incident_answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    incident: Incident = get_object_or_404(
        permissions.incidents_triaged_by(request.user).select_related("system"), pk=pk
    )
    require(permissions.can_answer_incident(request.user, incident))
    form = IncidentAnswerForm(
        **form_data(request),
        initial={"status": incident.status, "response": incident.response},
    )
    if form_service_succeeded(
        request,
        form,
        lambda: services.incident_answer(
            actor=request.user, incident=incident, **form.cleaned_data
        ),
        _("Incident updated."),
    ):
        return redirect("oversight:incident_list")
    return action_page(
        request,
        form=form,
        title=_("Answer the incident"),
        submit=_("Save"),
        caption=str(incident),
        cancel_url=reverse("oversight:incident_list"),
        inset=incident.description,
    )

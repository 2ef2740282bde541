"""Outcome signals: the organisation's systems and their figures, one system's figures against
the thresholds, a signal with its suggestion of an early further WAIRA, and the thresholds."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.clock import uk_today
from core.extensions import ReportFigure
from core.forms import form_service_succeeded
from core.http import AuthenticatedHttpRequest, form_data
from core.models import Organisation
from core.permissions import require
from core.selectors import organisations_of
from core.spreadsheets import spreadsheet_safe
from core.views_helpers import action_page
from oversight import outcomes, permissions, selectors, services
from oversight.charts import bar_chart
from oversight.forms import SignalSettingsForm
from oversight.models import OutcomeSignalSettings, Signal
from oversight.services import THRESHOLD_FIELDS
from registers.models import AISystem
from waira import permissions as waira_permissions


def _organisation(request: AuthenticatedHttpRequest, org_pk: int) -> Organisation:
    """Another organisation's signals are a 404; a member without the role gets 403."""
    organisation = get_object_or_404(organisations_of(request.user), pk=org_pk)
    require(permissions.can_see_signals(request.user, organisation))
    return organisation


def signal_list(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _organisation(request, org_pk)
    settings = outcomes.signal_settings_of(organisation)
    systems = outcomes.organisation_outcomes(organisation, uk_today())
    report = outcomes.organisation_outcomes_report(systems, settings)
    chart = bar_chart(
        key=report.key,
        title=str(report.title),
        description=str(report.description),
        bars=report.bars,
    )
    return render(
        request,
        "oversight/signal_list.html",
        {
            "organisation": organisation,
            "settings": settings,
            "systems": systems,
            "report": report,
            "chart": chart,
            "csv_url": reverse("oversight:signal_list_csv", args=[organisation.pk]),
            "signals": outcomes.recent_signals_of(organisation),
            "can_set": permissions.can_set_signal_thresholds(request.user, organisation),
        },
    )


def signal_list_csv(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _organisation(request, org_pk)
    settings = outcomes.signal_settings_of(organisation)
    report = outcomes.organisation_outcomes_report(
        outcomes.organisation_outcomes(organisation, uk_today()), settings
    )
    return _csv(report, "oversight-outcome-signals.csv")


def _csv(report: ReportFigure, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in selectors.figure_rows_for_csv(report):
        writer.writerow([spreadsheet_safe(value) for value in row])
    return response


def _system_report(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[AISystem, OutcomeSignalSettings, ReportFigure]:
    """Another organisation's system, or one whose signals the person may not read, is a 404."""
    system: AISystem = get_object_or_404(
        permissions.systems_with_signals_visible_to(request.user).select_related("organisation"),
        pk=pk,
    )
    organisation = system.organisation
    settings = outcomes.signal_settings_of(organisation)
    figures = outcomes.outcome_figures(
        [system.pk], today=uk_today(), window_days=settings.window_days
    )[system.pk]
    rows = outcomes.figure_rows(figures, settings, organisation.small_number_threshold)
    return system, settings, outcomes.system_outcome_report(system, rows, settings.window_days)


def system_signals_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    system, _settings, report = _system_report(request, pk)
    return _csv(report, f"outcome-signals-system-{system.pk}.csv")


def system_signals(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    system, settings, report = _system_report(request, pk)
    organisation = system.organisation
    chart = bar_chart(
        key=report.key,
        title=str(report.title),
        description=str(report.description),
        bars=report.bars,
    )
    return render(
        request,
        "oversight/system_signals.html",
        {
            "system": system,
            "organisation": organisation,
            "settings": settings,
            "report": report,
            "chart": chart,
            "csv_url": reverse("oversight:system_signals_csv", args=[system.pk]),
            "signals": outcomes.signals_of_system(system),
            "can_start_waira": waira_permissions.can_create_waira(request.user, system),
        },
    )


def signal_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    signal: Signal = get_object_or_404(
        permissions.signals_visible_to(request.user).select_related("system", "organisation"),
        pk=pk,
    )
    return render(
        request,
        "oversight/signal_detail.html",
        {
            "signal": signal,
            "can_start_waira": waira_permissions.can_create_waira(request.user, signal.system),
        },
    )


def signal_settings(request: AuthenticatedHttpRequest, org_pk: int) -> HttpResponse:
    organisation = _organisation(request, org_pk)
    require(permissions.can_set_signal_thresholds(request.user, organisation))
    current = outcomes.signal_settings_of(organisation)
    form = SignalSettingsForm(
        **form_data(request),
        initial={field: current.threshold(field) for field in THRESHOLD_FIELDS},
    )
    if form_service_succeeded(
        request,
        form,
        lambda: services.signal_settings_update(
            actor=request.user, organisation=organisation, **form.cleaned_data
        ),
        _("Outcome signal thresholds saved."),
    ):
        return redirect("oversight:signal_list", org_pk=organisation.pk)
    return action_page(
        request,
        form=form,
        title=_("Outcome signal thresholds"),
        submit=_("Save the thresholds"),
        caption=organisation.name,
        cancel_url=reverse("oversight:signal_list", args=[organisation.pk]),
        lead=_(
            "Every night Llais measures each AI system in use over the rolling window. When a "
            "figure reaches its threshold, the commissioners of the system's cases and the "
            "oversight members are told once, with a suggestion to start a further WAIRA early."
        ),
    )

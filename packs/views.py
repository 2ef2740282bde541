"""Pages for packs: ask for one, follow it being made, download it; check a bundle (public);
the CSV exports."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from core.http import AuthenticatedHttpRequest
from core.permissions import require
from packs import documents, exports, permissions, selectors, services
from packs.case_export import case_export
from packs.case_import import CaseImportRefused, case_import
from packs.forms import CaseImportForm, PackForm, VerifyForm
from packs.models import Pack
from packs.verification import verify_bundle
from procurement.permissions import cases_visible_to
from waira.permissions import wairas_visible_to


def _language(request: HttpRequest) -> str:
    return "cy" if (get_language() or "en").startswith("cy") else "en"


def case_packs(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(cases_visible_to(request.user).select_related("organisation"), pk=pk)
    require(permissions.can_make_case_pack(request.user, case))
    form = PackForm(request.POST or None, initial={"language": _language(request)})
    if request.method == "POST" and form.is_valid():
        pack = services.case_pack_request(
            actor=request.user, case=case, language=form.cleaned_data["language"]
        )
        return redirect("packs:pack_progress", pk=pack.pk)
    packs = selectors.packs_of_case(permissions.packs_visible_to(request.user), case)
    return render(
        request,
        "packs/subject_packs.html",
        {
            "subject": case,
            "title": _("Assessment packs"),
            "back_url": reverse("procurement:case_detail", args=[case.pk]),
            "form": form,
            "packs": packs,
            "scope": permissions.scope_for_case(request.user, case),
            "ledger_csv": reverse("packs:ledger_csv", args=[case.pk]),
        },
    )


def waira_packs(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    waira = get_object_or_404(
        wairas_visible_to(request.user).select_related("system", "organisation"), pk=pk
    )
    require(permissions.can_make_waira_pack(request.user, waira))
    form = PackForm(request.POST or None, initial={"language": _language(request)})
    if request.method == "POST" and form.is_valid():
        pack = services.waira_pack_request(
            actor=request.user, waira=waira, language=form.cleaned_data["language"]
        )
        return redirect("packs:pack_progress", pk=pack.pk)
    packs = selectors.packs_of_waira(permissions.packs_visible_to(request.user), waira)
    return render(
        request,
        "packs/subject_packs.html",
        {
            "subject": waira,
            "title": _("WAIRA packs"),
            "back_url": reverse("waira:waira_detail", args=[waira.pk]),
            "form": form,
            "packs": packs,
            "scope": permissions.scope_for_waira(request.user, waira),
        },
    )


def _visible_pack(request: AuthenticatedHttpRequest, pk: int) -> Pack:
    return get_object_or_404(
        permissions.packs_visible_to(request.user).select_related(
            "case", "waira__system", "requested_by"
        ),
        pk=pk,
    )


def _progress(pack: Pack) -> dict[str, object]:
    done = set(pack.steps_done)
    steps = []
    current_marked = False
    for key, label in documents.steps_of(pack.kind):
        if key in done:
            status = "done"
        elif not current_marked and pack.state == Pack.State.RUNNING:
            status, current_marked = "current", True
        else:
            status = "todo"
        steps.append({"key": key, "label": str(label), "status": status})
    return {
        "state": pack.state,
        "state_label": str(pack.get_state_display()),
        "finished": pack.is_finished,
        "done": len([s for s in steps if s["status"] == "done"]),
        "total": len(steps),
        "steps": steps,
        "download_url": reverse("packs:pack_download", args=[pack.pk])
        if pack.state == Pack.State.DONE
        else "",
        "bundle_url": reverse("packs:bundle_download", args=[pack.pk])
        if pack.state == Pack.State.DONE and pack.bundle
        else "",
    }


@require_safe
def pack_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    pack = _visible_pack(request, pk)
    back = (
        reverse("packs:case_packs", args=[pack.case_id])
        if pack.kind == Pack.Kind.CASE
        else reverse("packs:waira_packs", args=[pack.waira_id])
    )
    return render(
        request,
        "packs/progress.html",
        {"pack": pack, "progress": _progress(pack), "back_url": back},
    )


@require_safe
def pack_status(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(_progress(_visible_pack(request, pk)))


def _file(pack: Pack, which: str, content_type: str) -> FileResponse:
    field = pack.file if which == "file" else pack.bundle
    if not field:
        raise Http404
    name = str(field.name).rsplit("/", 1)[-1]
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )


@require_safe
def pack_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    pack = _visible_pack(request, pk)
    require(permissions.can_download_pack(request.user, pack))
    return _file(pack, "file", "application/pdf")


@require_safe
def bundle_download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    pack = _visible_pack(request, pk)
    require(permissions.can_download_pack(request.user, pack))
    return _file(pack, "bundle", "application/zip")


@login_not_required
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST or None, request.FILES or None)
    report = issued = None
    if request.method == "POST" and form.is_valid():
        report = verify_bundle(form.cleaned_data["bundle"])
        issued = selectors.pack_issued(report.manifest_sha256) if report.readable else None
        if not report.readable:
            form.add_error(
                "bundle", _("The selected file is not an evidence bundle: it has no manifest")
            )
            report = None
    return render(request, "packs/verify.html", {"form": form, "report": report, "issued": issued})


# --- CSV exports ---------------------------------------------------------------------------------


@require_safe
def cases_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    return exports.cases_csv(request.user)


@require_safe
def requests_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    return exports.requests_csv(request.user)


@require_safe
def ledger_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(cases_visible_to(request.user), pk=pk)
    return exports.ledger_csv(case)


# --- A case as JSON (docs/case-export.md) -------------------------------------------------------


@require_safe
def case_json(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(cases_visible_to(request.user), pk=pk)
    require(permissions.can_export_case(request.user, case))
    document = case_export(case)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="llais-case-{case.pk}.json"'
    return response


def case_import_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = permissions.organisations_to_import_into(request.user)
    require(organisations.exists())
    form = CaseImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        assert form.document is not None
        try:
            case = case_import(
                actor=request.user,
                organisation=form.chosen_organisation(),
                document=form.document,
            )
        except CaseImportRefused as refused:
            for problem in refused.problems:
                form.add_error("file", problem)
        else:
            messages.success(request, _("The case was imported. Its records keep their dates."))
            return redirect("procurement:case_detail", pk=case.pk)
    return render(
        request,
        "packs/case_import.html",
        {"form": form},
        status=400 if form.errors else 200,
    )

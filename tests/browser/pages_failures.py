"""The failure pages and the start-in-breach page, for the every-page axe test (issue 13, h13a)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accountability import services as accountability_services
from accountability.models import Failure
from core.models import Organisation, User
from core.services import sweep_run
from procurement import services as procurement_services
from procurement.models import ProcurementCase
from tests.procurement_helpers import today
from tests.register_helpers import published_entry
from tests.waira_helpers import answer_everything, assessable_system, share
from waira import services as waira_services


def failure_pages(
    organisation: Organisation,
    commissioner: User,
    worker: User,
    case: ProcurementCase,
) -> dict[str, list[str]]:
    """A system whose high-risk use began before its consultation concluded (recorded in breach),
    its failures opened by the sweep, a chaser letter drafted, and a system not yet started."""
    late = assessable_system(commissioner, organisation, name="LateStart")
    procurement_services.case_link_ai_system(actor=commissioner, case=case, system=late)
    waira = waira_services.waira_create(actor=commissioner, system=late)
    answer_everything(commissioner, waira)
    share(commissioner, waira, [worker])
    waira_services.high_risk_start_breach_record(
        actor=commissioner,
        system=late,
        started_on=today(),
        account="Automated rota decisions were switched on early.",
        evidence=SimpleUploadedFile("log.txt", b"rota log\n"),
    )
    entry, _version = published_entry(commissioner, late)
    sweep_run("accountability")
    failure = Failure.objects.filter(system=late).order_by("pk").first()
    assert failure is not None
    letter = accountability_services.chaser_letter_draft(
        actor=worker, failure=failure, language="cy", sender_name="Dylan"
    )
    unstarted = assessable_system(commissioner, organisation, name="NotYetStarted")

    def url(name: str, *args: object) -> str:
        return reverse(f"accountability:{name}", args=args)

    return {
        "ceri": [
            url("failure_list"),
            url("failure_detail", failure.pk),
            reverse("registers:system_detail", args=[late.pk]),
            reverse("waira:high_risk_start", args=[unstarted.pk]),
            reverse("waira:high_risk_start_breach", args=[unstarted.pk]),
        ],
        "dylan": [
            url("failure_list"),
            url("failure_detail", failure.pk),
            url("step_add", failure.pk),
            url("letter_add", failure.pk),
            url("conciliation", failure.pk),
            url("letter_detail", failure.pk, letter.pk),
        ],
        "dafydd": [reverse("core:dashboard"), url("failure_list")],
        "bethan": [reverse("core:dashboard"), url("failure_list")],
        "": [reverse("register:entry", args=[entry.pk])],
    }

"""The pages packs adds, for tests/browser/test_every_page.py: the commissioner's (ceri) pack
pages for the case and a WAIRA, a finished pack's page, and the public check of a bundle."""

from __future__ import annotations

from django.urls import reverse

from core.models import User
from packs import services
from procurement.models import ProcurementCase
from waira.models import Waira


def add_pack_pages(
    pages: dict[str, list[str]], commissioner: User, case: ProcurementCase, waira: Waira
) -> None:
    pack = services.case_pack_request(actor=commissioner, case=case, language="en")
    pages.setdefault("ceri", []).extend(
        [
            reverse("packs:case_packs", args=[case.pk]),
            reverse("packs:waira_packs", args=[waira.pk]),
            reverse("packs:pack_progress", args=[pack.pk]),
            reverse("packs:verify"),
            reverse("packs:case_import"),
        ]
    )

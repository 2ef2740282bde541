"""The WAIRA PDF packs: the whole assessment for staff, the shared version for workers."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext

from core import legal_time
from core.clock import uk_today
from core.pdf import VersionStamp, content_sha256, render_pdf
from core.timeline import timeline_rows
from waira import selectors
from waira.models import Waira, WairaSnapshot


def waira_pack_context(waira: Waira) -> dict[str, Any]:
    """Everything the staff pack prints: the assessment, the consultation record, the difference
    from the previous WAIRA, the timeline, and the version stamp of the content."""
    content = selectors.current_content(waira)
    if waira.is_completed:
        assert waira.completed_on is not None
        stamp = VersionStamp(str(waira.version), waira.completed_on, waira.content_sha256)
    else:
        stamp = VersionStamp(
            gettext("%(version)s (%(state)s, not final)")
            % {"version": waira.version, "state": waira.get_state_display()},
            uk_today(),
            content_sha256(content),
        )
    return {
        "waira": waira,
        "stamp": stamp,
        "sections": selectors.content_groups(content),
        "difference": selectors.difference_from_previous(waira, content),
        "sharings": list(waira.sharings.select_related("shared_by", "snapshot")),
        "concerns": selectors.concerns_for_staff(waira),
        "adverse_aspects": list(selectors.adverse_aspects_of(waira)),
        "positions": list(waira.union_positions.select_related("representative")),
        "comments": list(waira.comments.select_related("author")),
        "events": timeline_rows(waira),
    }


def waira_pack_html(waira: Waira) -> str:
    return render_to_string("waira/pdf/waira.html", waira_pack_context(waira))


def _response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def waira_pdf_response(waira: Waira) -> HttpResponse:
    pdf = render_pdf("waira/pdf/waira.html", waira_pack_context(waira))
    return _response(pdf, f"waira-{slugify(waira.system.name)}-v{waira.version}.pdf")


def shared_pack_context(waira: Waira, snapshot: WairaSnapshot) -> dict[str, Any]:
    return {
        "waira": waira,
        "snapshot": snapshot,
        "stamp": VersionStamp(
            f"{waira.version}.{snapshot.number}",
            legal_time.uk_date(snapshot.created_at),
            snapshot.sha256,
        ),
        "sections": selectors.content_groups(snapshot.content),
    }


def consultation_pdf_response(waira: Waira) -> HttpResponse:
    snapshot = selectors.latest_shared_snapshot(waira)
    assert snapshot is not None
    pdf = render_pdf("waira/pdf/shared.html", shared_pack_context(waira, snapshot))
    return _response(
        pdf, f"waira-{slugify(waira.system.name)}-v{waira.version}.{snapshot.number}.pdf"
    )

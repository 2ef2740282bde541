"""PDF packs: server-rendered HTML printed by WeasyPrint as tagged PDF/UA-1.

Every pack is an ordinary Django template that extends `pdf/base.html`, so what a screen reader
meets in the PDF is the same structure the page has: headings, lists and tables, in the reader's
language (the `lang` attribute and the document title are what PDF/UA asks for). DejaVu Sans is
named first because it carries every Welsh letter (ŵ, ŷ and their accented forms).

The version stamp is the SHA-256 of the content's canonical JSON, so anyone holding a PDF can
show which recorded content it printed (the employer's burden of proof, s.19(2)).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True)
class VersionStamp:
    version: str
    dated: date
    sha256: str


def content_sha256(content: Any) -> str:
    """SHA-256 of a JSON-able value in canonical form (sorted keys, no spacing, UTF-8)."""
    canonical = json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint alone: tagged PDF/UA-1 from HTML (bench/ times this against the whole pack)."""
    from weasyprint import HTML  # imported on first use: it is heavy, and most requests need none

    pdf: bytes | None = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    assert pdf is not None
    return pdf


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    return html_to_pdf(render_to_string(template_name, context))

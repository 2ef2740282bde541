"""Putting a pack together: its sections, its canonical content and hash, its HTML and PDF, and
for a case the evidence bundle. Each step reports when it is done (`on_step`), which is what
the progress page shows."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.extensions import PackContent, PackSection, pack_sections
from core.pdf import VersionStamp, content_sha256, html_to_pdf
from packs.models import Pack
from packs.sections import Reader
from waira.pdf import waira_pack_context

FORMAT = "llais-case-pack/1"
BUNDLE_FORMAT = "llais-evidence-bundle/1"
PRINT = "print"
BUNDLE = "bundle"
GATHER = "gather"

OnStep = Callable[[str], None]


def steps_of(kind: str) -> list[tuple[str, str | Promise]]:
    """The steps a pack of this kind goes through, in order, with the words the page shows."""
    if kind == Pack.Kind.WAIRA:
        return [(GATHER, _("Gathering the WAIRA")), (PRINT, _("Printing the PDF"))]
    return [
        *((section.key, section.title) for section in pack_sections()),
        (PRINT, _("Printing the PDF")),
        (BUNDLE, _("Making the evidence bundle")),
    ]


@dataclass
class Document:
    html: str
    sha256: str
    content: dict[str, Any]
    artefacts: dict[str, Callable[[], bytes]] = field(default_factory=dict)


def case_document(pack: Pack, on_step: OnStep) -> Document:
    case = pack.case
    assert case is not None
    reader = Reader(user=pack.requested_by, scope=pack.scope)
    built: list[tuple[PackSection, PackContent]] = []
    with translation.override(pack.language):
        for section in pack_sections():
            result = section.build(case, reader)
            if result is not None:
                built.append((section, result))
            on_step(section.key)
        content = {
            "format": FORMAT,
            "case": case.pk,
            "organisation": case.organisation.name,
            "language": pack.language,
            "scope": pack.scope,
            "sections": {section.key: result.content for section, result in built},
        }
        sha256 = content_sha256(content)
        html = render_to_string(
            "packs/pdf/case_pack.html",
            {
                "pack": pack,
                "case": case,
                "sections": built,
                "stamp": VersionStamp(str(pack.version), timezone.localdate(), sha256),
                "generated_at": timezone.now(),
            },
        )
    artefacts: dict[str, Callable[[], bytes]] = {}
    for _section, result in built:
        artefacts.update(result.artefacts)
    return Document(html=html, sha256=sha256, content=content, artefacts=artefacts)


def waira_document(pack: Pack, on_step: OnStep) -> Document:
    waira = pack.waira
    assert waira is not None
    with translation.override(pack.language):
        context = waira_pack_context(waira)
        on_step(GATHER)
        html = render_to_string("waira/pdf/waira.html", context)
    return Document(html=html, sha256=context["stamp"].sha256, content={})


def print_pdf(document: Document, language: str) -> bytes:
    with translation.override(language):
        return html_to_pdf(document.html)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Bundle:
    data: bytes
    manifest_sha256: str


def evidence_bundle(pack: Pack, document: Document, pdf: bytes) -> Bundle:
    """The ZIP: the pack, its canonical content, every artefact behind it, and a manifest with
    each file's SHA-256. The manifest's own hash is kept on the pack, so the verification page
    can tell a bundle Llais issued from one made to look like it."""
    files: dict[str, bytes] = {
        "pack.pdf": pdf,
        "content.json": _json(document.content),
    }
    for path, make in sorted(document.artefacts.items()):
        files[path] = make()
    manifest = {
        "format": BUNDLE_FORMAT,
        "case": pack.case_id,
        "version": pack.version,
        "language": pack.language,
        "scope": pack.scope,
        "content_sha256": document.sha256,
        "created_at": timezone.now().isoformat(),
        "files": [
            {"path": path, "sha256": sha256_bytes(data), "bytes": len(data)}
            for path, data in files.items()
        ],
    }
    manifest_bytes = _json(manifest)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest_bytes)
        for path, data in files.items():
            archive.writestr(path, data)
    return Bundle(data=buffer.getvalue(), manifest_sha256=sha256_bytes(manifest_bytes))


def _json(value: Any) -> bytes:
    return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True, default=str).encode(
        "utf-8"
    )

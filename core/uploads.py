"""Uploaded files checked by their content before anything is stored.

A file's name says nothing: an executable renamed `.pdf` is still an executable. `check_upload`
reads the file's magic bytes (the `filetype` library) and accepts it only when its real type is
one of the allowed ones and agrees with its extension; plain text and CSV, which have no magic
bytes, must be UTF-8 text without a NUL. Forms call it for a GOV.UK error on the field, and the
service that stores the file calls it again, so no caller can store an unchecked file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_HEAD_BYTES = 8192  # what filetype reads to recognise every type it knows


@dataclass(frozen=True)
class AllowedType:
    extensions: frozenset[str]  # the names it may have, lower case, without the dot
    detected_as: str | None  # filetype's extension for the content; None: UTF-8 text


DOCUMENT_TYPES = (
    AllowedType(frozenset({"pdf"}), "pdf"),
    AllowedType(frozenset({"docx"}), "docx"),
    AllowedType(frozenset({"xlsx"}), "xlsx"),
    AllowedType(frozenset({"pptx"}), "pptx"),
    AllowedType(frozenset({"odt"}), "odt"),
    AllowedType(frozenset({"ods"}), "ods"),
    AllowedType(frozenset({"odp"}), "odp"),
    AllowedType(frozenset({"png"}), "png"),
    AllowedType(frozenset({"jpg", "jpeg"}), "jpg"),
    AllowedType(frozenset({"txt", "csv"}), None),
)
DOCUMENT_TYPES_TEXT = _(
    "The selected file must be a PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, CSV or "
    "plain text file."
)


def _read_all(upload: IO[bytes] | Any, limit: int) -> bytes:
    """Up to `limit` + 1 bytes of the file, the file left at its start for whoever stores it."""
    if hasattr(upload, "seek"):
        upload.seek(0)
    content = upload.read(limit + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    return content if isinstance(content, bytes) else bytes(content or b"")


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def check_upload(
    upload: IO[bytes] | Any,
    *,
    allowed: tuple[AllowedType, ...] = DOCUMENT_TYPES,
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> None:
    """Raise ValidationError (GOV.UK wording) unless the file's content is an allowed type that
    matches its extension and is no bigger than `max_bytes`."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(_("The selected file must be smaller than 5 MB."), code="size")
    content = _read_all(upload, max_bytes)
    if len(content) > max_bytes:
        raise ValidationError(_("The selected file must be smaller than 5 MB."), code="size")
    if not content:
        raise ValidationError(_("The selected file is empty."), code="empty")
    extension = PurePath(str(getattr(upload, "name", "") or "")).suffix.lower().lstrip(".")
    expected = next((kind for kind in allowed if extension in kind.extensions), None)
    if expected is None:
        raise ValidationError(DOCUMENT_TYPES_TEXT, code="type")
    detected = filetype.guess(content[:_HEAD_BYTES])
    if expected.detected_as is None:
        matches = detected is None and _is_text(content)
    else:
        matches = detected is not None and detected.extension == expected.detected_as
    if not matches:
        raise ValidationError(
            _(
                "The selected file is not what its name says: a file ending .%(extension)s must "
                "contain that type of file."
            ),
            code="content",
            params={"extension": extension},
        )

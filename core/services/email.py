"""Email in the recipient's language: subject and body rendered under their language, then sent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send_in_language(
    *,
    to: str,
    language: str,
    subject_template: str,
    body_template: str,
    context: dict[str, Any],
) -> None:
    """Render both templates in `language` (R-CY-CORR) and send. The subject is one line: the
    template's line breaks and runs of spaces collapse to single spaces."""
    with translation.override(language):
        subject = render_to_string(subject_template, context)
        body = render_to_string(body_template, context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [to])

"""Dates as people read them: in words, in UK time, in the active language (issue 14, item 3).

`{{ value|in_words }}` is a day ("1 December 2026", "1 Rhagfyr 2026"); `{{ instant|uk_time }}`
an instant ("1 December 2026 at 20:04, UK time"); `{{ instant|uk_time:"seconds" }}` with its
seconds, for a record that must be exact (the PDF timelines). Never an ISO timestamp.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import legal_time

register = template.Library()


@register.filter
def in_words(value: date | datetime | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = legal_time.uk_date(value)
    return date_format(value, "j F Y")


@register.filter
def uk_time(value: datetime | None, precision: str = "") -> str:
    if value is None or value == "":
        return ""
    local = value.astimezone(legal_time.UK)
    time = date_format(local, "H:i:s" if precision == "seconds" else "H:i")
    return _("%(day)s at %(time)s, UK time") % {
        "day": date_format(local, "j F Y"),
        "time": time,
    }

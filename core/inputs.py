"""Query parameters checked before they reach the database: one way for every page and the API.

A GET parameter is typed by anyone. PostgreSQL refuses a NUL byte in text (the request would
answer 500, or a streamed download would stop part-way), `str.isdigit()` accepts digits `int()`
refuses ("²"), and an id beyond the column's range is no id at all. Pages and the API read their
query parameters through a `QueryForm` (a Django form of `FilterField`s and `IdField`s), so what a
view sees is already clean, and bad input has a reason to show: the GOV.UK error summary on a
page, a 400 with the reasons from the API.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKFormMixin

# PostgreSQL's bigint (Django's BigAutoField and every pk here): ids are 1..2**63 - 1.
BIGINT_MAX = 2**63 - 1
INTEGER_MAX = 2**31 - 1
FILTER_MAX_LENGTH = 200
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value: object, *, maximum: int = BIGINT_MAX) -> int | None:
    """An id from a query parameter, or None: ASCII digits only (never "²" or another
    script's digit), from 1 to `maximum`."""
    if not isinstance(value, str) or not _ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= maximum else None


def no_nul(value: str) -> None:
    if "\x00" in value:
        raise ValidationError(_("Remove the null character from what you typed."), code="null")


class FilterField(forms.CharField):
    """A text filter: spaces collapsed, no NUL byte, at most `max_length` characters."""

    default_error_messages = {
        "max_length": _("Enter %(limit_value)s characters or fewer."),
    }

    def __init__(self, *, max_length: int = FILTER_MAX_LENGTH, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(max_length=max_length, **kwargs)
        self.validators.insert(0, no_nul)

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return " ".join((text or "").split())


class IdField(forms.IntegerField):
    """A record's id: ASCII digits, 1 up to PostgreSQL's bigint (or integer) range."""

    default_error_messages = {"invalid": _("Enter a number made of the digits 0 to 9.")}

    def __init__(self, *, maximum: int = BIGINT_MAX, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=maximum, **kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not re.fullmatch(r"[0-9]+", value.strip()):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        text = value.strip()
        if len(text) > 19:
            raise ValidationError(
                _("Enter a number no bigger than %(limit_value)s."),
                code="max_value",
                params={"limit_value": self.max_value},
            )
        return int(text)


class QueryForm(GovUKFormMixin, forms.Form):
    """A form over a page's query parameters. Unlike a POSTed form, an absent parameter is no
    filter; `values()` gives the clean ones (an invalid one reads as absent)."""

    def __init__(self, query: Mapping[str, Any], **kwargs: Any) -> None:
        super().__init__(data=query, **kwargs)

    def values(self) -> dict[str, Any]:
        self.is_valid()
        clean = getattr(self, "cleaned_data", {})
        return {
            name: clean.get(name)
            if name not in self.errors and clean.get(name) is not None
            else field.initial
            if field.initial is not None
            else ""
            for name, field in self.fields.items()
        }

    def reasons(self) -> dict[str, list[str]]:
        """The errors as the API answers them: each field's messages."""
        self.is_valid()
        return {
            field: [str(message) for message in messages] for field, messages in self.errors.items()
        }

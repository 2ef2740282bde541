"""Welsh with English fallback, written once.

A bilingual model keeps `<field>_en` and `<field>_cy` and declares `<field> = Localised()`: on a
Welsh page it reads the Welsh text, or the English where no Welsh has been written.
"""

from __future__ import annotations

import re
from typing import Any, Self, overload

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    WELSH = "cy", _("Cymraeg")


def localised(obj: Any, field: str) -> str:
    """`obj.<field>_cy` on a Welsh page when it has text, else `obj.<field>_en`."""
    welsh = str(getattr(obj, f"{field}_cy") or "")
    return welsh if get_language() == Language.WELSH and welsh else str(getattr(obj, f"{field}_en"))


_SECTION = re.compile(r"\bs\.(?=\d)")


def section_ref(ref: str) -> str:
    """A reference to a section of the Bill in the page's language: one convention, "s.17(2)"
    in English and "a.17(2)" in Welsh (adran), for references kept as data (WAIRA sections,
    the competent agent's limbs) as the catalogue already does for translated text."""
    return _SECTION.sub("a.", ref) if get_language() == Language.WELSH else ref


def welsh_missing(obj: Any, field: str) -> bool:
    """True where the Welsh page has to show the English text (to be marked lang="en")."""
    return (
        get_language() == Language.WELSH
        and bool(getattr(obj, f"{field}_en"))
        and not getattr(obj, f"{field}_cy")
    )


class Localised:
    """A read-only attribute: `localised(obj, <its name>)`."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.field = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> Self: ...
    @overload
    def __get__(self, obj: object, objtype: type | None = None) -> str: ...
    def __get__(self, obj: object | None, objtype: type | None = None) -> Self | str:
        if obj is None:
            return self
        return localised(obj, self.field)

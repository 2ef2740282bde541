from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKFormMixin
from core.uploads import AllowedType, check_upload

BUNDLE_TYPES = (AllowedType(frozenset({"zip"}), "zip"),)
MAX_BUNDLE_BYTES = 5 * 1024 * 1024


class PackForm(GovUKFormMixin, forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the pack"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the language of the pack")},
    )


class VerifyForm(GovUKFormMixin, forms.Form):
    bundle = forms.FileField(
        label=_("Evidence bundle"),
        help_text=_("The ZIP file Llais made, as you received it. Smaller than 5 MB."),
        error_messages={"required": _("Select the evidence bundle (a ZIP file) to check")},
    )

    def clean_bundle(self) -> Any:
        bundle = self.cleaned_data["bundle"]
        try:
            check_upload(bundle, allowed=BUNDLE_TYPES, max_bytes=MAX_BUNDLE_BYTES)
        except ValidationError as error:
            if error.code == "type" or error.code == "content":
                raise ValidationError(
                    _("The selected file must be a ZIP file (an evidence bundle)"), code="type"
                ) from error
            raise
        return bundle

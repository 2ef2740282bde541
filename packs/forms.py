from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKFormMixin
from core.uploads import AllowedType, check_upload
from packs.case_import import MAX_BYTES as MAX_CASE_BYTES
from packs.case_import import CaseImportRefused, case_document_read

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


class CaseImportForm(GovUKFormMixin, forms.Form):
    """A case exported by Llais (a .json file); the document is read and checked here, so each
    problem is shown with where in the file it is."""

    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Organisation to import the case into"),
        queryset=None,
        empty_label=None,
        error_messages={"required": _("Select the organisation to import the case into")},
    )
    file = forms.FileField(
        label=_("The case file"),
        help_text=_("The .json file Llais made when the case was exported. Smaller than 20 MB."),
        error_messages={"required": _("Select the case file (a .json file) to import")},
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        # A member of one organisation is not asked which: the case goes into theirs.
        self.only_organisation = organisations.first() if organisations.count() == 1 else None
        if self.only_organisation is not None:
            del self.fields["organisation"]
        self.document: dict[str, Any] | None = None

    def chosen_organisation(self) -> Any:
        return self.only_organisation or self.cleaned_data["organisation"]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CASE_BYTES:
            raise ValidationError(
                _("The case file must be smaller than 20 MB: this one is larger than 20 MB"),
                code="size",
            )
        try:
            self.document = case_document_read(upload.read())
        except CaseImportRefused as refused:
            raise ValidationError(
                [ValidationError(problem, code="invalid") for problem in refused.problems]
            ) from None
        return upload

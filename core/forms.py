"""GOV.UK Design System form plumbing: a date input in three fields and a form mixin."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class GovUKDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input pattern).

    Whatever was typed comes back unchanged on error, so nothing the user typed is lost.
    """

    template_name = "forms/widgets/govuk_date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "2"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "2"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "4"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        day, month, year = super().value_from_datadict(data, files, name)
        if not (day or month or year):
            return None
        return f"{(year or '').strip()}-{(month or '').strip()}-{(day or '').strip()}"


class GovUKDateField(forms.DateField):
    widget = GovUKDateWidget
    input_formats = ["%Y-%m-%d"]
    default_error_messages = {
        "invalid": _("Enter a real date, for example 27 3 2025."),
    }


_DJANGO_REQUIRED = str(forms.Field.default_error_messages["required"])


def required_message(field: forms.Field) -> str:
    """A missing answer's message, naming the question and how to answer it (GOV.UK: never
    "This field is required."). A form states a better one where it can; this is the floor."""
    label = str(field.label or "").strip()
    widget = field.widget
    if isinstance(field, forms.BooleanField):
        template = gettext("Tick “%(label)s” to go on.")
    elif isinstance(field, GovUKDateField):
        template = gettext("Enter a date for “%(label)s”.")
    elif isinstance(field, forms.FileField):
        template = gettext("Choose a file for “%(label)s”.")
    elif isinstance(field, forms.ChoiceField | forms.ModelChoiceField) or isinstance(
        widget, forms.RadioSelect | forms.Select | forms.CheckboxSelectMultiple
    ):
        template = gettext("Choose an answer to “%(label)s”.")
    else:
        template = gettext("Fill in “%(label)s”.")
    return template % {"label": label}


class GovUKFormMixin:
    """Marks a form for the GOV.UK field templates (see templates/forms/field.html), and gives
    every required field that says nothing better a message that names it."""

    template_name = "forms/govuk_form.html"
    error_summary_title = _("There is a problem")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = getattr(self, "fields", {})
        for field in fields.values():
            if str(field.error_messages.get("required", "")) == _DJANGO_REQUIRED:
                field.error_messages["required"] = required_message(field)


class GovUKFormRenderer(TemplatesSetting):
    """`{{ form }}` and `{{ form.field.as_field_group }}` render GOV.UK markup."""

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/field.html"


def form_service_succeeded(
    request: HttpRequest, form: forms.BaseForm, action: Callable[[], object], success: str
) -> bool:
    """For a view that parses a form and calls one service: on a valid POST run `action`; True
    when it succeeded (with `success` queued for the next page), False when there is nothing to
    do or the service refused (its reasons are then on the form, nothing typed lost)."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action()
    except ValidationError as error:
        add_service_error(form, error)
        return False
    messages.success(request, success)
    return True


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)

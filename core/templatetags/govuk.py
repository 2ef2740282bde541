from django import template
from django.forms import BoundField
from django.utils.html import format_html
from django.utils.safestring import SafeString

from core.i18n import section_ref
from core.status_tags import status_for

register = template.Library()

WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """Render a field's widget with GOV.UK classes and the ids its hint and error describe."""
    base = WIDGET_CLASSES.get(field.widget_type, "govuk-input")
    classes = [base]
    if field.errors:
        classes.append(f"{base}--error")
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs: dict[str, str | bool] = {"class": " ".join(classes)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter(name="section_ref")
def section_ref_filter(ref: object) -> str:
    """`{{ ref|section_ref }}`: "s.14(3)(a)" on an English page, "a.14(3)(a)" on a Welsh one."""
    return section_ref(str(ref))


@register.filter
def first_error_anchor(field: BoundField) -> str:
    """The id the error summary links to: the first input of multi-part fields."""
    if field.widget_type in {"govukdate"}:
        return f"{field.auto_id}_day"
    if field.widget_type in {"radioselect", "checkboxselectmultiple"}:
        return f"{field.auto_id}_0"
    return field.auto_id


@register.simple_tag
def status_tag(kind: str, value: object, label: object = None) -> str:
    """The GOV.UK tag for `value` of a registered status `kind` (core.status_tags): its colour
    and label come from the app's map; `label` replaces the label where a page words it."""
    status = status_for(kind, value)
    if status is None:
        return ""
    colour = f" govuk-tag--{status.colour}" if status.colour else ""
    return format_html(
        '<strong class="govuk-tag{}">{}</strong>', colour, label if label else status.label
    )

"""Every status is rendered by one template tag from maps kept in Python."""

import pytest
from django.template import Context, Template

from core.status_tags import _STATUSES, Status


def render(kind: str, value: str, label: str = "") -> str:
    template = Template("{% load govuk %}{% status_tag kind value label %}")
    return template.render(Context({"kind": kind, "value": value, "label": label}))


@pytest.mark.parametrize(
    ("kind", "value", "html"),
    [
        (
            "waira.state",
            "completed",
            '<strong class="govuk-tag govuk-tag--green">Completed</strong>',
        ),
        ("waira.state", "draft", '<strong class="govuk-tag govuk-tag--grey">Draft</strong>'),
        ("rights_requests.state", "received", '<strong class="govuk-tag">Received</strong>'),
        ("rights_requests.state", "withdrawn", "govuk-tag--grey"),
        ("rights_requests.state", "exemption_claimed", "govuk-tag--orange"),
        ("registers.entry", "retired", 'govuk-tag--blue">Retired (use ended)<'),
        ("registers.public", "planned", 'govuk-tag--blue">Not yet in use<'),
        ("procurement.stage", "closed", 'govuk-tag--grey">Closed<'),
        ("procurement.stage", "cancelled", 'govuk-tag--red">Cancelled<'),
        ("procurement.stage_progress", "current", 'govuk-tag--blue">Current stage<'),
        ("waira.consultation", "concluded", 'govuk-tag--grey">Consultation closed<'),
        ("waira.consultation", "shared", 'govuk-tag--blue">Open for your concerns<'),
    ],
)
def test_a_state_renders_its_colour_and_label(kind, value, html):
    assert html in render(kind, value)


def test_a_value_mapped_to_nothing_shows_no_tag():
    assert render("procurement.stage_progress", "todo") == ""


def test_a_page_may_word_the_label_and_it_is_escaped():
    assert render("procurement.risk", "high", "Risk: <High>") == (
        '<strong class="govuk-tag govuk-tag--red">Risk: &lt;High&gt;</strong>'
    )


def test_only_govuk_tag_colours_are_accepted():
    assert _STATUSES
    with pytest.raises(ValueError, match=r"not a GOV\.UK tag colour"):
        Status("Odd", "mauve")

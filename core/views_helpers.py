"""The one-form action page every app uses: a caption, a heading, what to know first, one form
with its submit button and a way back (templates/includes/action_page.html)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

Text = str | Promise


def action_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    title: Text,
    submit: Text,
    caption: Text,
    cancel_url: str,
    lead: Text = "",
    inset: Text = "",
    intro: str = "",
    warning: bool = False,
    multipart: bool = False,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """`lead` is a paragraph and `inset` an inset text under the heading; `intro` names a
    template for anything more, rendered with `extra` in its context. `warning` makes the submit
    button red, for a move that cannot be undone. `multipart` lets the form carry a file."""
    return render(
        request,
        "includes/action_page.html",
        {
            "form": form,
            "title": title,
            "submit_label": submit,
            "caption": caption,
            "cancel_url": cancel_url,
            "lead": lead,
            "inset": inset,
            "intro": intro,
            "warning": warning,
            "multipart": multipart,
            **(extra or {}),
        },
    )

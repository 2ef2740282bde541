"""Emails about rights requests, each in the language the person asked for. Thin: load by
primary key, render, send. Reminders and failure notices are notifications (sweeps.py)."""

from typing import Any

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from core.services.email import send_in_language
from rights_requests.models import RequestDraft, RightsRequest

EVENTS = {"received"}


def _send(template: str, language: str, to: str, context: dict[str, Any]) -> None:
    send_in_language(
        to=to,
        language=language,
        subject_template=f"rights_requests/email/{template}_subject.txt",
        body_template=f"rights_requests/email/{template}_body.txt",
        context=context,
    )


@shared_task
def notify_requester(request_id: int, event: str) -> None:
    """Tell the person who made a request what happened to it, in their language."""
    request = (
        RightsRequest.objects.select_related("organisation", "failure", "answer")
        .filter(pk=request_id)
        .first()
    )
    if request is None or event not in EVENTS or not request.requester_email:
        return
    url = ""
    if request.requester_id is not None:
        url = settings.SITE_URL + reverse("rights_requests:request_detail", args=[request.pk])
    _send(f"request_{event}", request.language, request.requester_email, {"r": request, "url": url})


@shared_task
def send_draft_confirmation(draft_id: int, token: str) -> None:
    draft = RequestDraft.objects.select_related("organisation").filter(pk=draft_id).first()
    if draft is None or draft.request_id is not None:
        return
    url = settings.SITE_URL + reverse("rights_requests:public_confirm", args=[token])
    _send("confirm", draft.fields.get("language", "en"), draft.email, {"draft": draft, "url": url})


@shared_task
def send_access_link(request_id: int, token: str) -> None:
    request = RightsRequest.objects.select_related("organisation").filter(pk=request_id).first()
    if request is None:
        return
    url = settings.SITE_URL + reverse("rights_requests:public_request", args=[token])
    _send("access_link", request.language, request.requester_email, {"r": request, "url": url})

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.models import User
from waira.models import Waira


@shared_task
def notify_workers_consulted(waira_id: int, worker_ids: list[int]) -> None:
    """Tell each worker, in their language, that a WAIRA has been shared with them to answer."""
    waira = Waira.objects.select_related("system", "organisation").filter(pk=waira_id).first()
    if waira is None:
        return
    url = settings.SITE_URL + reverse("waira:consultation_detail", args=[waira.pk])
    for worker in User.objects.filter(pk__in=worker_ids, is_active=True).exclude(email=""):
        with translation.override(worker.preferred_language):
            context = {"waira": waira, "worker": worker, "url": url}
            subject = render_to_string("waira/email/consulted_subject.txt", context).strip()
            body = render_to_string("waira/email/consulted_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [worker.email])

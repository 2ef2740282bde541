from celery import shared_task
from django.conf import settings
from django.urls import reverse

from core.models import User
from core.services.email import send_in_language
from waira.models import Waira


@shared_task
def notify_workers_consulted(waira_id: int, worker_ids: list[int]) -> None:
    """Tell each worker, in their language, that a WAIRA has been shared with them to answer."""
    waira = Waira.objects.select_related("system", "organisation").filter(pk=waira_id).first()
    if waira is None:
        return
    url = settings.SITE_URL + reverse("waira:consultation_detail", args=[waira.pk])
    for worker in User.objects.filter(pk__in=worker_ids, is_active=True).exclude(email=""):
        send_in_language(
            to=worker.email,
            language=worker.preferred_language,
            subject_template="waira/email/consulted_subject.txt",
            body_template="waira/email/consulted_body.txt",
            context={"waira": waira, "worker": worker, "url": url},
        )

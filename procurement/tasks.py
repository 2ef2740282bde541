from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.models import User
from procurement.models import ProcurementCase


@shared_task
def notify_union_representative_assigned(case_id: int, representative_id: int) -> None:
    """Tell a union representative, in their language, that a case awaits their voice."""
    case = ProcurementCase.objects.select_related("organisation").filter(pk=case_id).first()
    representative = User.objects.filter(pk=representative_id, is_active=True).first()
    if case is None or representative is None or not representative.email:
        return
    with translation.override(representative.preferred_language):
        context = {
            "case": case,
            "representative": representative,
            "url": settings.SITE_URL + reverse("procurement:case_detail", args=[case.pk]),
        }
        subject = render_to_string("procurement/email/union_assigned_subject.txt", context).strip()
        body = render_to_string("procurement/email/union_assigned_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [representative.email])

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from core.models import User
from core.services.email import send_in_language
from procurement.models import ProcurementCase


@shared_task
def notify_union_representative_assigned(case_id: int, representative_id: int) -> None:
    """Tell a union representative, in their language, that a case awaits their voice."""
    case = ProcurementCase.objects.select_related("organisation").filter(pk=case_id).first()
    representative = User.objects.filter(pk=representative_id, is_active=True).first()
    if case is None or representative is None or not representative.email:
        return
    send_in_language(
        to=representative.email,
        language=representative.preferred_language,
        subject_template="procurement/email/union_assigned_subject.txt",
        body_template="procurement/email/union_assigned_body.txt",
        context={
            "case": case,
            "representative": representative,
            "url": settings.SITE_URL + reverse("procurement:case_detail", args=[case.pk]),
        },
    )

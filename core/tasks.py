from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.models import User
from core.services.email import send_in_language
from core.services.notifications import notifications_deliver, notifications_send_digests
from core.services.sweeps import sweep_run
from core.services.timeline import timeline_seal


@shared_task
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task
def run_sweep(name: str) -> int:
    """The beat schedule's entry point: one sweep, by name."""
    return sweep_run(name, triggered_by="beat").pk


@shared_task
def deliver_notifications() -> int:
    return notifications_deliver()


ACCOUNT_EMAILS = {"invitation", "second_factor_reset"}


@shared_task
def send_account_email(user_id: int, kind: str) -> None:
    """Tell a person about their account, in their language: an invitation with a link to set
    their password (made here, so it is fresh when sent), or that their second factor was reset."""
    person = User.objects.filter(pk=user_id, is_active=True).first()
    if person is None or kind not in ACCOUNT_EMAILS or not person.email:
        return
    url = settings.SITE_URL + reverse("login")
    if kind == "invitation":
        url = settings.SITE_URL + reverse(
            "core:set_password",
            args=[
                urlsafe_base64_encode(force_bytes(person.pk)),
                default_token_generator.make_token(person),
            ],
        )
    send_in_language(
        to=person.email,
        language=person.preferred_language,
        subject_template=f"core/email/{kind}_subject.txt",
        body_template=f"core/email/{kind}_body.txt",
        context={"person": person, "url": url, "days": settings.PASSWORD_RESET_TIMEOUT // 86400},
    )


@shared_task
def send_notification_digests() -> int:
    """Once a day: the email listing each notification of those who chose one (ADR 0011)."""
    return notifications_send_digests()


SEAL_CHUNK = 5000


@shared_task
def seal_timeline(organisation_ids: list[int]) -> int:
    """Seal the events a sweep wrote in bulk into their organisations' chains, a chunk per
    transaction (docs/adr/0014). Returns how many were sealed."""
    total = 0
    while True:
        with transaction.atomic():
            sealed = len(timeline_seal(organisation_ids, limit=SEAL_CHUNK))
        total += sealed
        if sealed < SEAL_CHUNK:
            return total

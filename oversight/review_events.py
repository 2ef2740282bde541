"""Who is told what about oversight reviews (docs/adr/0011-event-notifications.md): the case's
assigned union representatives when a review wants their sign-off; its commissioner when they
sign off or dissent, and the oversight members too on a dissent. One notification per event
and person. Reminders before a review is due, and escalation once it is overdue, are the
nightly sweep's (oversight.sweeps)."""

from __future__ import annotations

from django.urls import reverse

from core.extensions import NotificationKind, register_notification_kind
from core.models import Notification, TimelineEvent, User
from core.roles import Role
from core.services import members_holding, notify_event
from oversight.models import OversightReview
from procurement.models import SIGN_OFF_CODENAME

REVIEW_SIGN_OFF_WANTED = "oversight_review_sign_off_wanted"
REVIEW_DECIDED = "oversight_review_decided"


def _review_page(event: TimelineEvent, notification: Notification) -> str:
    return reverse("oversight:review_detail", args=[event.object_id])


for _kind in (REVIEW_SIGN_OFF_WANTED, REVIEW_DECIDED):
    register_notification_kind(
        NotificationKind(
            kind=_kind,
            templates=f"oversight/notifications/{_kind}",
            url=_review_page,
            subjects=lambda: OversightReview.objects.select_related("organisation", "case"),
            event=True,
        )
    )


def union_representatives_of(review: OversightReview) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            procurementcaseuserobjectpermission__content_object_id=review.case_id,
            procurementcaseuserobjectpermission__permission__codename=SIGN_OFF_CODENAME,
        ).distinct()
    )


def tell_sign_off_wanted(review: OversightReview, event: TimelineEvent) -> None:
    notify_event(event=event, kind=REVIEW_SIGN_OFF_WANTED, people=union_representatives_of(review))


def tell_decided(review: OversightReview, event: TimelineEvent, *, dissent: bool) -> None:
    people = [review.case.commissioner]
    if dissent:
        people += members_holding(review.organisation_id, Role.OVERSIGHT_MEMBER)
    notify_event(event=event, kind=REVIEW_DECIDED, people=people)

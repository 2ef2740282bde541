"""Who is told when something happens at a case's gate (docs/adr/0011-...): the assigned union
representatives when a stage reaches its gate and wants their sign-off; the union
representatives and the oversight members when a commissioner overrides a gate or a
representative records dissent. One notification per event and person, in their language."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from core.extensions import NotificationKind, register_notification_kind
from core.models import Notification, TimelineEvent, User
from core.roles import Role
from core.services import members_holding, notify_event
from procurement.models import SIGN_OFF_CODENAME, ProcurementCase
from registers.models import AISystem

SIGN_OFF_WANTED = "sign_off_wanted"
GATE_OVERRIDDEN = "gate_overridden"
DISSENT_RECORDED = "dissent_recorded"


def _case_page(event: TimelineEvent, notification: Notification) -> str:
    return reverse("procurement:case_detail", args=[event.object_id])


for _kind in (SIGN_OFF_WANTED, GATE_OVERRIDDEN, DISSENT_RECORDED):
    register_notification_kind(
        NotificationKind(
            kind=_kind,
            templates=f"procurement/notifications/{_kind}",
            url=_case_page,
            subjects=lambda: ProcurementCase.objects.select_related("organisation"),
            event=True,
        )
    )


def _union_representatives(cases: QuerySet[ProcurementCase] | list[int]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            procurementcaseuserobjectpermission__content_object__in=cases,
            procurementcaseuserobjectpermission__permission__codename=SIGN_OFF_CODENAME,
        ).distinct()
    )


def ai_system_people(system: AISystem, role: str) -> list[User]:
    """The commissioners or assigned union representatives of the cases procuring `system`
    (registered in core.extensions for waira and registers)."""
    cases = ProcurementCase.objects.filter(ai_systems=system)
    if role == Role.COMMISSIONER:
        return list(User.objects.filter(is_active=True, commissioned_cases__in=cases).distinct())
    if role == Role.UNION_REPRESENTATIVE:
        return _union_representatives(cases)
    return []


def tell_sign_off_wanted(case: ProcurementCase, event: TimelineEvent) -> None:
    notify_event(event=event, kind=SIGN_OFF_WANTED, people=_union_representatives([case.pk]))


def tell_gate_decision(case: ProcurementCase, event: TimelineEvent, kind: str) -> None:
    """An override or a dissent: the case's assigned union representatives (only they see the
    case) and the oversight members."""
    oversight = members_holding(case.organisation_id, Role.OVERSIGHT_MEMBER)
    notify_event(event=event, kind=kind, people=[*_union_representatives([case.pk]), *oversight])


# Bid assessment (ADR 0017): the scoring panel is told scoring has opened; the case's
# commissioner when every member has submitted their scores.
SCORING_OPENED = "bid_scoring_opened"
ALL_SCORED = "bid_scoring_complete"


def _bid_page(event: TimelineEvent, notification: Notification) -> str:
    """A panel member who is a worker may not see the case page; the bid page is theirs."""
    return reverse("procurement:bid_assessment", args=[event.object_id])


for _kind in (SCORING_OPENED, ALL_SCORED):
    register_notification_kind(
        NotificationKind(
            kind=_kind,
            templates=f"procurement/notifications/{_kind}",
            url=_bid_page,
            subjects=lambda: ProcurementCase.objects.select_related("organisation"),
            event=True,
        )
    )


def tell_scoring_opened(event: TimelineEvent, members: list[User]) -> None:
    notify_event(event=event, kind=SCORING_OPENED, people=members)


def tell_all_scored(event: TimelineEvent, case: ProcurementCase) -> None:
    notify_event(event=event, kind=ALL_SCORED, people=[case.commissioner])

"""What packs read, with the rules of the apps that own the records (packs is the top app below
demo: it reads their selectors and permissions; none of them imports packs)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Min, Q, QuerySet

from accountability.models import Obligation
from accountability.permissions import failures_visible_to
from core import legal_time
from core.models import Organisation, TimelineEvent, User
from core.pdf import render_pdf
from core.timeline import TimelineRow, event_label, is_day_only
from packs.models import Pack
from procurement import selectors as procurement_selectors
from procurement.models import (
    CarryForward,
    DiscussionPrompt,
    EngagementActivity,
    GateDecision,
    ProcurementCase,
    PromptResponse,
)
from procurement.stages import Stage
from registers.models import AISystem, RegisterEntry, RegisterEntryVersion
from registers.permissions import systems_visible_to
from rights_requests.selectors import Figures, figures_by_system
from waira import selectors as waira_selectors
from waira.models import Waira
from waira.pdf import waira_pack_context
from waira.permissions import wairas_visible_to

# --- Packs themselves ---------------------------------------------------------------------------


def packs_of_case(packs: QuerySet[Pack], case: ProcurementCase) -> QuerySet[Pack]:
    return packs.filter(kind=Pack.Kind.CASE, case=case).select_related("requested_by")


def packs_of_waira(packs: QuerySet[Pack], waira: Waira) -> QuerySet[Pack]:
    return packs.filter(kind=Pack.Kind.WAIRA, waira=waira).select_related("requested_by")


def pack_for_task(pk: int) -> Pack | None:
    return (
        Pack.objects.select_related(
            "organisation", "case__organisation", "waira__system", "requested_by"
        )
        .filter(pk=pk)
        .first()
    )


# --- The case -----------------------------------------------------------------------------------


def union_representatives_of(case: ProcurementCase) -> list[User]:
    return list(procurement_selectors.union_representatives_of(case).order_by("pk"))


def stage_dates(case: ProcurementCase) -> dict[str, tuple[datetime | None, datetime | None]]:
    """When the case entered and left each stage, from its timeline."""
    dates: dict[str, tuple[datetime | None, datetime | None]] = {
        Stage.PLANNING: (case.created_at, None)
    }
    moves = TimelineEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(ProcurementCase),
        object_id=case.pk,
        kind="stage_changed",
    ).order_by("created_at", "id")
    for move in moves:
        entered, _left = dates.get(move.from_state, (None, None))
        dates[move.from_state] = (entered, move.created_at)
        dates[move.to_state] = (move.created_at, None)
    return dates


def activities_of(case: ProcurementCase) -> list[EngagementActivity]:
    return list(
        EngagementActivity.objects.filter(case=case)
        .select_related("approach", "recorded_by")
        .prefetch_related("attachments")
        .order_by("held_on", "id")
    )


def carry_forwards_of(case: ProcurementCase) -> list[CarryForward]:
    return list(CarryForward.objects.filter(case=case).select_related("recorded_by"))


def gate_decisions_of(case: ProcurementCase) -> list[GateDecision]:
    return list(GateDecision.objects.filter(case=case).select_related("decided_by"))


def prompts_with_responses(
    case: ProcurementCase, stage: str
) -> list[tuple[DiscussionPrompt, PromptResponse | None]]:
    return procurement_selectors.prompts_with_responses(case, stage)


# --- The AI systems -----------------------------------------------------------------------------


def systems_for(case: ProcurementCase, user: User) -> list[AISystem]:
    return list(
        case.ai_systems.filter(pk__in=systems_visible_to(user).values("pk"))
        .select_related("organisation")
        .order_by("pk")
    )


def wairas_for(system: AISystem, user: User) -> list[Waira]:
    return list(
        wairas_visible_to(user)
        .filter(system=system)
        .select_related("system", "organisation", "previous", "completed_by")
        .order_by("version")
    )


def waira_context(waira: Waira) -> dict[str, Any]:
    """The WAIRA as its own pack prints it: concerns anonymised exactly as the app shows them."""
    return waira_pack_context(waira)


def waira_summary(waira: Waira) -> dict[str, Any]:
    return {
        "version": waira.version,
        "kind": waira.kind,
        "state": waira.state,
        "completed_on": waira.completed_on.isoformat() if waira.completed_on else None,
        "content_sha256": waira.content_sha256,
    }


def waira_content(context: dict[str, Any]) -> dict[str, Any]:
    """What the pack's hash covers of the latest WAIRA: its content's own hash, and the
    consultation record as printed (names as the app shows them, days not minutes)."""
    return {
        "content_sha256": context["stamp"].sha256,
        "concerns": [
            {
                "who": shown,
                "raised_on": _day(concern.raised_at),
                "text": concern.text,
                "response": concern.response,
                "responded_on": _day(concern.responded_at),
            }
            for concern, shown in context["concerns"]
        ],
        "adverse_aspects": [
            {
                "aspect": record.aspect,
                "discussed_on": record.discussed_on.isoformat(),
                "discussion": record.discussion,
                "outcome": record.outcome,
                "outcome_detail": record.outcome_detail,
            }
            for record in context["adverse_aspects"]
        ],
        "union_positions": [
            {"kind": p.kind, "by": str(p.representative), "reason": p.reason}
            for p in context["positions"]
        ],
    }


def _day(value: datetime | None) -> str | None:
    return legal_time.uk_date(value).isoformat() if value is not None else None


def changed_rows(waira: Waira) -> list[Any]:
    rows = waira_selectors.difference_from_previous(waira) or []
    return [row for row in rows if row.changed]


def waira_pdf_maker(waira: Waira) -> Callable[[], bytes]:
    def make() -> bytes:
        return render_pdf("waira/pdf/waira.html", waira_pack_context(waira))

    return make


def register_versions_for(system: AISystem, user: User) -> list[RegisterEntryVersion]:
    """Every published version of the system's register entry: each was public when published,
    so everyone who may have the pack may read them."""
    return list(
        RegisterEntryVersion.objects.filter(entry__system=system)
        .prefetch_related("decision_categories")
        .order_by("number")
    )


def version_content(version: RegisterEntryVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "status": version.status,
        "published_at": version.published_at.isoformat(),
        "change_date": version.change_date.isoformat() if version.change_date else None,
        "change_note_en": version.change_note_en,
        "change_note_cy": version.change_note_cy,
        "name_en": version.name_en,
        "name_cy": version.name_cy,
        "supplier": version.supplier,
        "description_en": version.description_en,
        "description_cy": version.description_cy,
        "purpose_en": version.purpose_en,
        "purpose_cy": version.purpose_cy,
        "data_types_en": version.data_types_en,
        "data_types_cy": version.data_types_cy,
        "decision_categories": sorted(c.key for c in version.decision_categories.all()),
        "planned_start": _iso(version.planned_start),
        "first_use": _iso(version.first_use),
        "end_of_use": _iso(version.end_of_use),
        "waira_completed_on": _iso(version.waira_completed_on),
        # ATRS details frozen at publication (docs/adr/0023).
        "senior_responsible_owner": version.senior_responsible_owner,
        "companies_house_number": version.companies_house_number,
        "value_chain": version.value_chain,
        "risks_and_mitigations": version.risks_and_mitigations,
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def failure_counts_for(
    systems: Iterable[AISystem], user: User, today: date
) -> list[tuple[Obligation, int, int, date | None]]:
    """Per duty: the failures about these systems that `user` may see, those still in time for
    a claim on `today`, and the soonest date to file one (one grouped query)."""
    counts = {
        row["obligation"]: row
        for row in failures_visible_to(user)
        .filter(system__in=[system.pk for system in systems])
        .order_by()
        .values("obligation")
        .annotate(
            total=Count("id"),
            in_time=Count("id", filter=Q(limitation_safe__gte=today)),
            soonest=Min("limitation_safe", filter=Q(limitation_safe__gte=today)),
        )
    }
    result = []
    for obligation in Obligation:
        row = counts.get(obligation.value)
        result.append(
            (
                obligation,
                row["total"] if row else 0,
                row["in_time"] if row else 0,
                row["soonest"] if row else None,
            )
        )
    return result


def request_figures_for(systems: Iterable[AISystem]) -> dict[int, list[Figures]]:
    return figures_by_system(system.pk for system in systems)


# --- The timeline -------------------------------------------------------------------------------


def timeline_of(case: ProcurementCase, user: User) -> list[TimelineRow]:
    """The case's events and those of its AI systems, their register entries and the WAIRAs
    the reader may read, oldest first, labelled as every timeline is."""
    systems = systems_for(case, user)
    wairas = wairas_visible_to(user).filter(system__in=systems)
    entries = RegisterEntry.objects.filter(system__in=systems)
    subjects = [
        (ProcurementCase, [case.pk]),
        (AISystem, [s.pk for s in systems]),
        (Waira, list(wairas.values_list("pk", flat=True))),
        (RegisterEntry, list(entries.values_list("pk", flat=True))),
    ]
    where = Q(pk__in=[])
    for model, ids in subjects:
        if ids:
            where |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    states = dict(Stage.choices)
    events = (
        TimelineEvent.objects.filter(where, organisation_id=case.organisation_id)
        .select_related("actor")
        .order_by("created_at", "id")
    )
    return [
        TimelineRow(
            event=event,
            label=event_label(event.kind),
            from_label=str(states.get(event.from_state, "")) if event.from_state else "",
            to_label=str(states.get(event.to_state, "")) if event.to_state else "",
            day_only=is_day_only(event),
        )
        for event in events
    ]


def chain_of(organisation_id: int) -> QuerySet[TimelineEvent]:
    """An organisation's events in chain order (unsealed ones, if any, last)."""
    return TimelineEvent.objects.filter(organisation_id=organisation_id).order_by(
        F("chain_position").asc(nulls_last=True), "id"
    )


def organisation_by_slug(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()


def pack_issued(manifest_sha256: str) -> Pack | None:
    """The pack whose evidence bundle has this manifest, if this Llais issued it."""
    if not manifest_sha256:
        return None
    return (
        Pack.objects.filter(manifest_sha256=manifest_sha256, state=Pack.State.DONE)
        .select_related("organisation")
        .first()
    )


def cases_for_export(cases: QuerySet[ProcurementCase]) -> QuerySet[ProcurementCase]:
    return cases.select_related("organisation", "commissioner").order_by("pk")


def requests_for_export(requests: QuerySet[Any]) -> QuerySet[Any]:
    return requests.select_related("organisation", "ai_system").order_by("pk")


def case_by_pk(pk: int) -> ProcurementCase | None:
    return ProcurementCase.objects.select_related("organisation").filter(pk=pk).first()


def member_by_email(organisation: Organisation, email: str) -> User | None:
    return (
        User.objects.filter(memberships__organisation=organisation, email__iexact=email)
        .distinct()
        .first()
    )

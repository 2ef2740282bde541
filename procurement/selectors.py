"""Reads of procurement data that need rules: gate facts in bulk, dashboards, the case page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext

from core.clock import uk_today
from core.models import User
from core.roles import Role
from procurement.gates import GateFacts, GateResult, evaluate_exit_gate
from procurement.models import (
    SIGN_OFF_CODENAME,
    DiscussionPrompt,
    EngagementActivity,
    EngagementAttachment,
    GateDecision,
    ProcurementCase,
    PromptComment,
    PromptResponse,
    with_gate_facts,
)
from procurement.stages import OPEN_STAGES, TOOLKIT_STAGES, Stage, previous_stage, stages_reached
from registers import selectors as register_selectors
from registers.models import AISystem, RegisterEntry
from registers.selectors import register_entry_due
from rights_requests import selectors as rights_selectors
from rights_requests.selectors import SystemFigures
from waira import selectors as waira_selectors
from waira.models import Waira
from waira.selectors import review_clocks

OPEN_STAGE_VALUES = [str(stage) for stage in OPEN_STAGES]


def cases_with_gate_facts(
    queryset: QuerySet[ProcurementCase] | None = None,
) -> QuerySet[ProcurementCase]:
    """Annotate each case with what its current stage's exit gate needs: one query for N cases."""
    return with_gate_facts(queryset if queryset is not None else ProcurementCase.objects.all())


def gate_for(case: ProcurementCase) -> GateResult:
    """The gate of a case fetched through `cases_with_gate_facts`."""
    return evaluate_exit_gate(GateFacts.from_annotated(case, today=uk_today()))


def awaits_union_decision(case: ProcurementCase) -> bool:
    """A case fetched through `cases_with_gate_facts` that is open with no union sign-off or
    dissent at its stage yet."""
    annotated: Any = case
    return case.is_open and not annotated.gate_union_decision


def exit_gate_for(case: ProcurementCase) -> GateResult:
    """The gate for one case, read fresh from the database."""
    return gate_for(cases_with_gate_facts().get(pk=case.pk))


@dataclass(frozen=True)
class DueItem:
    label: str
    due: date
    system: AISystem

    @property
    def overdue(self) -> bool:
        return self.due < uk_today()


def next_dates_for(case: ProcurementCase) -> list[DueItem]:
    """What is due on a case's AI systems, soonest first (needs `ai_systems` prefetched)."""
    items: list[DueItem] = []
    today = uk_today()
    for system in case.ai_systems.all():
        if system.planned_start and not system.first_use and system.planned_start >= today:
            items.append(DueItem(gettext("Planned start"), system.planned_start, system))
        register_due = register_entry_due(system)
        if register_due:
            items.append(DueItem(register_due.label, register_due.due, system))
        for clock in review_clocks(system, today):
            items.append(DueItem(clock.label, clock.due, system))
    return sorted(items, key=lambda item: item.due)


def case_list_for_dashboard(queryset: QuerySet[ProcurementCase]) -> QuerySet[ProcurementCase]:
    # cases_with_gate_facts prefetches the AI systems with their register entries.
    return cases_with_gate_facts(queryset).select_related("organisation", "commissioner")


def union_representatives_of(case: ProcurementCase) -> QuerySet[User]:
    return User.objects.filter(
        procurementcaseuserobjectpermission__content_object=case,
        procurementcaseuserobjectpermission__permission__codename=SIGN_OFF_CODENAME,
    ).distinct()


def prompts_with_responses(
    case: ProcurementCase, stage: str
) -> list[tuple[DiscussionPrompt, PromptResponse | None]]:
    """Each prompt of a stage with the case's response (or None): two queries."""
    prompts = list(DiscussionPrompt.objects.filter(stage=stage).order_by("order"))
    responses = {
        response.prompt_id: response
        for response in PromptResponse.objects.filter(case=case, prompt__stage=stage)
    }
    return [(prompt, responses.get(prompt.pk)) for prompt in prompts]


def carry_forward_prefill(case: ProcurementCase, stage: str) -> str:
    """The agreements of the stage before `stage`, to prefill its carry-forward record."""
    previous = previous_stage(stage)
    if previous is None:
        return ""
    lines = []
    for prompt, response in prompts_with_responses(case, previous):
        if prompt.is_carry_forward or response is None:
            continue
        if response.not_applicable:
            answer = gettext("Not applicable: %(reason)s") % {
                "reason": response.not_applicable_reason
            }
        else:
            answer = response.agreed_position
        lines.append(f"{prompt.text}\n{answer}")
    return "\n\n".join(lines)


def activities_for(case: ProcurementCase) -> QuerySet[EngagementActivity]:
    return (
        case.activities.select_related("approach", "recorded_by")
        .annotate(attachment_count=Count("attachments"))
        .order_by("-held_on", "-id")
    )


def stage_counts_labelled(queryset: QuerySet[ProcurementCase]) -> list[tuple[str, Any, int]]:
    """(stage, label, number of cases) for every stage, in order: one query."""
    counts = dict(
        queryset.order_by().values("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    return [(stage, label, counts.get(stage, 0)) for stage, label in Stage.choices]


def union_representative_candidates(case: ProcurementCase) -> QuerySet[User]:
    """The organisation's active union representatives not yet assigned to the case."""
    return (
        User.objects.filter(
            memberships__organisation=case.organisation,
            memberships__role=Role.UNION_REPRESENTATIVE,
            is_active=True,
        )
        .exclude(pk__in=union_representatives_of(case).values("pk"))
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


def attachments_of(case: ProcurementCase, activity_pk: int) -> QuerySet[EngagementAttachment]:
    """An engagement activity's attachments, only if the activity is the case's."""
    return EngagementAttachment.objects.filter(activity__case=case, activity_id=activity_pk)


def systems_linkable_to(case: ProcurementCase) -> QuerySet[AISystem]:
    """The organisation's AI systems not yet linked to the case."""
    return AISystem.objects.filter(organisation=case.organisation).exclude(
        pk__in=case.ai_systems.values("pk")
    )


def gate_decisions_of(case: ProcurementCase) -> list[GateDecision]:
    """Every sign-off, dissent and override on the case, oldest first, with who decided."""
    return list(case.gate_decisions.select_related("decided_by").order_by("decided_at", "id"))


@dataclass(frozen=True)
class StageAnswers:
    stage: str
    label: str
    current: bool
    rows: list[tuple[DiscussionPrompt, PromptResponse | None, list[PromptComment]]]


def answers_by_stage(case: ProcurementCase) -> list[StageAnswers]:
    """Every stage's prompts with the case's answers and comments, the current stage first and
    then back to planning, so nothing agreed earlier drops off the case page: three queries."""
    stages = list(stages_reached(case.stage))
    if not stages:  # cancelled: the stages it has answers for
        answered = set(case.prompt_responses.values_list("prompt__stage", flat=True))
        stages = [stage for stage in reversed(TOOLKIT_STAGES) if stage in answered]
    prompts = DiscussionPrompt.objects.filter(stage__in=stages).order_by("order", "id")
    responses = {
        response.prompt_id: response
        for response in PromptResponse.objects.filter(case=case, prompt__stage__in=stages)
    }
    comments: dict[int, list[PromptComment]] = {}
    for comment in PromptComment.objects.filter(case=case).select_related("author"):
        comments.setdefault(comment.prompt_id, []).append(comment)
    by_stage: dict[str, list[DiscussionPrompt]] = {}
    for prompt in prompts:
        by_stage.setdefault(prompt.stage, []).append(prompt)
    return [
        StageAnswers(
            stage=stage,
            label=str(Stage(stage).label),
            current=stage == case.stage,
            rows=[
                (prompt, responses.get(prompt.pk), comments.get(prompt.pk, []))
                for prompt in by_stage.get(stage, [])
            ],
        )
        for stage in stages
    ]


@dataclass(frozen=True)
class SystemOverview:
    """One linked AI system as the case page shows it: its WAIRA, its register entry and the
    rights requests about it (read through the lower apps' selectors)."""

    system: AISystem
    open_waira: Waira | None
    completed_waira: Waira | None
    entry: RegisterEntry | None
    figures: SystemFigures


def systems_overview(case: ProcurementCase) -> list[SystemOverview]:
    systems = list(case.ai_systems.select_related("organisation"))
    figures = rights_selectors.figures_for_systems(systems)
    return [
        SystemOverview(
            system=system,
            open_waira=waira_selectors.open_waira_of(system),
            completed_waira=waira_selectors.latest_completed_of(system),
            entry=register_selectors.entry_of(system),
            figures=figures[system.pk],
        )
        for system in systems
    ]


def we_did_changes(activity: EngagementActivity) -> list[Any]:
    """Each version of the entry's "we did", oldest first, when there has been more than one:
    who wrote it and when (simple-history keeps every save)."""
    versions = list(activity.history.select_related("history_user").order_by("history_date"))
    changes: list[Any] = []
    for version in versions:
        if not changes or changes[-1].employer_response != version.employer_response:
            changes.append(version)
    return changes if len(changes) > 1 else []

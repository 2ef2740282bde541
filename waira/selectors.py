"""Reads of WAIRA data that need rules: content, gaps, consultation state, clocks, gate facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import F, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import legal_time
from core.clock import uk_today
from core.i18n import section_ref
from core.models import User
from core.roles import Role
from registers.models import AISystem, DecisionCategory
from rights_requests.selectors import decisions_altered_count
from waira.content import (
    Difference,
    Gap,
    build_content,
    content_gaps,
    difference,
    items_for,
    risks_and_mitigations,
    section_of,
)
from waira.gates import HighRiskStartFacts, adverse_aspects_blocker, consultation_blockers
from waira.models import (
    AdverseAspect,
    Concern,
    HighRiskStartBreach,
    Waira,
    WairaConsultee,
    WairaKind,
    WairaSnapshot,
    WairaState,
    consultation_facts,
)


def modified_decisions(waira: Waira, until: date) -> tuple[int, str]:
    """s.14(5)(b): decisions altered on reconsideration since the previous WAIRA was completed,
    counted from the reconsideration records, and the period counted, in words."""
    since = waira.previous.completed_on if waira.previous else None
    count = decisions_altered_count(system=waira.system, since=since, until=until)
    if since is None:
        period = gettext("Up to %(until)s") % {"until": date_format(until, "j F Y")}
    else:
        period = gettext("From %(since)s to %(until)s") % {
            "since": date_format(legal_time.add_days(since, 1), "j F Y"),
            "until": date_format(until, "j F Y"),
        }
    return count, period


def current_content(waira: Waira) -> dict[str, Any]:
    """The content as it stands: the completed snapshot once completed, else built live."""
    if waira.is_completed:
        content: dict[str, Any] = completed_snapshot(waira).content
        return content
    modified = modified_decisions(waira, uk_today()) if waira.kind == WairaKind.FURTHER else None
    return build_content(waira, modified=modified)


def system_answers_for_display(waira: Waira) -> dict[str, str]:
    """Sections (a)-(d) as the AI system record holds them now, in the reader's language."""
    system = waira.system
    start = system.first_use or system.planned_start
    return {
        "a": "\n".join(part for part in (system.name, system.supplier, system.description) if part),
        "b": system.value_chain,
        "c": date_format(start, "j F Y") if start else "",
        "d": "; ".join(category.label for category in system.decision_categories.all()),
    }


def completed_snapshot(waira: Waira) -> WairaSnapshot:
    return waira.snapshots.get(kind=WairaSnapshot.Kind.COMPLETED)


def latest_shared_snapshot(waira: Waira) -> WairaSnapshot | None:
    return waira.snapshots.filter(kind=WairaSnapshot.Kind.SHARED).order_by("-number").first()


def categories_in_page_language(answer: str) -> str:
    """Section (d) as a snapshot keeps it (the categories' English labels, so the hash of what
    was shared never depends on a reader's language), shown in the page's language: one query."""
    labels = answer.split("; ")
    categories = {c.label_en: c for c in DecisionCategory.objects.filter(label_en__in=labels)}
    return "; ".join(categories[label].label if label in categories else label for label in labels)


def content_groups(content: dict[str, Any]) -> list[dict[str, Any]]:
    """The content grouped for display: each group with its answers and any excuse."""
    groups: list[dict[str, Any]] = []
    excused = content["not_reasonably_practicable"]
    for item in items_for(content["kind"]):
        if not groups or groups[-1]["title"] != item.group:
            letter = section_of(item.key) or ""
            groups.append(
                {
                    "ref": section_ref(item.ref),
                    "title": item.group,
                    "excused": excused.get(letter, ""),
                    "answers": [],
                }
            )
        answer = content["answers"].get(item.key, "")
        if item.key == "c" and answer:
            answer = date_format(date.fromisoformat(answer), "j F Y")
        if item.key == "d" and answer:
            answer = categories_in_page_language(answer)
        groups[-1]["answers"].append((item, answer))
    return groups


def waira_gaps(waira: Waira, content: dict[str, Any] | None = None) -> list[Gap]:
    """What stops sharing or completion; pass `content` when the caller has already built it."""
    return content_gaps(content if content is not None else current_content(waira))


def difference_from_previous(
    waira: Waira, content: dict[str, Any] | None = None
) -> list[Difference] | None:
    """Field by field against the previous completed WAIRA, or None for the first one."""
    if waira.previous is None:
        return None
    after = content if content is not None else current_content(waira)
    return difference(completed_snapshot(waira.previous).content, after)


# --- The consultation (s.15(3)) -------------------------------------------------------------


def step_dates(waira: Waira) -> list[date]:
    """The UK date of every dated step of the consultation: each sharing, each concern heard
    and answered, each adverse aspect discussed."""
    dates = [legal_time.uk_date(at) for at in waira.sharings.values_list("shared_at", flat=True)]
    for raised, answered in waira.concerns.values_list("raised_at", "responded_at"):
        dates.append(legal_time.uk_date(raised))
        if answered is not None:
            dates.append(legal_time.uk_date(answered))
    dates.extend(waira.adverse_aspects.values_list("discussed_on", flat=True))
    return dates


def listening_period_end(waira: Waira) -> date | None:
    """The first day the consultation may be concluded without a reason: the organisation's
    listening days after the WAIRA was last shared (None before it is shared)."""
    last = waira.sharings.order_by("-shared_at").values_list("shared_at", flat=True).first()
    if last is None:
        return None
    return legal_time.listening_period_ends(
        legal_time.uk_date(last), waira.organisation.consultation_listening_days
    )


def listening_period_blocker(waira: Waira) -> str:
    """Why a reason is asked for when concluding early, with the day the period ends in words."""
    ends = listening_period_end(waira)
    assert ends is not None
    return gettext(
        "Workers have until %(ends)s to respond to the WAIRA last shared with them. To "
        "conclude the consultation sooner, say in 'Why the consultation is concluded before "
        "then' why it cannot wait."
    ) % {"ends": date_format(ends, "j F Y")}


def conclusion_blockers(waira: Waira) -> list[str]:
    """What stops the consultation being concluded."""
    return consultation_blockers(consultation_facts(waira))


def conclusion_errors(waira: Waira) -> dict[str, list[str]]:
    """The blockers as a form shows them: the adverse-aspects one against the field that can
    answer it, the others (done on other pages) for the error summary alone."""
    facts = consultation_facts(waira)
    adverse = adverse_aspects_blocker(facts)
    others = [blocker for blocker in consultation_blockers(facts) if blocker != adverse]
    errors: dict[str, list[str]] = {}
    if others:
        errors[NON_FIELD_ERRORS] = others
    if adverse:
        errors["no_adverse_aspects_reason"] = [adverse]
    return errors


@dataclass(frozen=True)
class Anonymity:
    """Whether workers consulted on a WAIRA may raise concerns anonymously: only when it was
    shared with enough of them in Llais that a concern cannot be traced to one of a few."""

    consultees: int
    minimum: int

    @property
    def offered(self) -> bool:
        return self.consultees >= self.minimum

    @property
    def why_not(self) -> str:
        return gettext(
            "You cannot stay anonymous on this assessment. Anonymity needs at least "
            "%(minimum)s workers consulted in Llais, and this assessment was shared with "
            "%(count)s: with so few, managers could work out who wrote a concern. If you raise a "
            "concern here, your name goes with it. You can ask your union representative to "
            "raise it for you instead."
        ) % {"count": self.consultees, "minimum": self.minimum}


def anonymity_of(waira: Waira) -> Anonymity:
    return Anonymity(
        consultees=waira.consultees.count(),
        minimum=waira.organisation.anonymity_minimum_consultees,
    )


def concerns_for_staff(waira: Waira) -> list[tuple[Concern, str]]:
    """Each concern with the name managers and representatives may see: "Anonymous" where the
    worker chose it."""
    return [
        (concern, concern_author_shown(concern))
        for concern in waira.concerns.select_related("raised_by", "responded_by")
    ]


def concern_author_shown(concern: Concern) -> str:
    """Who raised a concern, as staff and representatives may see it."""
    if concern.personal_data_removed_on is not None:
        return str(_("A worker (removed after the retention period)"))
    if concern.anonymous:
        return str(_("Anonymous worker"))
    if concern.raised_by is None:
        # Imported from another installation, from someone who is not a member here (packs).
        return str(_("A worker who is not a member of this organisation"))
    return str(concern.raised_by)


def adverse_aspects_of(waira: Waira) -> QuerySet[AdverseAspect]:
    return waira.adverse_aspects.select_related("recorded_by")


# --- The AI system's clocks and gate facts ---------------------------------------------------


def high_risk_start_facts(system: AISystem) -> HighRiskStartFacts:
    return HighRiskStartFacts.of(system)


@dataclass(frozen=True)
class ReviewClock:
    label: str
    due: date
    today: date

    @property
    def overdue(self) -> bool:
        return self.today > self.due

    @property
    def days_left(self) -> int:
        return legal_time.days_left(self.today, self.due)


def review_clocks(system: AISystem, on: date | None = None) -> list[ReviewClock]:
    """Next WAIRA (s.14(4)) and next consultation (s.15(4)) for a system still in use or yet to
    start; none once its use has ended (the duty lasts "for as long as decision-making
    continues")."""
    on = on or uk_today()
    if system.end_of_use is not None and system.end_of_use <= on:
        return []
    clocks = []
    if system.waira_next_due:
        clocks.append(ReviewClock(gettext("Next WAIRA due (s.14(4))"), system.waira_next_due, on))
    if system.consultation_next_due:
        clocks.append(
            ReviewClock(
                gettext("Next consultation due (s.15(4))"), system.consultation_next_due, on
            )
        )
    return clocks


def open_waira_of(system: AISystem) -> Waira | None:
    return system.wairas.exclude(state=WairaState.COMPLETED).first()


def latest_completed_of(system: AISystem) -> Waira | None:
    return system.wairas.filter(state=WairaState.COMPLETED).order_by("-version").first()


def atrs_details(system: AISystem) -> dict[str, str]:
    """ATRS 2.5.2 for the public register, from the system's latest completed WAIRA as its
    completed snapshot holds it (a completed WAIRA never changes, ADR 0004): two queries.
    registers asks through core.extensions (waira/apps.py) and freezes the answer into the
    version it publishes (docs/adr/0023)."""
    waira = latest_completed_of(system)
    if waira is None:
        return {}
    completed_on = waira.completed_on.isoformat() if waira.completed_on else ""
    content = completed_snapshot(waira).content
    return {"risks_and_mitigations": risks_and_mitigations(content, completed_on)}


def workers_of(waira: Waira) -> QuerySet[User]:
    """The organisation's active workers, whom a WAIRA may be shared with (s.15)."""
    return (
        User.objects.filter(
            memberships__organisation=waira.organisation,
            memberships__role=Role.WORKER,
            is_active=True,
        )
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


def consulted_workers_of_systems(system_ids: list[int]) -> dict[int, set[int]]:
    """For each AI system, the workers consulted on any of its WAIRAs (s.15): those affected,
    whom accountability tells of a failure. One query."""
    rows = WairaConsultee.objects.filter(
        waira__system_id__in=system_ids, worker__is_active=True
    ).values_list("waira__system_id", "worker_id")
    result: dict[int, set[int]] = {}
    for system_id, worker_id in rows:
        result.setdefault(system_id, set()).add(worker_id)
    return result


def high_risk_start_breaches() -> QuerySet[HighRiskStartBreach]:
    """Every start of high-risk decision-making recorded in breach (s.14(2), s.15(1))."""
    return HighRiskStartBreach.objects.select_related("system")


def high_risk_start_breach_of(system: AISystem) -> HighRiskStartBreach | None:
    return HighRiskStartBreach.objects.filter(system=system).first()


def systems_past_review(due_field: str, today: date) -> QuerySet[AISystem]:
    """Systems in high-risk use whose stored 12-month due date (`waira_next_due` or
    `consultation_next_due`) passed before `today`, still in use on it (R-WAIRA-PERIODIC,
    R-CONS-REPEAT: the clock stops at the register's end-of-use date)."""
    if due_field not in {"waira_next_due", "consultation_next_due"}:
        raise ValueError(due_field)
    return AISystem.objects.filter(
        used_in_high_risk_decision_making=True,
        first_use__isnull=False,
        **{f"{due_field}__lt": today},
    ).filter(Q(end_of_use__isnull=True) | Q(end_of_use__gt=F(due_field)))

"""A case as one JSON document, so it can move to another Llais installation (docs/case-export.md).

People are named by email and name, never by database id; records inside the document point at
each other by keys that are stable within it ("activity-3", "system-1", "waira-1-2"). A worker's
anonymous concern never names them, and a concern's times are given to the day only, as the app
and the pack show them. Files (attachments, evidence) are not carried: the evidence bundle does
that.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, Q

from core.models import TimelineEvent, User
from core.timeline import is_day_only
from packs.models import CaseImport
from packs.sections import day
from procurement.models import (
    CarryForward,
    EngagementActivity,
    GateDecision,
    ProcurementCase,
    PromptComment,
    PromptResponse,
    Requirement,
    RiskGrading,
    TenderQuestion,
    WeightingDecision,
)
from procurement.selectors import union_representatives_of
from registers.models import AISystem, RegisterEntry
from waira.models import Waira

SCHEMA_ID = "https://llais.cymru/schemas/llais-case/1"
VERSION = 1

Person = dict[str, str] | None


class _People:
    """Who a record names: the user, or, for a record imported from elsewhere whose person is
    not a member here, who the document said it was."""

    def __init__(self, case: ProcurementCase) -> None:
        self.attributed: dict[tuple[str, int, str], dict[str, str]] = {}
        self.lists: dict[tuple[str, int, str], list[dict[str, str]]] = {}
        imported = CaseImport.objects.filter(case=case).first()
        for row in imported.attributions if imported else []:
            where = (row["model"], row["pk"], row["field"])
            if row.get("many"):
                self.lists.setdefault(where, []).append(row["person"])
            else:
                self.attributed[where] = row["person"]

    def of(self, record: Model, field: str) -> Person:
        where = (record._meta.label_lower, record.pk, field)
        if where in self.attributed:
            return dict(self.attributed[where])
        user = getattr(record, field)
        return person(user)

    def extra(self, record: Model, field: str) -> list[dict[str, str]]:
        return [dict(p) for p in self.lists.get((record._meta.label_lower, record.pk, field), [])]


def person(user: User | None) -> Person:
    if user is None:
        return None
    return {"email": user.email, "name": user.get_full_name() or user.username}


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def case_export(case: ProcurementCase) -> dict[str, Any]:
    people = _People(case)
    activities = list(
        EngagementActivity.objects.filter(case=case)
        .select_related("approach", "recorded_by")
        .order_by("held_on", "created_at", "id")
    )
    activity_keys = {a.pk: f"activity-{n}" for n, a in enumerate(activities, 1)}
    requirements = list(
        Requirement.objects.filter(case=case).select_related("recorded_by").order_by("id")
    )
    requirement_keys = {r.pk: f"requirement-{n}" for n, r in enumerate(requirements, 1)}
    systems = list(case.ai_systems.order_by("created_at", "id"))
    system_keys = {s.pk: f"system-{n}" for n, s in enumerate(systems, 1)}
    wairas = list(
        Waira.objects.filter(system__in=systems)
        .select_related("completed_by", "created_by")
        .order_by("system_id", "version")
    )
    waira_keys = {w.pk: f"waira-{system_keys[w.system_id][7:]}-{w.version}" for w in wairas}
    entries = {e.system_id: e for e in RegisterEntry.objects.filter(system__in=systems)}
    subjects: dict[tuple[type[Model], int], dict[str, str]] = {
        (ProcurementCase, case.pk): {"type": "case", "key": "case"},
        **{(AISystem, pk): {"type": "ai_system", "key": key} for pk, key in system_keys.items()},
        **{(Waira, pk): {"type": "waira", "key": key} for pk, key in waira_keys.items()},
        **{
            (RegisterEntry, entry.pk): {"type": "register_entry", "key": system_keys[system_id]}
            for system_id, entry in entries.items()
        },
    }
    return {
        "schema": SCHEMA_ID,
        "version": VERSION,
        "case": {
            "title": case.title,
            "summary": case.summary,
            "stage": case.stage,
            "cancellation_reason": case.cancellation_reason,
            "engagement_plan": case.engagement_plan,
            "risk_level": case.risk_level,
            "risk_reasoning": case.risk_reasoning,
            "commissioner": people.of(case, "commissioner"),
            "union_representatives": sorted(
                [person(u) for u in union_representatives_of(case)]
                + people.extra(case, "union_representatives"),
                key=lambda p: p["email"],
            ),
            "created_at": _when(case.created_at),
        },
        "risk_gradings": [
            {
                "stage": g.stage,
                "decision_categories": sorted(c.key for c in g.decision_categories.all()),
                "workers_affected": g.workers_affected,
                "protected_characteristics": g.protected_characteristics,
                "automation": g.automation,
                "reversibility": g.reversibility,
                "level": g.level,
                "previous_level": g.previous_level,
                "reason": g.reason,
                "graded_by": people.of(g, "graded_by"),
                "graded_at": _when(g.graded_at),
            }
            for g in RiskGrading.objects.filter(case=case).order_by("graded_at", "id")
        ],
        "prompt_answers": [
            {
                "prompt": r.prompt.key,
                "agreed_position": r.agreed_position,
                "not_applicable": r.not_applicable,
                "not_applicable_reason": r.not_applicable_reason,
                "answered_by": people.of(r, "answered_by"),
                "updated_at": _when(r.updated_at),
            }
            for r in PromptResponse.objects.filter(case=case)
            .select_related("prompt", "answered_by")
            .order_by("prompt__key")
        ],
        "prompt_comments": [
            {
                "prompt": c.prompt.key,
                "text": c.text,
                "author": people.of(c, "author"),
                "created_at": _when(c.created_at),
            }
            for c in PromptComment.objects.filter(case=case)
            .select_related("prompt", "author")
            .order_by("created_at", "id")
        ],
        "engagement_activities": [
            {
                "key": activity_keys[a.pk],
                "stage": a.stage,
                "approach": a.approach.key,
                "held_on": a.held_on.isoformat(),
                "worker_groups": a.worker_groups,
                "worker_count": a.worker_count,
                "union_involved": a.union_involved,
                "union_involvement": a.union_involvement,
                "protected_characteristics_involved": a.protected_characteristics_involved,
                "protected_characteristics_detail": a.protected_characteristics_detail,
                "issues_raised": a.issues_raised,
                "employer_response": a.employer_response,
                "recorded_by": people.of(a, "recorded_by"),
                "created_at": _when(a.created_at),
            }
            for a in activities
        ],
        "carry_forwards": [
            {
                "stage": c.stage,
                "agreed_at_previous_stage": c.agreed_at_previous_stage,
                "what_has_changed": c.what_has_changed,
                "participants": c.participants,
                "recorded_by": people.of(c, "recorded_by"),
                "updated_at": _when(c.updated_at),
            }
            for c in CarryForward.objects.filter(case=case)
            .select_related("recorded_by")
            .order_by("stage", "id")
        ],
        "gate_decisions": [
            {
                "stage": d.stage,
                "kind": d.kind,
                "reason": d.reason,
                "decided_by": people.of(d, "decided_by"),
                "decided_at": _when(d.decided_at),
            }
            for d in GateDecision.objects.filter(case=case)
            .select_related("decided_by")
            .order_by("decided_at", "id")
        ],
        "requirements": [
            {
                "key": requirement_keys[r.pk],
                "kind": r.kind,
                "text": r.text,
                "proposed_by": r.proposed_by,
                "activity": activity_keys.get(r.activity_id) if r.activity_id else None,
                "concern": r.concern,
                "status": r.status,
                "dispute": r.dispute,
                "recorded_by": people.of(r, "recorded_by"),
                "created_at": _when(r.created_at),
            }
            for r in requirements
        ],
        "tender_questions": [
            {
                "toolkit_key": q.toolkit_key,
                "text_en": q.text_en,
                "text_cy": q.text_cy,
                "requirements": sorted(
                    requirement_keys[r.pk] for r in q.requirements.all() if r.pk in requirement_keys
                ),
                "weight": q.weight,
                "order": q.order,
            }
            for q in TenderQuestion.objects.filter(case=case)
            .prefetch_related("requirements")
            .order_by("order", "id")
        ],
        "weighting_decisions": [
            {
                "kind": d.kind,
                "reason": d.reason,
                "weights": d.weights,
                "decided_by": people.of(d, "decided_by"),
                "decided_at": _when(d.decided_at),
            }
            for d in WeightingDecision.objects.filter(case=case)
            .select_related("decided_by")
            .order_by("decided_at", "id")
        ],
        "ai_systems": [
            _system(system, system_keys[system.pk], entries.get(system.pk), people)
            for system in systems
        ],
        "wairas": [_waira(w, waira_keys, system_keys, people) for w in wairas],
        "timeline": _timeline(case, subjects, people),
    }


def _system(
    system: AISystem, key: str, entry: RegisterEntry | None, people: _People
) -> dict[str, Any]:
    return {
        "key": key,
        "name": system.name,
        "supplier": system.supplier,
        "description": system.description,
        "value_chain": system.value_chain,
        "decision_categories": sorted(c.key for c in system.decision_categories.all()),
        "used_in_high_risk_decision_making": system.used_in_high_risk_decision_making,
        "planned_start": day(system.planned_start),
        "first_use": day(system.first_use),
        "end_of_use": day(system.end_of_use),
        "waira_completed_on": day(system.waira_completed_on),
        "waira_next_due": day(system.waira_next_due),
        "consultation_concluded_on": day(system.consultation_concluded_on),
        "consultation_next_due": day(system.consultation_next_due),
        "created_at": _when(system.created_at),
        "register_entry": _entry(entry) if entry is not None else None,
    }


def _entry(entry: RegisterEntry) -> dict[str, Any]:
    published = entry.published_version
    return {
        "status": entry.status,
        "name_cy": entry.name_cy,
        "description_en": entry.description_en,
        "description_cy": entry.description_cy,
        "purpose_en": entry.purpose_en,
        "purpose_cy": entry.purpose_cy,
        "data_types_en": entry.data_types_en,
        "data_types_cy": entry.data_types_cy,
        "published_version": published.number if published is not None else None,
        "has_unpublished_changes": entry.has_unpublished_changes,
        "unrecorded_change_on": day(entry.unrecorded_change_on),
        "due_by": day(entry.due_by),
        "due_rule": entry.due_rule,
        "created_at": _when(entry.created_at),
        "versions": [
            {
                "number": v.number,
                "status": v.status,
                "published_at": _when(v.published_at),
                "change_date": day(v.change_date),
                "change_note_en": v.change_note_en,
                "change_note_cy": v.change_note_cy,
                "name_en": v.name_en,
                "name_cy": v.name_cy,
                "supplier": v.supplier,
                "description_en": v.description_en,
                "description_cy": v.description_cy,
                "purpose_en": v.purpose_en,
                "purpose_cy": v.purpose_cy,
                "data_types_en": v.data_types_en,
                "data_types_cy": v.data_types_cy,
                "decision_categories": sorted(c.key for c in v.decision_categories.all()),
                "planned_start": day(v.planned_start),
                "first_use": day(v.first_use),
                "end_of_use": day(v.end_of_use),
                "waira_completed_on": day(v.waira_completed_on),
                # What the version froze for the ATRS export (docs/adr/0023).
                "senior_responsible_owner": v.senior_responsible_owner,
                "companies_house_number": v.companies_house_number,
                "value_chain": v.value_chain,
                "risks_and_mitigations": v.risks_and_mitigations,
            }
            for v in entry.versions.prefetch_related("decision_categories").order_by("number")
        ],
    }


def _waira(
    waira: Waira, waira_keys: dict[int, str], system_keys: dict[int, str], people: _People
) -> dict[str, Any]:
    snapshots = {s.pk: s.number for s in waira.snapshots.all()}
    return {
        "key": waira_keys[waira.pk],
        "system": system_keys[waira.system_id],
        "kind": waira.kind,
        "version": waira.version,
        "previous": waira_keys.get(waira.previous_id) if waira.previous_id else None,
        "state": waira.state,
        "purpose": waira.purpose,
        "decision_logic": waira.decision_logic,
        "data_processed": waira.data_processed,
        "personal_data_influence": waira.personal_data_influence,
        "accuracy_monitoring": waira.accuracy_monitoring,
        "accuracy_metric": waira.accuracy_metric,
        "not_reasonably_practicable": waira.not_reasonably_practicable,
        "decisions_modified_note": waira.decisions_modified_note,
        "harm_incidents": waira.harm_incidents,
        "no_adverse_aspects_reason": waira.no_adverse_aspects_reason,
        "concluded_on": day(waira.concluded_on),
        "completed_on": day(waira.completed_on),
        "completed_at": _when(waira.completed_at),
        "completed_by": people.of(waira, "completed_by"),
        "content_sha256": waira.content_sha256,
        "created_by": people.of(waira, "created_by"),
        "created_at": _when(waira.created_at),
        "statute_risks": [
            {
                "statute": r.statute,
                "risk_assessment": r.risk_assessment,
                "monitoring": r.monitoring,
                "measures": r.measures,
            }
            for r in waira.statute_risks.order_by("statute")
        ],
        "characteristic_impacts": [
            {
                "characteristic": c.characteristic,
                "impact": c.impact,
                "inaccurate_decisions": c.inaccurate_decisions,
            }
            for c in waira.characteristic_impacts.order_by("characteristic")
        ],
        "snapshots": [
            {
                "number": s.number,
                "kind": s.kind,
                "content": s.content,
                "sha256": s.sha256,
                "created_by": people.of(s, "created_by"),
                "created_at": _when(s.created_at),
            }
            for s in waira.snapshots.select_related("created_by").order_by("number")
        ],
        "sharings": [
            {
                "snapshot": snapshots[s.snapshot_id],
                "audience": s.audience,
                "method": s.method,
                "shared_by": people.of(s, "shared_by"),
                "shared_at": _when(s.shared_at),
            }
            for s in waira.sharings.select_related("shared_by").order_by("shared_at", "id")
        ],
        "concerns": [
            {
                "snapshot": snapshots[c.snapshot_id],
                # An anonymous concern never names its worker, here as everywhere.
                "raised_by": None if c.anonymous else people.of(c, "raised_by"),
                "anonymous": c.anonymous,
                "text": c.text,
                "raised_on": day(c.raised_at),
                "response": c.response,
                "responded_by": people.of(c, "responded_by"),
                "responded_on": day(c.responded_at),
                "personal_data_removed_on": day(c.personal_data_removed_on),
            }
            for c in waira.concerns.select_related("raised_by", "responded_by").order_by(
                "raised_at", "id"
            )
        ],
        "adverse_aspects": [
            {
                "aspect": a.aspect,
                "discussed_on": day(a.discussed_on),
                "discussion": a.discussion,
                "outcome": a.outcome,
                "outcome_detail": a.outcome_detail,
                "recorded_by": people.of(a, "recorded_by"),
                "recorded_at": _when(a.recorded_at),
            }
            for a in waira.adverse_aspects.select_related("recorded_by").order_by(
                "discussed_on", "id"
            )
        ],
        "comments": [
            {"text": c.text, "author": people.of(c, "author"), "created_at": _when(c.created_at)}
            for c in waira.comments.select_related("author").order_by("created_at", "id")
        ],
        "union_positions": [
            {
                "kind": p.kind,
                "reason": p.reason,
                "representative": people.of(p, "representative"),
                "decided_at": _when(p.decided_at),
            }
            for p in waira.union_positions.select_related("representative").order_by(
                "decided_at", "id"
            )
        ],
    }


def _timeline(
    case: ProcurementCase,
    subjects: dict[tuple[type[Model], int], dict[str, str]],
    people: _People,
) -> list[dict[str, Any]]:
    where = Q(pk__in=[])
    by_type: dict[type[Model], list[int]] = {}
    for model, pk in subjects:
        by_type.setdefault(model, []).append(pk)
    types = {model: ContentType.objects.get_for_model(model) for model in by_type}
    for model, ids in by_type.items():
        where |= Q(content_type=types[model], object_id__in=ids)
    models_of = {ct.pk: model for model, ct in types.items()}
    rows = []
    for event in (
        TimelineEvent.objects.filter(where, organisation_id=case.organisation_id)
        .select_related("actor")
        # The chain's order, which an import keeps (a concern's time, kept to the day, does not).
        .order_by(F("chain_position").asc(nulls_last=True), "id")
    ):
        day_only = is_day_only(event)
        rows.append(
            {
                "subject": subjects[(models_of[event.content_type_id], event.object_id)],
                "kind": event.kind,
                "from_state": event.from_state,
                "to_state": event.to_state,
                "reason": event.reason,
                "data": event.data,
                # A concern's event is shown to the day only: its minute could name the worker.
                "when": None if day_only else _when(event.created_at),
                "day": day(event.created_at),
                "actor": people.of(event, "actor"),
            }
        )
    return rows

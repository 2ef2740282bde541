"""The sections of a case's assessment pack that the records below packs hold.

Each is registered with core.extensions.register_pack_section, the registry other apps use to
add theirs (oversight reviews, incidents, failures): packs prints whatever is registered, in
order, and hashes each section's JSON-ready `content`. A section shows the reader only what the
app's own pages would show them (`Reader.scope`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from core import chain, legal_time
from core.extensions import PackContent, PackSection, register_pack_section
from core.models import User
from core.pdf import content_sha256
from core.services.timeline import subject_label
from packs import selectors
from packs.models import Pack
from procurement.models import ProcurementCase
from procurement.stages import TOOLKIT_STAGES, Stage


@dataclass(frozen=True)
class Reader:
    """Who the pack is made for, and so what it may hold."""

    user: User
    scope: str

    @property
    def is_full(self) -> bool:
        return self.scope == Pack.Scope.FULL


def day(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return legal_time.uk_date(value).isoformat()
    return value.isoformat()


def instant(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def person(user: User | None) -> str:
    return str(user) if user is not None else ""


# --- The case and its stages -------------------------------------------------------------------


def build_case(case: ProcurementCase, reader: Reader) -> PackContent:
    systems = list(case.ai_systems.order_by("pk"))
    content = {
        "id": case.pk,
        "title": case.title,
        "summary": case.summary,
        "organisation": case.organisation.name,
        "commissioner": person(case.commissioner),
        "stage": case.stage,
        "risk_level": case.risk_level,
        "risk_reasoning": case.risk_reasoning,
        "engagement_plan": case.engagement_plan,
        "cancellation_reason": case.cancellation_reason,
        "created_on": day(case.created_at),
        "ai_systems": [system.name for system in systems],
        "union_representatives": [person(u) for u in selectors.union_representatives_of(case)],
    }
    return PackContent(content=content, context={"case": case})


def build_stages(case: ProcurementCase, reader: Reader) -> PackContent:
    dates = selectors.stage_dates(case)
    activities = selectors.activities_of(case)
    carry_forwards = {record.stage: record for record in selectors.carry_forwards_of(case)}
    decisions = selectors.gate_decisions_of(case)
    stages, content = [], []
    for stage in TOOLKIT_STAGES:
        entered, left = dates.get(stage, (None, None))
        if entered is None and not any(a.stage == stage for a in activities):
            continue
        ledger = [a for a in activities if a.stage == stage]
        prompts = selectors.prompts_with_responses(case, stage)
        stage_decisions = [d for d in decisions if d.stage == stage]
        carry_forward = carry_forwards.get(stage)
        stages.append(
            {
                "label": Stage(stage).label,
                "entered": entered,
                "left": left,
                "ledger": ledger,
                "prompts": prompts,
                "decisions": stage_decisions,
                "carry_forward": carry_forward,
            }
        )
        content.append(
            {
                "stage": stage,
                "entered_on": day(entered),
                "left_on": day(left),
                "ledger": [
                    {
                        "held_on": day(a.held_on),
                        "approach": a.approach.key if a.approach else "",
                        "worker_groups": a.worker_groups,
                        "worker_count": a.worker_count,
                        "union_involved": a.union_involved,
                        "union_involvement": a.union_involvement,
                        "protected_characteristics_involved": a.protected_characteristics_involved,
                        "protected_characteristics_detail": a.protected_characteristics_detail,
                        "you_said": a.issues_raised,
                        "we_did": a.employer_response,
                        "attachments": [f.file.name for f in a.attachments.all()],
                    }
                    for a in ledger
                ],
                "prompts": [
                    {
                        "prompt": prompt.key,
                        "agreed_position": response.agreed_position if response else "",
                        "not_applicable": response.not_applicable if response else False,
                        "not_applicable_reason": response.not_applicable_reason if response else "",
                    }
                    for prompt, response in prompts
                ],
                "gate_decisions": [
                    {
                        "kind": d.kind,
                        "reason": d.reason,
                        "by": person(d.decided_by),
                        "at": instant(d.decided_at),
                    }
                    for d in stage_decisions
                ],
                "carry_forward": None
                if carry_forward is None
                else {
                    "agreed_at_previous_stage": carry_forward.agreed_at_previous_stage,
                    "what_has_changed": carry_forward.what_has_changed,
                    "participants": carry_forward.participants,
                },
            }
        )
    artefacts = {
        f"attachments/{a.pk}/{str(attachment.file.name).rsplit('/', 1)[-1]}": _reader_of(attachment)
        for a in activities
        for attachment in a.attachments.all()
    }
    return PackContent(content=content, context={"stages": stages}, artefacts=artefacts)


def _reader_of(attachment: Any) -> Any:
    def read() -> bytes:
        with attachment.file.open("rb") as handle:
            data: bytes = handle.read()
        return data

    return read


# --- The AI systems: WAIRAs, consultation, register entry -------------------------------------


def build_systems(case: ProcurementCase, reader: Reader) -> PackContent | None:
    systems = selectors.systems_for(case, reader.user)
    if not systems:
        return None
    rows, content, artefacts = [], [], {}
    for system in systems:
        wairas = selectors.wairas_for(system, reader.user)
        latest = wairas[-1] if wairas else None
        latest_context = selectors.waira_context(latest) if latest is not None else None
        earlier = [
            {"waira": waira, "difference": selectors.changed_rows(waira)} for waira in wairas[:-1]
        ]
        versions = selectors.register_versions_for(system, reader.user)
        rows.append(
            {
                "system": system,
                "latest": latest_context,
                "earlier": earlier,
                "versions": versions,
            }
        )
        content.append(
            {
                "name": system.name,
                "supplier": system.supplier,
                "wairas": [selectors.waira_summary(waira) for waira in wairas],
                "latest_waira": selectors.waira_content(latest_context) if latest_context else None,
                "register_versions": [selectors.version_content(v) for v in versions],
            }
        )
        for waira in wairas:
            artefacts[f"wairas/{system.pk}-v{waira.version}.pdf"] = selectors.waira_pdf_maker(waira)
        for version in versions:
            artefacts[f"register/{system.pk}-v{version.number}.json"] = _json_maker(
                selectors.version_content(version)
            )
    return PackContent(content=content, context={"systems": rows}, artefacts=artefacts)


def _json_maker(value: Any) -> Any:
    def make() -> bytes:
        return json.dumps(value, indent=2, ensure_ascii=False, sort_keys=True).encode("utf-8")

    return make


def build_request_figures(case: ProcurementCase, reader: Reader) -> PackContent | None:
    systems = selectors.systems_for(case, reader.user)
    if not systems:
        return None
    figures = selectors.request_figures_for(systems)
    rows = [(system, figures.get(system.pk, [])) for system in systems]
    content = [
        {
            "system": system.name,
            "figures": [
                {
                    "kind": row.kind,
                    **{
                        key: str(getattr(row, key))
                        for key in (
                            "total",
                            "open",
                            "answered_in_time",
                            "refused",
                            "altered",
                            "failures",
                        )
                    },
                }
                for row in system_figures
            ],
        }
        for system, system_figures in rows
    ]
    return PackContent(content=content, context={"rows": rows})


# --- The timeline ------------------------------------------------------------------------------


def build_timeline(case: ProcurementCase, reader: Reader) -> PackContent:
    rows = selectors.timeline_of(case, reader.user)
    content = [
        {
            "id": row.event.pk,
            "when": day(row.event.created_at) if row.day_only else instant(row.event.created_at),
            "who": person(row.event.actor),
            "kind": row.event.kind,
            "from": row.event.from_state,
            "to": row.event.to_state,
            "reason": row.event.reason,
            "sha256": row.event.sha256,
        }
        for row in rows
    ]
    chained = [
        chain.event_row(
            row.event,
            subject_label(row.event.content_type_id, row.event.object_id),
            day_only=row.day_only,
        )
        for row in rows
    ]
    return PackContent(
        content=content,
        context={"events": rows},
        artefacts={"timeline.json": _json_maker(chained)},
    )


SECTIONS = [
    PackSection("case", 10, _("The case"), "packs/pdf/case.html", build_case),
    PackSection("stages", 20, _("The stages"), "packs/pdf/stages.html", build_stages),
    PackSection("systems", 30, _("The AI systems"), "packs/pdf/systems.html", build_systems),
    PackSection(
        "request_figures",
        50,
        _("Explanation and reconsideration requests in figures"),
        "packs/pdf/request_figures.html",
        build_request_figures,
    ),
    PackSection("timeline", 90, _("The full timeline"), "packs/pdf/timeline.html", build_timeline),
]
for section in SECTIONS:
    register_pack_section(section)

__all__ = ["Reader", "content_sha256"]

"""Bringing a case exported by another Llais installation into an organisation
(docs/case-export.md, docs/adr/0019-case-export-format.md).

The document is read and checked against the published JSON Schema before anything is written;
then every record is written in one transaction, as it was: with its original dates, inserted
directly in its final state (the database's guards on completed WAIRAs and stored clocks refuse
updates, never inserts; a completed WAIRA's answers go in before it is marked completed). Nothing
is recorded as if someone had just done it: the records keep their history, each imported event
says it was imported, and one "Case imported" event on the new case says by whom and when.

People are matched by email to members of the organisation. Nobody is given an account: a record
whose person is not a member holds the importer, and the CaseImport row keeps who it really was.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DataError, IntegrityError, models, transaction
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm
from jsonschema import Draft202012Validator

from core import legal_time
from core.clock_guards import workflow_write
from core.models import Organisation, TimelineEvent, User
from core.permissions import require
from core.services.timeline import timeline_record, timeline_seal
from packs import permissions
from packs.case_export import VERSION
from packs.models import CaseImport
from procurement import permissions as procurement_permissions
from procurement.models import (
    SIGN_OFF_CODENAME,
    CarryForward,
    DiscussionPrompt,
    EngagementActivity,
    EngagementApproach,
    GateDecision,
    ProcurementCase,
    PromptComment,
    PromptResponse,
    Requirement,
    RiskGrading,
    TenderQuestion,
    WeightingDecision,
)
from registers import cache as register_cache
from registers.models import AISystem, DecisionCategory, RegisterEntry, RegisterEntryVersion
from waira.models import (
    AdverseAspect,
    Concern,
    Waira,
    WairaCharacteristicImpact,
    WairaComment,
    WairaSharing,
    WairaSnapshot,
    WairaState,
    WairaStatuteRisk,
    WairaUnionPosition,
)

SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "case-export.schema.json"
MAX_BYTES = 20 * 1024 * 1024
ERRORS_SHOWN = 5


class CaseImportRefused(Exception):
    """The document cannot be imported; `problems` says why, each naming where in it."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@cache
def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def case_document_read(raw: bytes) -> dict[str, Any]:
    """The document in `raw`, checked: JSON, a Llais case, a version this Llais reads, and valid
    against the schema. Refused with the JSON paths of the first few problems otherwise."""
    if len(raw) > MAX_BYTES:
        raise CaseImportRefused(
            [_("The file is larger than 20 MB. Export the case again, or ask for help.")]
        )
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise CaseImportRefused(
            [
                _(
                    "The file is not JSON. Choose the .json file Llais made when the case "
                    "was exported."
                )
            ]
        ) from None
    case_document_check(document)
    return document  # type: ignore[no-any-return]


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON, though Python reads them; PostgreSQL would refuse them."""
    raise ValueError(name)


def case_document_check(document: Any) -> None:
    if not isinstance(document, dict) or "version" not in document:
        raise CaseImportRefused(
            [_("The file is not a Llais case export: it has no format version.")]
        )
    version = document.get("version")
    if version != VERSION:
        raise CaseImportRefused(
            [
                _(
                    "The file is version %(found)s of the Llais case format; this Llais reads "
                    "version %(known)s. Import it into a Llais that reads its version."
                )
                % {"found": str(version)[:20], "known": VERSION}
            ]
        )
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    if errors:
        raise CaseImportRefused(
            [
                _("%(path)s: %(message)s")
                % {"path": _path(error.absolute_path), "message": _short(error.message)}
                for error in errors[:ERRORS_SHOWN]
            ]
        )


def _short(message: str) -> str:
    return message if len(message) <= 200 else message[:197] + "..."


class _Importer:
    def __init__(self, actor: User, organisation: Organisation) -> None:
        self.actor = actor
        self.organisation = organisation
        self.attributions: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self._members: dict[str, User] = {
            user.email.lower(): user
            for user in User.objects.filter(memberships__organisation=organisation)
            .exclude(email="")
            .distinct()
        }

    # --- People ---------------------------------------------------------------------------------

    def member(self, person: dict[str, str] | None) -> User | None:
        if person is None:
            return None
        return self._members.get(person["email"].lower())

    def required(self, person: dict[str, str], later: list[tuple[str, dict[str, str]]]) -> User:
        """The member this person is, or the importer, with who it was kept for `attribute`."""
        user = self.member(person)
        if user is None:
            later.append(("", person))
            return self.actor
        return user

    def attribute(self, record: models.Model, field: str, person: dict[str, str] | None) -> None:
        if person is not None and self.member(person) is None:
            self.attributions.append(
                {
                    "model": record._meta.label_lower,
                    "pk": record.pk,
                    "field": field,
                    "person": {"email": person["email"], "name": person["name"]},
                }
            )

    def attribute_many(self, record: models.Model, field: str, person: dict[str, str]) -> None:
        self.attributions.append(
            {
                "model": record._meta.label_lower,
                "pk": record.pk,
                "field": field,
                "many": True,
                "person": {"email": person["email"], "name": person["name"]},
            }
        )

    def insert(
        self, record: models.Model, people: dict[str, dict[str, str] | None]
    ) -> models.Model:
        """Write the record as it is, dates included (`raw`: no auto_now, no fresh history row),
        the people who are members set on it and the others kept beside it."""
        for field, who in people.items():
            user = self.member(who)
            nullable = record._meta.get_field(field).null
            setattr(record, field, user if user is not None or nullable else self.actor)
        record.save_base(raw=True)
        for field, who in people.items():
            self.attribute(record, field, who)
        return record

    # --- Keys of this installation -------------------------------------------------------------

    def lookup(self, model: type[models.Model], key: str, where: str) -> Any:
        found = model._default_manager.filter(key=key).first()
        if found is None:
            self.problems.append(
                _("%(path)s: “%(key)s” is not known to this Llais.") % {"path": where, "key": key}
            )
        return found

    def categories(self, keys: list[str], where: str) -> list[DecisionCategory]:
        return [c for key in keys if (c := self.lookup(DecisionCategory, key, where)) is not None]


def _maybe_when(value: str | None, where: str, problems: list[str]) -> datetime | None:
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        # Refused at once: a record cannot be written without its date.
        raise CaseImportRefused(
            [
                _("%(path)s: “%(value)s” is not a date and time with its time zone.")
                % _at(where, value)
            ]
        )
    return parsed


def _maybe_day(value: str | None, where: str, problems: list[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CaseImportRefused(
            [_("%(path)s: “%(value)s” is not a date.") % _at(where, value)]
        ) from None


def _when(value: str, where: str, problems: list[str]) -> datetime:
    """A date and time the schema requires (so present)."""
    parsed = _maybe_when(value, where, problems)
    assert parsed is not None
    return parsed


def _day(value: str, where: str, problems: list[str]) -> date:
    parsed = _maybe_day(value, where, problems)
    assert parsed is not None
    return parsed


def _at(where: str, value: str) -> dict[str, str]:
    return {"path": where, "value": value[:40]}


def _noon(day: date) -> datetime:
    """A time shown to the day only is kept as midday UK time of that day."""
    return datetime.combine(day, time(12), tzinfo=legal_time.UK)


def case_import(
    *, actor: User, organisation: Organisation, document: dict[str, Any]
) -> ProcurementCase:
    """The case in `document`, written into `organisation` in one transaction; refused with the
    reasons (and nothing written) when the document is invalid or its records break a rule."""
    require(permissions.can_import_case(actor, organisation))
    case_document_check(document)
    try:
        with transaction.atomic():
            return _import(actor, organisation, document)
    except (IntegrityError, DataError) as error:
        detail = str(error).strip().splitlines()[0][:200] if str(error).strip() else ""
        raise CaseImportRefused(
            [
                _(
                    "The records in the file break one of this Llais's rules, so nothing was "
                    "imported: %(detail)s"
                )
                % {"detail": detail}
            ]
        ) from None


def _import(actor: User, organisation: Organisation, document: dict[str, Any]) -> ProcurementCase:
    importer = _Importer(actor, organisation)
    problems = importer.problems

    def when(value: str, where: str) -> datetime:
        return _when(value, where, problems)

    def day(value: str, where: str) -> date:
        return _day(value, where, problems)

    def maybe_day(value: str | None, where: str) -> date | None:
        return _maybe_day(value, where, problems)

    source = document["case"]
    case = ProcurementCase(
        organisation=organisation,
        title=source["title"],
        summary=source["summary"],
        stage=source["stage"],
        cancellation_reason=source["cancellation_reason"],
        engagement_plan=source["engagement_plan"],
        risk_level=source["risk_level"],
        risk_reasoning=source["risk_reasoning"],
        created_at=when(source["created_at"], "$.case.created_at"),
        updated_at=when(source["created_at"], "$.case.created_at"),
    )
    importer.insert(case, {"commissioner": source["commissioner"]})
    for rep in source["union_representatives"]:
        user = importer.member(rep)
        if user is None:
            importer.attribute_many(case, "union_representatives", rep)
        else:
            assign_perm(procurement_permissions.VIEW_CODENAME, user, case)
            assign_perm(SIGN_OFF_CODENAME, user, case)

    for n, g in enumerate(document["risk_gradings"]):
        grading = RiskGrading(
            case=case,
            stage=g["stage"],
            workers_affected=g["workers_affected"],
            protected_characteristics=g["protected_characteristics"],
            automation=g["automation"],
            reversibility=g["reversibility"],
            level=g["level"],
            previous_level=g["previous_level"],
            reason=g["reason"],
            graded_at=when(g["graded_at"], f"$.risk_gradings[{n}].graded_at"),
        )
        importer.insert(grading, {"graded_by": g["graded_by"]})
        grading.decision_categories.set(
            importer.categories(g["decision_categories"], f"$.risk_gradings[{n}]")
        )

    for n, a in enumerate(document["prompt_answers"]):
        prompt = importer.lookup(DiscussionPrompt, a["prompt"], f"$.prompt_answers[{n}].prompt")
        if prompt is None:
            continue
        importer.insert(
            PromptResponse(
                case=case,
                prompt=prompt,
                agreed_position=a["agreed_position"],
                not_applicable=a["not_applicable"],
                not_applicable_reason=a["not_applicable_reason"],
                updated_at=when(a["updated_at"], f"$.prompt_answers[{n}].updated_at"),
            ),
            {"answered_by": a["answered_by"]},
        )
    for n, c in enumerate(document["prompt_comments"]):
        prompt = importer.lookup(DiscussionPrompt, c["prompt"], f"$.prompt_comments[{n}].prompt")
        if prompt is None:
            continue
        importer.insert(
            PromptComment(
                case=case,
                prompt=prompt,
                text=c["text"],
                created_at=when(c["created_at"], f"$.prompt_comments[{n}].created_at"),
            ),
            {"author": c["author"]},
        )

    activities: dict[str, EngagementActivity] = {}
    for n, a in enumerate(document["engagement_activities"]):
        where = f"$.engagement_activities[{n}]"
        approach = importer.lookup(EngagementApproach, a["approach"], f"{where}.approach")
        if approach is None:
            continue
        activities[a["key"]] = importer.insert(  # type: ignore[assignment]
            EngagementActivity(
                case=case,
                stage=a["stage"],
                approach=approach,
                held_on=day(a["held_on"], f"{where}.held_on"),
                worker_groups=a["worker_groups"],
                worker_count=a["worker_count"],
                union_involved=a["union_involved"],
                union_involvement=a["union_involvement"],
                protected_characteristics_involved=a["protected_characteristics_involved"],
                protected_characteristics_detail=a["protected_characteristics_detail"],
                issues_raised=a["issues_raised"],
                employer_response=a["employer_response"],
                created_at=when(a["created_at"], f"{where}.created_at"),
            ),
            {"recorded_by": a["recorded_by"]},
        )

    for n, c in enumerate(document["carry_forwards"]):
        importer.insert(
            CarryForward(
                case=case,
                stage=c["stage"],
                agreed_at_previous_stage=c["agreed_at_previous_stage"],
                what_has_changed=c["what_has_changed"],
                participants=c["participants"],
                updated_at=when(c["updated_at"], f"$.carry_forwards[{n}].updated_at"),
            ),
            {"recorded_by": c["recorded_by"]},
        )
    for n, d in enumerate(document["gate_decisions"]):
        importer.insert(
            GateDecision(
                case=case,
                stage=d["stage"],
                kind=d["kind"],
                reason=d["reason"],
                decided_at=when(d["decided_at"], f"$.gate_decisions[{n}].decided_at"),
            ),
            {"decided_by": d["decided_by"]},
        )

    requirements: dict[str, Requirement] = {}
    for n, r in enumerate(document["requirements"]):
        where = f"$.requirements[{n}]"
        activity = None
        if r["activity"] is not None:
            activity = activities.get(r["activity"])
            if activity is None:
                problems.append(
                    _("%(path)s: no engagement activity has the key “%(value)s”.")
                    % _at(f"{where}.activity", r["activity"])
                )
                continue
        requirements[r["key"]] = importer.insert(  # type: ignore[assignment]
            Requirement(
                case=case,
                kind=r["kind"],
                text=r["text"],
                proposed_by=r["proposed_by"],
                activity=activity,
                concern=r["concern"],
                status=r["status"],
                dispute=r["dispute"],
                created_at=when(r["created_at"], f"{where}.created_at"),
            ),
            {"recorded_by": r["recorded_by"]},
        )
    for n, q in enumerate(document["tender_questions"]):
        question = TenderQuestion(
            case=case,
            toolkit_key=q["toolkit_key"],
            text_en=q["text_en"],
            text_cy=q["text_cy"],
            weight=q["weight"],
            order=q["order"],
        )
        importer.insert(question, {})
        linked = []
        for key in q["requirements"]:
            if key not in requirements:
                problems.append(
                    _("%(path)s: no requirement has the key “%(value)s”.")
                    % _at(f"$.tender_questions[{n}].requirements", key)
                )
            else:
                linked.append(requirements[key])
        question.requirements.set(linked)
    for n, d in enumerate(document["weighting_decisions"]):
        importer.insert(
            WeightingDecision(
                case=case,
                kind=d["kind"],
                reason=d["reason"],
                weights=d["weights"],
                decided_at=when(d["decided_at"], f"$.weighting_decisions[{n}].decided_at"),
            ),
            {"decided_by": d["decided_by"]},
        )

    systems: dict[str, AISystem] = {}
    entries: dict[str, RegisterEntry] = {}
    for n, s in enumerate(document["ai_systems"]):
        where = f"$.ai_systems[{n}]"
        system = AISystem(
            organisation=organisation,
            name=s["name"],
            supplier=s["supplier"],
            description=s["description"],
            value_chain=s["value_chain"],
            used_in_high_risk_decision_making=s["used_in_high_risk_decision_making"],
            planned_start=maybe_day(s["planned_start"], f"{where}.planned_start"),
            first_use=maybe_day(s["first_use"], f"{where}.first_use"),
            end_of_use=maybe_day(s["end_of_use"], f"{where}.end_of_use"),
            # The stored clocks go in as they were worked out; the guard refuses only updates.
            waira_completed_on=maybe_day(s["waira_completed_on"], f"{where}.waira_completed_on"),
            waira_next_due=maybe_day(s["waira_next_due"], f"{where}.waira_next_due"),
            consultation_concluded_on=maybe_day(
                s["consultation_concluded_on"], f"{where}.consultation_concluded_on"
            ),
            consultation_next_due=maybe_day(
                s["consultation_next_due"], f"{where}.consultation_next_due"
            ),
            created_at=when(s["created_at"], f"{where}.created_at"),
        )
        importer.insert(system, {})
        # The categories as the export recorded them, on a system this import just created.
        with workflow_write():
            system.decision_categories.set(importer.categories(s["decision_categories"], where))
        case.ai_systems.add(system)
        systems[s["key"]] = system
        if s["register_entry"] is not None:
            entries[s["key"]] = _entry(
                importer, system, s["register_entry"], f"{where}.register_entry"
            )

    wairas: dict[str, Waira] = {}
    for w in sorted(document["wairas"], key=lambda w: (w["system"], w["version"])):
        where = f"$.wairas[{document['wairas'].index(w)}]"
        owner = systems.get(w["system"])
        if owner is None:
            problems.append(
                _("%(path)s: no AI system has the key “%(value)s”.") % _at(where, w["system"])
            )
            continue
        wairas[w["key"]] = _waira(importer, owner, w, wairas, where)

    events = []
    subjects: dict[tuple[str, str], models.Model] = {("case", "case"): case}
    subjects.update({("ai_system", k): v for k, v in systems.items()})
    subjects.update({("waira", k): v for k, v in wairas.items()})
    subjects.update({("register_entry", k): v for k, v in entries.items()})
    for n, e in enumerate(document["timeline"]):
        where = f"$.timeline[{n}]"
        subject = subjects.get((e["subject"]["type"], e["subject"]["key"]))
        if subject is None:
            problems.append(
                _("%(path)s: no %(type)s has the key “%(value)s”.")
                % {
                    "path": f"{where}.subject",
                    "type": e["subject"]["type"],
                    "value": e["subject"]["key"][:40],
                }
            )
            continue
        at = when(e["when"], f"{where}.when") if e["when"] else _noon(day(e["day"], f"{where}.day"))
        event = TimelineEvent(
            organisation=organisation,
            content_type=_content_type(subject),
            object_id=subject.pk,
            actor=importer.member(e["actor"]),
            kind=e["kind"],
            from_state=e["from_state"],
            to_state=e["to_state"],
            reason=e["reason"],
            # Said on every imported event: it happened elsewhere, before it came here.
            data={**e["data"], "imported": True},
            created_at=at,
        )
        event.save_base(raw=True)
        importer.attribute(event, "actor", e["actor"])
        events.append(event)

    if problems:
        raise CaseImportRefused(problems[:ERRORS_SHOWN])
    timeline_seal([organisation.pk])

    raw = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    CaseImport.objects.create(
        organisation=organisation,
        case=case,
        imported_by=actor,
        schema=document["schema"],
        document_sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        attributions=importer.attributions,
    )
    timeline_record(
        organisation=organisation,
        subject=case,
        actor=actor,
        kind="case_imported",
        data={
            "schema": document["schema"],
            "events": len(events),
            "people_not_members": len({a["person"]["email"] for a in importer.attributions}),
        },
    )
    if any(entry.published_version_id for entry in entries.values()):
        register_cache.invalidate()  # the public register now shows the imported entries
    return case


def _content_type(subject: models.Model) -> ContentType:
    return ContentType.objects.get_for_model(subject)


def _entry(importer: _Importer, system: AISystem, e: dict[str, Any], where: str) -> RegisterEntry:
    problems = importer.problems
    entry = RegisterEntry(
        system=system,
        status=e["status"],
        name_cy=e["name_cy"],
        description_en=e["description_en"],
        description_cy=e["description_cy"],
        purpose_en=e["purpose_en"],
        purpose_cy=e["purpose_cy"],
        data_types_en=e["data_types_en"],
        data_types_cy=e["data_types_cy"],
        has_unpublished_changes=e["has_unpublished_changes"],
        unrecorded_change_on=_maybe_day(
            e["unrecorded_change_on"], f"{where}.unrecorded_change_on", problems
        ),
        due_by=_maybe_day(e["due_by"], f"{where}.due_by", problems),
        due_rule=e["due_rule"],
        created_at=_when(e["created_at"], f"{where}.created_at", problems),
        updated_at=_when(e["created_at"], f"{where}.created_at", problems),
    )
    importer.insert(entry, {})
    published = None
    for n, v in enumerate(e["versions"]):
        at = f"{where}.versions[{n}]"
        version = RegisterEntryVersion(
            entry=entry,
            number=v["number"],
            status=v["status"],
            published_at=_when(v["published_at"], f"{at}.published_at", problems),
            change_date=_maybe_day(v["change_date"], f"{at}.change_date", problems),
            change_note_en=v["change_note_en"],
            change_note_cy=v["change_note_cy"],
            name_en=v["name_en"],
            name_cy=v["name_cy"],
            supplier=v["supplier"],
            description_en=v["description_en"],
            description_cy=v["description_cy"],
            purpose_en=v["purpose_en"],
            purpose_cy=v["purpose_cy"],
            data_types_en=v["data_types_en"],
            data_types_cy=v["data_types_cy"],
            planned_start=_maybe_day(v["planned_start"], f"{at}.planned_start", problems),
            first_use=_maybe_day(v["first_use"], f"{at}.first_use", problems),
            end_of_use=_maybe_day(v["end_of_use"], f"{at}.end_of_use", problems),
            waira_completed_on=_maybe_day(
                v["waira_completed_on"], f"{at}.waira_completed_on", problems
            ),
            # Optional (added to format version 1): absent from an older export, blank.
            senior_responsible_owner=v.get("senior_responsible_owner", ""),
            companies_house_number=v.get("companies_house_number", ""),
            value_chain=v.get("value_chain", ""),
            risks_and_mitigations=v.get("risks_and_mitigations", ""),
        )
        importer.insert(version, {})
        version.decision_categories.set(importer.categories(v["decision_categories"], at))
        if v["number"] == e["published_version"]:
            published = version
    if e["published_version"] is not None:
        if published is None:
            problems.append(
                _("%(path)s: no version has the number %(value)s.")
                % _at(f"{where}.published_version", str(e["published_version"]))
            )
        else:
            RegisterEntry.objects.filter(pk=entry.pk).update(published_version=published)
            entry.published_version = published
    return entry


def _waira(
    importer: _Importer,
    system: AISystem,
    w: dict[str, Any],
    wairas: dict[str, Waira],
    where: str,
) -> Waira:
    problems = importer.problems
    completed = w["state"] == WairaState.COMPLETED
    previous = wairas.get(w["previous"]) if w["previous"] else None
    if w["previous"] and previous is None:
        problems.append(
            _("%(path)s: no earlier WAIRA has the key “%(value)s”.")
            % _at(f"{where}.previous", w["previous"])
        )
    waira = Waira(
        organisation=importer.organisation,
        system=system,
        kind=w["kind"],
        version=w["version"],
        previous=previous,
        # A completed WAIRA's records may be inserted only while it is open: it goes in as
        # concluded, its records after it, and it is marked completed last (migration 0002).
        state=WairaState.CONCLUDED if completed else w["state"],
        purpose=w["purpose"],
        decision_logic=w["decision_logic"],
        data_processed=w["data_processed"],
        personal_data_influence=w["personal_data_influence"],
        accuracy_monitoring=w["accuracy_monitoring"],
        accuracy_metric=w["accuracy_metric"],
        not_reasonably_practicable=w["not_reasonably_practicable"],
        decisions_modified_note=w["decisions_modified_note"],
        harm_incidents=w["harm_incidents"],
        no_adverse_aspects_reason=w["no_adverse_aspects_reason"],
        concluded_on=_maybe_day(w["concluded_on"], f"{where}.concluded_on", problems),
        completed_on=_maybe_day(w["completed_on"], f"{where}.completed_on", problems),
        completed_at=_maybe_when(w["completed_at"], f"{where}.completed_at", problems),
        content_sha256=w["content_sha256"],
        created_at=_when(w["created_at"], f"{where}.created_at", problems),
        updated_at=_when(w["created_at"], f"{where}.created_at", problems),
    )
    importer.insert(waira, {"completed_by": w["completed_by"], "created_by": w["created_by"]})
    for r in w["statute_risks"]:
        importer.insert(WairaStatuteRisk(waira=waira, **r), {})
    for c in w["characteristic_impacts"]:
        importer.insert(WairaCharacteristicImpact(waira=waira, **c), {})
    snapshots: dict[int, WairaSnapshot] = {}
    for n, s in enumerate(w["snapshots"]):
        snapshots[s["number"]] = importer.insert(  # type: ignore[assignment]
            WairaSnapshot(
                waira=waira,
                number=s["number"],
                kind=s["kind"],
                content=s["content"],
                sha256=s["sha256"],
                created_at=_when(s["created_at"], f"{where}.snapshots[{n}].created_at", problems),
            ),
            {"created_by": s["created_by"]},
        )

    def snapshot(number: int, at: str) -> WairaSnapshot | None:
        if number not in snapshots:
            problems.append(
                _("%(path)s: no snapshot has the number %(value)s.") % _at(at, str(number))
            )
        return snapshots.get(number)

    for n, s in enumerate(w["sharings"]):
        at = f"{where}.sharings[{n}]"
        if (shared := snapshot(s["snapshot"], f"{at}.snapshot")) is None:
            continue
        importer.insert(
            WairaSharing(
                waira=waira,
                snapshot=shared,
                audience=s["audience"],
                method=s["method"],
                shared_at=_when(s["shared_at"], f"{at}.shared_at", problems),
            ),
            {"shared_by": s["shared_by"]},
        )
    for n, c in enumerate(w["concerns"]):
        at = f"{where}.concerns[{n}]"
        if (raised_on := snapshot(c["snapshot"], f"{at}.snapshot")) is None:
            continue
        raised_day = _day(c["raised_on"], f"{at}.raised_on", problems)
        responded_day = _maybe_day(c["responded_on"], f"{at}.responded_on", problems)
        importer.insert(
            Concern(
                waira=waira,
                snapshot=raised_on,
                anonymous=c["anonymous"],
                text=c["text"],
                # Shown to the day only: kept as midday of that day.
                raised_at=_noon(raised_day),
                response=c["response"],
                responded_at=_noon(responded_day) if responded_day else None,
                personal_data_removed_on=_maybe_day(
                    c["personal_data_removed_on"], f"{at}.personal_data_removed_on", problems
                ),
            ),
            # An anonymous concern never names its worker, so there is nobody to match.
            {
                "raised_by": None if c["anonymous"] else c["raised_by"],
                "responded_by": c["responded_by"],
            },
        )
    for n, a in enumerate(w["adverse_aspects"]):
        at = f"{where}.adverse_aspects[{n}]"
        importer.insert(
            AdverseAspect(
                waira=waira,
                aspect=a["aspect"],
                discussed_on=_day(a["discussed_on"], f"{at}.discussed_on", problems),
                discussion=a["discussion"],
                outcome=a["outcome"],
                outcome_detail=a["outcome_detail"],
                recorded_at=_when(a["recorded_at"], f"{at}.recorded_at", problems),
            ),
            {"recorded_by": a["recorded_by"]},
        )
    for n, c in enumerate(w["comments"]):
        importer.insert(
            WairaComment(
                waira=waira,
                text=c["text"],
                created_at=_when(c["created_at"], f"{where}.comments[{n}].created_at", problems),
            ),
            {"author": c["author"]},
        )
    for n, p in enumerate(w["union_positions"]):
        importer.insert(
            WairaUnionPosition(
                waira=waira,
                kind=p["kind"],
                reason=p["reason"],
                decided_at=_when(
                    p["decided_at"], f"{where}.union_positions[{n}].decided_at", problems
                ),
            ),
            {"representative": p["representative"]},
        )
    if completed:
        Waira.objects.filter(pk=waira.pk).update(state=WairaState.COMPLETED)
    return waira

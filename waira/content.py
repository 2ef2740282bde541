"""What a WAIRA contains (s.14(3)(a)-(l), s.14(5)(a)-(c)), as data, and its canonical content.

One description of the sections serves the form, the page, the PDF, the difference between two
WAIRAs and the SHA-256 version stamp, so none of them can drift from the others. The canonical
content uses language-neutral keys; labels are translated only when shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from core.i18n import section_ref

if TYPE_CHECKING:
    from waira.models import Waira

CONTENT_SCHEMA = 1


@dataclass(frozen=True)
class Statute:
    key: str
    title: str | Promise


# s.14(3)(j)-(k): the five statutes whose rights the assessment covers.
STATUTES: tuple[Statute, ...] = (
    Statute("hswa", _("Health and Safety at Work etc. Act 1974")),
    Statute("hra", _("Human Rights Act 1998")),
    Statute("eqa", _("Equality Act 2010")),
    Statute("dpa", _("Data Protection Act 2018")),
    Statute("ukgdpr", _("UK General Data Protection Regulation")),
)


@dataclass(frozen=True)
class Characteristic:
    key: str
    title: str | Promise


# s.14(5)(a) "the protected characteristics set out in sections 4 to 12 of the Equality Act
# 2010": s.4 lists nine, so all nine (docs/legal-rules.md A20), in s.4's order.
CHARACTERISTICS: tuple[Characteristic, ...] = (
    Characteristic("age", _("Age")),
    Characteristic("disability", _("Disability")),
    Characteristic("gender_reassignment", _("Gender reassignment")),
    Characteristic("marriage_civil_partnership", _("Marriage and civil partnership")),
    Characteristic("pregnancy_maternity", _("Pregnancy and maternity")),
    Characteristic("race", _("Race")),
    Characteristic("religion_belief", _("Religion or belief")),
    Characteristic("sex", _("Sex")),
    Characteristic("sexual_orientation", _("Sexual orientation")),
)


@dataclass(frozen=True)
class Section:
    """A lettered part of s.14(3), answered or marked not reasonably practicable as a whole."""

    letter: str
    ref: str
    title: str | Promise
    from_system: bool = False  # kept in step with the AI system record, never typed twice


SECTIONS: tuple[Section, ...] = (
    Section("a", "s.14(3)(a)", _("The AI system"), from_system=True),
    Section("b", "s.14(3)(b)", _("The value chain"), from_system=True),
    Section("c", "s.14(3)(c)", _("Date of first use in high-risk decisions"), from_system=True),
    Section("d", "s.14(3)(d)", _("Categories of high-risk decision"), from_system=True),
    Section("e", "s.14(3)(e)", _("Purpose or aim of using the system")),
    Section("f", "s.14(3)(f)", _("The logic underpinning the decisions")),
    Section("g", "s.14(3)(g)", _("Data the system will process")),
    Section("h", "s.14(3)(h)", _("How workers' personal data will influence decisions")),
    Section("i", "s.14(3)(i)", _("Monitoring for accuracy")),
    Section("j", "s.14(3)(j)", _("Monitoring the risks to workers' rights")),
    Section("k", "s.14(3)(k)", _("Assessment of the risks to workers' rights")),
    Section("l", "s.14(3)(l)", _("Measures to eliminate the risks")),
)
SECTION_BY_LETTER = {section.letter: section for section in SECTIONS}

# The typed answers on the WAIRA itself, by section: (model field, label).
TEXT_FIELDS: dict[str, tuple[tuple[str, str | Promise], ...]] = {
    "e": (("purpose", _("Purpose or aim")),),
    "f": (("decision_logic", _("Decision logic")),),
    "g": (("data_processed", _("Data processed")),),
    "h": (("personal_data_influence", _("Influence of personal data")),),
    "i": (
        ("accuracy_monitoring", _("How accuracy will be monitored")),
        ("accuracy_metric", _("How the accuracy metric is defined")),
    ),
}
# (j), (k) and (l) are answered once per statute: (column on WairaStatuteRisk, label).
STATUTE_COLUMNS: dict[str, tuple[str, str | Promise]] = {
    "j": ("monitoring", _("How the risk will be monitored")),
    "k": ("risk_assessment", _("The risk assessed")),
    "l": ("measures", _("Measures to eliminate it")),
}
FURTHER_REFS = {
    "a": "s.14(5)(a)",
    "b": "s.14(5)(b)",
    "c": "s.14(5)(c)",
}


@dataclass(frozen=True)
class Item:
    """One answer in the canonical content: a key, where it sits and what it is called."""

    key: str
    ref: str
    group: str | Promise
    label: str | Promise


def items_for(kind: str) -> list[Item]:
    """Every answer a WAIRA of this kind holds, in the order the statute gives them."""
    items: list[Item] = []
    for section in SECTIONS:
        if section.letter in TEXT_FIELDS:
            for field, label in TEXT_FIELDS[section.letter]:
                items.append(Item(f"{section.letter}.{field}", section.ref, section.title, label))
        elif section.letter in STATUTE_COLUMNS:
            _column, label = STATUTE_COLUMNS[section.letter]
            for statute in STATUTES:
                items.append(
                    Item(
                        f"{section.letter}.{statute.key}", section.ref, section.title, statute.title
                    )
                )
        else:
            items.append(Item(section.letter, section.ref, section.title, section.title))
    if kind == "further":
        group_a = _("Impact on protected characteristics, including inaccurate decisions")
        for characteristic in CHARACTERISTICS:
            items.append(
                Item(
                    f"further.a.{characteristic.key}.impact",
                    FURTHER_REFS["a"],
                    group_a,
                    characteristic.title,
                )
            )
            items.append(
                Item(
                    f"further.a.{characteristic.key}.inaccuracy",
                    FURTHER_REFS["a"],
                    group_a,
                    _("%(characteristic)s: inaccurate decisions")
                    % {"characteristic": characteristic.title},
                )
            )
        group_b = _("Decisions modified on reconsideration (s.18)")
        items.append(Item("further.b.count", FURTHER_REFS["b"], group_b, _("Decisions altered")))
        items.append(Item("further.b.period", FURTHER_REFS["b"], group_b, _("Period counted")))
        items.append(Item("further.b.note", FURTHER_REFS["b"], group_b, _("Commentary")))
        items.append(
            Item(
                "further.c",
                FURTHER_REFS["c"],
                _("Incidents of harm in the workplace"),
                _("Incidents of harm in the workplace"),
            )
        )
    return items


def system_answers(waira: Waira) -> dict[str, str]:
    """Sections (a)-(d), read from the AI system record (s.14(3); kept in step, not retyped)."""
    system = waira.system
    description = "\n".join(
        part
        for part in (
            system.name,
            f"{_('Supplier')}: {system.supplier}" if system.supplier else "",
            system.description,
        )
        if part
    )
    start = system.first_use or system.planned_start
    categories = sorted(category.label_en for category in system.decision_categories.all())
    return {
        # (a) needs more than a name: without a description it is not yet answered.
        "a": description if system.description.strip() else "",
        "b": system.value_chain.strip(),
        "c": start.isoformat() if start else "",
        "d": "; ".join(categories),
    }


def build_content(waira: Waira, *, modified: tuple[int, str] | None = None) -> dict[str, Any]:
    """The canonical content of a WAIRA now: what is hashed, shared, compared and printed.

    `modified` is the s.14(5)(b) count and its period, passed in by the selector that counts.
    """
    answers: dict[str, str] = dict(system_answers(waira))
    for letter, fields in TEXT_FIELDS.items():
        for field, _label in fields:
            answers[f"{letter}.{field}"] = getattr(waira, field).strip()
    risks = {risk.statute: risk for risk in waira.statute_risks.all()}
    for letter, (column, _label) in STATUTE_COLUMNS.items():
        for statute in STATUTES:
            risk = risks.get(statute.key)
            answers[f"{letter}.{statute.key}"] = getattr(risk, column).strip() if risk else ""
    if waira.kind == "further":
        impacts = {impact.characteristic: impact for impact in waira.characteristic_impacts.all()}
        for characteristic in CHARACTERISTICS:
            impact = impacts.get(characteristic.key)
            answers[f"further.a.{characteristic.key}.impact"] = (
                impact.impact.strip() if impact else ""
            )
            answers[f"further.a.{characteristic.key}.inaccuracy"] = (
                impact.inaccurate_decisions.strip() if impact else ""
            )
        count, period = modified if modified is not None else (0, "")
        answers["further.b.count"] = str(count)
        answers["further.b.period"] = period
        answers["further.b.note"] = waira.decisions_modified_note.strip()
        answers["further.c"] = waira.harm_incidents.strip()
    not_practicable = {
        letter: reason.strip()
        for letter, reason in (waira.not_reasonably_practicable or {}).items()
        if letter in SECTION_BY_LETTER and reason and reason.strip()
    }
    return {
        "schema": CONTENT_SCHEMA,
        "organisation": waira.organisation.name_en,
        "system_id": waira.system_id,
        "system_name": waira.system.name,
        "kind": waira.kind,
        "version": waira.version,
        "answers": answers,
        "not_reasonably_practicable": dict(sorted(not_practicable.items())),
    }


def risks_and_mitigations(content: dict[str, Any], completed_on: str) -> str:
    """ATRS 2.5.2 ("list and describe the possible risks ... and how the risks have been
    mitigated") from a completed WAIRA's content: each statute's risk to workers' rights
    (s.14(3)(k)) and the measures to eliminate it (s.14(3)(l)), in English, the standard's
    language. Empty when the WAIRA records neither."""
    answers: dict[str, str] = content["answers"]
    excused: dict[str, str] = content["not_reasonably_practicable"]
    parts: list[str] = []
    with override("en"):
        for letter, what in (
            ("k", "the assessment of the risks"),
            ("l", "the measures to eliminate them"),
        ):
            if excused.get(letter):
                parts.append(
                    f"Not reasonably practicable to record {what} "
                    f"({SECTION_BY_LETTER[letter].ref}): {excused[letter]}"
                )
        for statute in STATUTES:
            risk = answers.get(f"k.{statute.key}", "")
            measures = answers.get(f"l.{statute.key}", "")
            if risk or measures:
                lines = [str(statute.title)]
                lines += [f"Risk: {risk}"] if risk else []
                lines += [f"Mitigations: {measures}"] if measures else []
                parts.append("\n".join(lines))
    if not parts:
        return ""
    head = (
        f"From the Workplace AI Risk Assessment (WAIRA) version {content['version']}, completed "
        f"{completed_on}: each risk to workers' rights under the statutes it assesses "
        "(s.14(3)(k)) and the measures to eliminate it (s.14(3)(l))."
    )
    return "\n\n".join([head, *parts])


def section_of(key: str) -> str | None:
    """The s.14(3) letter an answer belongs to, or None for the s.14(5) answers."""
    return None if key.startswith("further.") else key.split(".", 1)[0]


# --- Completeness (R-WAIRA-CONTENT, R-WAIRA-SUBSEQ-CONTENT) ----------------------------------


@dataclass(frozen=True)
class Gap:
    key: str
    message: str | Promise

    def __str__(self) -> str:
        return str(self.message)


def content_gaps(content: dict[str, Any]) -> list[Gap]:
    """What stops a WAIRA being shared or completed: each s.14(3) section answered in full or
    marked not reasonably practicable with a reason; every s.14(5) answer on a further WAIRA
    (s.14(5) has no "not reasonably practicable" exception)."""
    answers: dict[str, str] = content["answers"]
    excused: dict[str, str] = content["not_reasonably_practicable"]
    gaps: list[Gap] = []
    for section in SECTIONS:
        if section.letter in excused:
            continue
        keys = [key for key in answers if section_of(key) == section.letter]
        if not all(answers[key] for key in keys):
            if section.from_system:
                message = _(
                    "%(ref)s %(title)s: record it on the AI system, or mark it not reasonably "
                    "practicable and say why."
                )
            else:
                message = _(
                    "%(ref)s %(title)s: answer every part, or mark it not reasonably practicable "
                    "and say why."
                )
            gaps.append(
                Gap(
                    section.letter,
                    message % {"ref": section_ref(section.ref), "title": section.title},
                )
            )
    if content["kind"] == "further":
        for characteristic in CHARACTERISTICS:
            pair = (
                f"further.a.{characteristic.key}.impact",
                f"further.a.{characteristic.key}.inaccuracy",
            )
            if not all(answers.get(key) for key in pair):
                gaps.append(
                    Gap(
                        pair[0],
                        _(
                            "s.14(5)(a): assess the impact on %(characteristic)s, including "
                            "inaccurate decisions."
                        )
                        % {"characteristic": str(characteristic.title).lower()},
                    )
                )
        if not answers.get("further.c"):
            gaps.append(
                Gap("further.c", _("s.14(5)(c): say whether the decisions have caused harm."))
            )
    return gaps


# --- Difference between two WAIRAs ----------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    item: Item
    before: str
    after: str
    before_excused: str
    after_excused: str

    @property
    def changed(self) -> bool:
        return self.before != self.after or self.before_excused != self.after_excused


def difference(before: dict[str, Any] | None, after: dict[str, Any]) -> list[Difference]:
    """Field by field, every answer of `after` beside the same answer in `before`."""
    rows = []
    before_answers = before["answers"] if before else {}
    before_excused = before["not_reasonably_practicable"] if before else {}
    after_excused = after["not_reasonably_practicable"]
    for item in items_for(after["kind"]):
        letter = section_of(item.key)
        rows.append(
            Difference(
                item=item,
                before=before_answers.get(item.key, ""),
                after=after["answers"].get(item.key, ""),
                before_excused=before_excused.get(letter, "") if letter else "",
                after_excused=after_excused.get(letter, "") if letter else "",
            )
        )
    return rows

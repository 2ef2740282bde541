"""Forms parse input; services decide. No FSM field appears in any form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import GovUKDateField, GovUKFormMixin
from core.i18n import section_ref
from core.models import User
from core.uploads import check_upload
from waira.content import (
    CHARACTERISTICS,
    SECTIONS,
    STATUTE_COLUMNS,
    STATUTES,
    TEXT_FIELDS,
)
from waira.models import AdverseAspect, Waira, WairaKind, WairaUnionPosition


def _text(label: Any, help_text: Any = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        required=False,
    )


def nrp_field_name(letter: str) -> str:
    return f"nrp_{letter}"


def statute_field_name(statute: str, column: str) -> str:
    return f"{statute}_{column}"


def characteristic_field_name(characteristic: str, column: str) -> str:
    return f"pc_{characteristic}_{column}"


class WairaForm(GovUKFormMixin, forms.Form):
    """Every typed answer of a WAIRA. Blank answers are kept as a draft; sharing and completing
    are refused until each section is answered or excused with a reason."""

    def __init__(self, *args: Any, waira: Waira, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.waira = waira
        for section in SECTIONS:
            for field, label in TEXT_FIELDS.get(section.letter, ()):
                self.fields[field] = _text(label)
            if section.letter in STATUTE_COLUMNS:
                column, label = STATUTE_COLUMNS[section.letter]
                for statute in STATUTES:
                    self.fields[statute_field_name(statute.key, column)] = _text(
                        _("%(statute)s: %(label)s") % {"statute": statute.title, "label": label},
                        rows=3,
                    )
            self.fields[nrp_field_name(section.letter)] = _text(
                _("%(ref)s is not reasonably practicable to answer because")
                % {"ref": section_ref(section.ref)},
                _("Leave blank if you have answered it."),
                rows=2,
            )
        if waira.kind == WairaKind.FURTHER:
            for characteristic in CHARACTERISTICS:
                self.fields[characteristic_field_name(characteristic.key, "impact")] = _text(
                    _("%(characteristic)s: impact of the decisions made")
                    % {"characteristic": characteristic.title},
                    rows=3,
                )
                self.fields[characteristic_field_name(characteristic.key, "inaccuracy")] = _text(
                    _("%(characteristic)s: extent of inaccurate decisions")
                    % {"characteristic": characteristic.title},
                    rows=2,
                )
            self.fields["decisions_modified_note"] = _text(
                _("Commentary on the decisions altered on reconsideration"),
                _("The count is taken from Llais's reconsideration records."),
                rows=3,
            )
            self.fields["harm_incidents"] = _text(
                _("Incidents in which the decisions caused harm in the workplace"),
                _("Say if there were none, and how you know."),
            )

    def fields_for_section(self, letter: str) -> list[forms.BoundField]:
        names = [field for field, _label in TEXT_FIELDS.get(letter, ())]
        if letter in STATUTE_COLUMNS:
            column, _label = STATUTE_COLUMNS[letter]
            names = [statute_field_name(statute.key, column) for statute in STATUTES]
        return [self[name] for name in names]

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        arguments: dict[str, Any] = {
            "texts": {
                field: data[field] for fields in TEXT_FIELDS.values() for field, _l in fields
            },
            "statute_risks": {
                statute.key: {
                    column: data[statute_field_name(statute.key, column)]
                    for column, _label in STATUTE_COLUMNS.values()
                }
                for statute in STATUTES
            },
            "not_reasonably_practicable": {
                section.letter: data[nrp_field_name(section.letter)] for section in SECTIONS
            },
        }
        if self.waira.kind == WairaKind.FURTHER:
            arguments["characteristic_impacts"] = {
                characteristic.key: {
                    "impact": data[characteristic_field_name(characteristic.key, "impact")],
                    "inaccurate_decisions": data[
                        characteristic_field_name(characteristic.key, "inaccuracy")
                    ],
                }
                for characteristic in CHARACTERISTICS
            }
            arguments["decisions_modified_note"] = data["decisions_modified_note"]
            arguments["harm_incidents"] = data["harm_incidents"]
        return arguments


def waira_form_initial(waira: Waira) -> dict[str, Any]:
    initial: dict[str, Any] = {
        field: getattr(waira, field) for fields in TEXT_FIELDS.values() for field, _l in fields
    }
    for risk in waira.statute_risks.all():
        for column, _label in STATUTE_COLUMNS.values():
            initial[statute_field_name(risk.statute, column)] = getattr(risk, column)
    for letter, reason in (waira.not_reasonably_practicable or {}).items():
        initial[nrp_field_name(letter)] = reason
    if waira.kind == WairaKind.FURTHER:
        for impact in waira.characteristic_impacts.all():
            initial[characteristic_field_name(impact.characteristic, "impact")] = impact.impact
            initial[characteristic_field_name(impact.characteristic, "inaccuracy")] = (
                impact.inaccurate_decisions
            )
        initial["decisions_modified_note"] = waira.decisions_modified_note
        initial["harm_incidents"] = waira.harm_incidents
    return initial


class ShareForm(GovUKFormMixin, forms.Form):
    audience = forms.CharField(
        label=_("Which workers it was shared with"),
        help_text=_("Everyone who is or may be affected: teams, job roles, sites, shifts."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    method = forms.CharField(
        label=_("How it was shared"),
        help_text=_("For example: by email and at each team meeting, with printed copies."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    workers = forms.ModelMultipleChoiceField(
        label=_("Workers with a Llais account who can read it and raise concerns here"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    all_workers = forms.BooleanField(
        label=_("Every worker of the organisation with a Llais account"), required=False
    )

    def __init__(self, *args: Any, workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workers"].queryset = workers  # type: ignore[attr-defined]
        self.all_worker_queryset = workers

    def chosen_workers(self) -> list[User]:
        if self.cleaned_data["all_workers"]:
            return list(self.all_worker_queryset)
        return list(self.cleaned_data["workers"])


class ConcernForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Your concern"),
        help_text=_(
            "Anything about the assessment that worries you or matters to you: your job, your "
            "wellbeing, fairness, or losing contact with a person who can listen."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    anonymous = forms.BooleanField(
        label=_("Keep my name from managers and union representatives"),
        help_text=_("You will still see your concern and the answer here."),
        required=False,
    )

    def __init__(self, *args: Any, anonymity_offered: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not anonymity_offered:
            # Not offered at all, rather than offered and refused: the page says why.
            del self.fields["anonymous"]

    @property
    def service_arguments(self) -> dict[str, Any]:
        return {
            "text": self.cleaned_data["text"],
            "anonymous": bool(self.cleaned_data.get("anonymous", False)),
        }


class ConcernResponseForm(GovUKFormMixin, forms.Form):
    response = forms.CharField(
        label=_("Your answer to the concern"), widget=forms.Textarea(attrs={"rows": 6})
    )


class AdverseAspectForm(GovUKFormMixin, forms.Form):
    aspect = forms.CharField(
        label=_("The adverse aspect"),
        help_text=_("What in the WAIRA could harm workers."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    discussed_on = GovUKDateField(
        label=_("When it was discussed"), help_text=_("For example, 27 3 2026")
    )
    discussion = forms.CharField(
        label=_("Who took part and what was discussed"),
        help_text=_("How it could be removed or modified (s.15(3)(d))."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=AdverseAspect.Outcome.choices, widget=forms.RadioSelect
    )
    outcome_detail = forms.CharField(
        label=_("What changed, or why it was kept"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ConcludeForm(GovUKFormMixin, forms.Form):
    no_adverse_aspects_reason = forms.CharField(
        label=_("If no adverse aspect was identified, say why"),
        help_text=_("Leave blank if you have recorded the adverse aspects discussed."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    short_listening_reason = forms.CharField(
        label=_("Why the consultation is concluded before then"),
        help_text=_(
            "Needed only before the listening period after the last sharing has ended. It is "
            "kept on the WAIRA and its timeline."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ReopenForm(GovUKFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the consultation is reopened"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CompleteForm(GovUKFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I confirm this WAIRA is final: once completed it can never change, and a change "
            "needs a further WAIRA."
        )
    )


class CommentForm(GovUKFormMixin, forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))


class UnionPositionForm(GovUKFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Your position"),
        choices=WairaUnionPosition.Kind.choices,
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        help_text=_("Needed when you record dissent."),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class HighRiskStartForm(GovUKFormMixin, forms.Form):
    started_on = GovUKDateField(
        label=_("The day high-risk decision-making with the system began"),
        help_text=_("For example, 27 3 2026"),
    )


class HighRiskStartBreachForm(GovUKFormMixin, forms.Form):
    started_on = GovUKDateField(
        label=_("The day high-risk decision-making with the system began"),
        help_text=_("For example, 27 3 2026"),
    )
    account = forms.CharField(
        label=_("What happened"),
        help_text=_("Who began it, which decisions were made, and how you know the date."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evidence = forms.FileField(
        label=_("Evidence of the date"),
        help_text=_(
            "For example a system log or an email: a PDF, Word, Excel, PowerPoint, "
            "OpenDocument, PNG, JPEG, CSV or plain text file, up to 5 MB."
        ),
        error_messages={"required": _("Select a file showing when it began.")},
    )

    def clean_evidence(self) -> Any:
        upload = self.cleaned_data.get("evidence")
        if upload:
            check_upload(upload)  # its real type, by content, and its size
        return upload

"""Words for the events a case's timeline shows."""

from django.utils.translation import gettext_lazy as _

from core.timeline import register_event_labels

register_event_labels(
    {
        "case_created": _("Case created"),
        "case_updated": _("Case details changed"),
        "union_representative_assigned": _("Union representative assigned"),
        "union_representative_unassigned": _("Union representative removed"),
        "engagement_recorded": _("Engagement recorded"),
        "engagement_completed": _("What we did added to the ledger"),
        "prompt_commented": _("Comment on a prompt answer"),
        "prompt_answered": _("Prompt answered"),
        "carry_forward_saved": _("Carry-forward record saved"),
        "gate_sign_off": _("Union representative signed off"),
        "gate_dissent": _("Union representative recorded dissent"),
        "gate_overridden": _("Gate overridden by the commissioner"),
        "gate_refused": _("Move refused by the gate"),
        "gate_ready": _("Ready for a union representative's sign-off"),
        "stage_changed": _("Stage changed"),
        "ai_system_linked": _("AI system linked"),
        "risk_graded": _("Risk level set from the questionnaire"),
        "risk_regraded": _("Risk level graded again"),
        "risk_lowered": _("Risk level lowered, with a reason"),
        "requirement_added": _("Requirement added to the specification"),
        "requirement_changed": _("Requirement changed"),
        "tender_questions_added": _("Tender questions added"),
        "weightings_set": _("Weightings set"),
        "weightings_signed_off": _("Union signed off the questions and weightings"),
        "weightings_changed_after_sign_off": _(
            "Questions or weightings changed after the union's sign-off"
        ),
        "contract_recorded": _("Contract recorded"),
        "contract_changed": _("Contract details changed"),
        "contract_clauses_chosen": _("Contract clauses chosen"),
        "supplier_obligation_started": _("Supplier asked to act under a clause"),
        "supplier_obligation_met": _("Supplier obligation met"),
    }
)

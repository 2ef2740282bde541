"""s.18(5): is a person a competent agent? (R-RECON-AGENT; AGENT-01..03).

Pure, so the rule is testable on its own and the contacts page, the assignment service and the
warning for the default agent all give the same answer. Limbs (c) and (d) repeat one another in
the Bill's text, so they are one limb here (A9).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from rights_requests.models import RightsContact


@dataclass(frozen=True)
class Limb:
    key: str
    citation: str
    label: str | Promise


LIMBS = (
    Limb("trained", "s.18(5)(a)", _("suitably trained")),
    Limb("designated", "s.18(5)(b)", _("designated by the employer")),
    Limb(
        "can_discuss_facts_and_reasons",
        "s.18(5)(c)-(d)",
        _("able to discuss and clarify the facts, circumstances and reasons"),
    ),
    Limb("can_alter_decision", "s.18(5)(e)", _("able to alter the decision")),
)


def limbs_failed(
    *,
    trained: bool,
    designated: bool,
    can_discuss_facts_and_reasons: bool,
    can_alter_decision: bool,
) -> list[Limb]:
    """The s.18(5) limbs a person does not meet; empty means competent."""
    met = {
        "trained": trained,
        "designated": designated,
        "can_discuss_facts_and_reasons": can_discuss_facts_and_reasons,
        "can_alter_decision": can_alter_decision,
    }
    return [limb for limb in LIMBS if not met[limb.key]]


def contact_limbs_failed(contact: RightsContact) -> list[Limb]:
    """A limb counts as met only with its evidence on record (a date is evidence of training
    or designation only with what shows it)."""
    return limbs_failed(
        trained=contact.trained_on is not None and bool(contact.training_evidence.strip()),
        designated=contact.designated_on is not None and bool(contact.designation_evidence.strip()),
        can_discuss_facts_and_reasons=contact.can_discuss_facts_and_reasons
        and bool(contact.discussion_evidence.strip()),
        can_alter_decision=contact.can_alter_decision and bool(contact.authority_evidence.strip()),
    )


def explanation_competence_recorded(contact: RightsContact) -> bool:
    """s.17(8): a nominated contact's competence to explain counts only with its evidence."""
    return contact.competent_to_explain and bool(contact.competence_evidence.strip())

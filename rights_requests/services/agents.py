"""Reconsiderations go to a competent agent (s.18(3), (5), (7)): who may be chosen, and the
assignment."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import save_with_actor
from core.models import Organisation, User
from core.permissions import require
from rights_requests import events, permissions
from rights_requests.competence import Limb, contact_limbs_failed
from rights_requests.models import ContactKind, RequestState, RightsContact, RightsRequest
from rights_requests.selectors import current_contacts
from rights_requests.services._common import _locked, _record


@dataclass(frozen=True)
class AgentChoice:
    """Who may be assigned a reconsideration, and what is wrong with them if anything."""

    contact: RightsContact
    limbs_failed: list[Limb]
    is_default_most_senior: bool

    @property
    def blocked(self) -> bool:
        # AGENT-01/02 block; AGENT-03 (the default most senior person) only warns.
        return bool(self.limbs_failed) and not self.is_default_most_senior


def agent_choices(organisation: Organisation | int) -> list[AgentChoice]:
    """The organisation's competent agents and their delegates; with no nominated agent, the
    most senior person (s.18(3)), with a warning where they fail a limb (AGENT-03)."""
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    contacts = list(
        current_contacts()
        .filter(
            organisation_id=org_id,
            kind__in=[ContactKind.COMPETENT_AGENT, ContactKind.MOST_SENIOR_PERSON],
        )
        .select_related("user", "delegated_by")
    )
    agents = [c for c in contacts if c.kind == ContactKind.COMPETENT_AGENT]
    nominated = [c for c in agents if not c.is_delegate]
    if nominated:
        return [AgentChoice(c, contact_limbs_failed(c), False) for c in agents]
    seniors = [c for c in contacts if c.kind == ContactKind.MOST_SENIOR_PERSON]
    return [AgentChoice(c, contact_limbs_failed(c), True) for c in seniors[:1]]


@transaction.atomic
def reconsideration_assign(
    *,
    actor: User,
    request: RightsRequest,
    agent: RightsContact,
    original_decision_maker: User | None = None,
) -> list[Limb]:
    """Give a reconsideration to a competent agent (s.18(3), (5), (7)). Refused where the agent
    fails a limb of s.18(5) (a delegate included) or made the original decision; the default
    most senior person is allowed with the failed limbs returned as a warning (AGENT-03)."""
    request = _locked(request)
    require(permissions.can_assign_agent(actor, request))
    choice = next((c for c in agent_choices(request.organisation_id) if c.contact == agent), None)
    if choice is None:
        raise ValidationError(
            {"agent": _("Choose a competent agent of this employer who is in post.")}
        )
    if choice.blocked:
        missing = ", ".join(str(limb.label) for limb in choice.limbs_failed)
        raise ValidationError(
            {
                "agent": _("This person is not a competent agent (s.18(5)): not %(missing)s.")
                % {"missing": missing}
            }
        )
    if agent.user is None:
        raise ValidationError({"agent": _("This person has no Llais account to answer with.")})
    decision_maker = original_decision_maker or request.original_decision_maker
    if decision_maker is not None and decision_maker.pk == agent.user_id:
        raise ValidationError(
            {"agent": _("The person who made the original decision cannot reconsider it.")}
        )
    if (
        decision_maker is not None
        and not decision_maker.memberships.filter(organisation_id=request.organisation_id).exists()
    ):
        raise ValidationError(
            {"original_decision_maker": _("Choose a person of this organisation.")}
        )
    before = request.state
    request.assigned_agent = agent
    request.original_decision_maker = decision_maker
    if request.state == RequestState.RECEIVED:
        request.start()
    save_with_actor(request, actor)
    event = _record(
        request,
        actor,
        "agent_assigned",
        from_state=before if request.state != before else "",
        data={
            "agent": agent.name,
            "delegate": agent.is_delegate,
            "default_most_senior": choice.is_default_most_senior,
            "limbs_failed": [limb.citation for limb in choice.limbs_failed],
        },
    )
    events.tell_agent(agent.user, event)
    return choice.limbs_failed

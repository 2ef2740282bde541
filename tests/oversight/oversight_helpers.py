"""The governance body built through the real services, for the oversight tests."""

import datetime

from core.models import User
from oversight import services
from oversight.models import Decision, DecisionKind, Meeting


def meeting(actor: User, *, held_on: datetime.date, title: str = "Quarterly review") -> Meeting:
    return services.meeting_record(
        actor=actor,
        organisation=actor.memberships.get().organisation,
        held_on=held_on,
        title=title,
        minutes_text="We reviewed RotaWise.",
    )


def action(actor: User, meeting: Meeting, *, owner: User, due_on: datetime.date) -> Decision:
    return services.decision_record(
        actor=actor,
        meeting=meeting,
        kind=DecisionKind.ACTION,
        text="Ask the supplier for the error rates by shift pattern.",
        owner=owner,
        due_on=due_on,
    )

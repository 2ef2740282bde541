"""The oversight pages for the every-page browser test: the dashboard with its charts, the
governance body and its forms, as the oversight member (bethan) and the union representative
(dafydd) reach them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Organisation, User
from oversight import services
from oversight.models import DecisionKind
from tests.procurement_helpers import today


def oversight_pages(organisation: Organisation, commissioner: User) -> dict[str, list[str]]:
    member = User.objects.get(username="bethan")
    meeting = services.meeting_record(
        actor=member,
        organisation=organisation,
        held_on=today(),
        title="Quarterly review of systems in use",
        minutes_text="We reviewed the rota system's error reports.",
        papers=SimpleUploadedFile("papers.txt", b"Agenda"),
    )
    action = services.decision_record(
        actor=member,
        meeting=meeting,
        kind=DecisionKind.ACTION,
        text="Ask the supplier for error rates by shift pattern.",
        owner=commissioner,
        due_on=today(),
    )
    org = [organisation.pk]
    return {
        "bethan": [
            reverse("oversight:dashboard", args=org),
            reverse("oversight:governance", args=org),
            reverse("oversight:member_add", args=org),
            reverse("oversight:meeting_create", args=org),
            reverse("oversight:meeting_detail", args=[meeting.pk]),
            reverse("oversight:decision_create", args=[meeting.pk]),
            reverse("oversight:action_update", args=[action.pk]),
        ],
        "dafydd": [reverse("oversight:dashboard", args=org)],
    }

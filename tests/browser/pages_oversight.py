"""The oversight pages for the every-page browser test: the dashboard with its charts, the
governance body and its forms, and the search, as the oversight member (bethan) and the union
representative (dafydd) reach them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Organisation, User
from oversight import services
from oversight.models import DecisionKind
from registers.models import AISystem
from tests.procurement_helpers import today


def oversight_pages(
    organisation: Organisation, commissioner: User, system: AISystem
) -> dict[str, list[str]]:
    """`system` is in use, so incidents can be reported on it."""
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
    incident = services.incident_report(
        actor=commissioner,
        system=system,
        kind="different_effect",
        description="Part-time staff get fewer weekend shifts offered.",
        group_affected="Part-time staff",
    )
    org = [organisation.pk]
    search = reverse("oversight:search")
    return {
        "bethan": [
            reverse("oversight:dashboard", args=org),
            reverse("oversight:governance", args=org),
            reverse("oversight:member_add", args=org),
            reverse("oversight:meeting_create", args=org),
            reverse("oversight:meeting_detail", args=[meeting.pk]),
            reverse("oversight:decision_create", args=[meeting.pk]),
            reverse("oversight:action_update", args=[action.pk]),
            reverse("oversight:incident_list"),
            reverse("oversight:incident_answer", args=[incident.pk]),
            search,  # the guidance
            f"{search}?q=rota+weekend+OR+shifts",  # results of every kind, marked
            f"{search}?q=rota&kind=systems",  # one kind, page by page
            f"{search}?q=rota&kind=nonsense",  # the error summary
        ],
        "dafydd": [reverse("oversight:dashboard", args=org), f"{search}?q=rota"],
        "dylan": [reverse("oversight:incident_report")],
    }

"""The oversight pages for the every-page browser test: the dashboard with its charts, the
governance body and its forms, as the oversight member (bethan) and the union representative
(dafydd) reach them; the oversight reviews as the commissioner (ceri) and dafydd reach them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Organisation, User
from oversight import review_services, services
from oversight.models import DecisionKind
from registers.models import AISystem
from tests.oversight.oversight_helpers import case_in_oversight
from tests.procurement_helpers import answer_review, today


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
    # Oversight reviews (issue 15, item 2): one open for the commissioner (ceri) to answer, one
    # submitted for the union representative (dafydd) to sign off.
    rep = User.objects.get(username="dafydd")
    case, _system, open_review = case_in_oversight(commissioner, organisation, rep)
    _case, _system, submitted_review = case_in_oversight(commissioner, organisation, rep)
    answer_review(submitted_review, commissioner)
    review_services.review_submit(actor=commissioner, review=submitted_review)
    reviews = {
        "ceri": [
            reverse("procurement:case_detail", args=[case.pk]),
            reverse("oversight:review_detail", args=[open_review.pk]),
            reverse("oversight:review_answer", args=[open_review.pk]),
            reverse("oversight:review_submit", args=[open_review.pk]),
        ],
        "dafydd": [
            reverse("oversight:review_detail", args=[submitted_review.pk]),
            reverse("oversight:review_decide", args=[submitted_review.pk]),
        ],
    }
    return {
        "ceri": reviews["ceri"],
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
        ],
        "dafydd": [reverse("oversight:dashboard", args=org), *reviews["dafydd"]],
        "dylan": [reverse("oversight:incident_report")],
    }

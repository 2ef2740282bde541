"""The oversight pages for the every-page browser test: the dashboard with its charts, the
governance body and its forms, the search, outcome signals and the lessons log, as the oversight
member (bethan), the commissioner (ceri) and the union representative (dafydd) reach them; the
oversight reviews as ceri and dafydd reach them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Organisation, User
from oversight import review_services, services
from oversight.models import DecisionKind, Signal, SignalFigure
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
    lesson = services.lesson_record(
        actor=commissioner,
        organisation=organisation,
        title="Ask night workers separately",
        stage="planning",
        risk_level="high",
        what_worked="A survey at shift change reached the night care workers.",
        what_did_not="The daytime workshop missed them.",
        shareable=True,
    )
    signal = Signal.objects.create(
        organisation=organisation,
        system=system,
        figure=SignalFigure.DECISIONS_ALTERED,
        value=40,
        threshold=25,
        window_days=90,
        raised_on=today(),
    )
    org = [organisation.pk]
    search = reverse("oversight:search")
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
        "ceri": [
            *reviews["ceri"],
            reverse("oversight:signal_settings", args=org),
            reverse("oversight:lesson_create", args=org),
            reverse("oversight:lesson_edit", args=[lesson.pk]),
            reverse("oversight:shared_lesson_list"),
            reverse("oversight:shared_lesson", args=[lesson.pk]),
        ],
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
            reverse("oversight:signal_list", args=org),
            reverse("oversight:system_signals", args=[system.pk]),
            reverse("oversight:signal_detail", args=[signal.pk]),
            reverse("oversight:lesson_list", args=org),
        ],
        "dafydd": [
            reverse("oversight:dashboard", args=org),
            f"{search}?q=rota",
            *reviews["dafydd"],
        ],
        "dylan": [reverse("oversight:incident_report")],
    }

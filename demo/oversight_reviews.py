"""The demo cases' oversight reviews (issue 15, item 2), answered, submitted and signed off
through the services as the commissioner and the union representative would: the case in
oversight has one review signed off and the next one open; the closed case closed with a closing
review."""

from __future__ import annotations

from core.models import User
from core.roles import Role
from oversight import review_selectors, review_services
from procurement.models import ProcurementCase

ANSWERS = {
    "learning-across-procurements": "Workers shaped the triggers best where they met the "
    "supplier early; the board asks every new case to hold a supplier workshop before award.",
    "proportional-approaches": "High-risk systems keep a quarterly forum with the union; "
    "lower-risk ones report to the board twice a year.",
    "driving-up-standards": "Every review is shared with the Joint Trade Union Committee, and "
    "the register entry says when the system was last reviewed.",
    "worker-training-support": "Union representatives on the board get two days' training on "
    "reading the system's error reports, in Welsh or English.",
    "learning-from-other-bodies": "We compared attendance triggers with two neighbouring "
    "councils and adopted their exclusion of disability-related absence.",
    "wider-engagement": "A disabled people's organisation and the university's employment "
    "law clinic join the annual review.",
}


def hold_review(
    case: ProcurementCase,
    people: dict[Role, User],
    *,
    what_has_changed: str,
    closing: bool = False,
) -> None:
    """Answer the case's current review (each prompt with what the previous one agreed, or the
    demo's answer), submit it, and have the union representative sign it off."""
    commissioner = people[Role.COMMISSIONER]
    review = review_selectors.unfinished_review_of(case)
    assert review is not None, f"{case} has no open oversight review"
    review_services.review_answer(
        actor=commissioner,
        review=review,
        answers={
            item.prompt.pk: item.carried_forward or ANSWERS.get(item.prompt.key, "Agreed.")
            for item in review_selectors.review_prompts(review)
        },
        what_has_changed=what_has_changed,
        closing=closing,
    )
    review = review_services.review_submit(actor=commissioner, review=review)
    review_services.review_decide(
        actor=people[Role.UNION_REPRESENTATIVE],
        review=review,
        kind=review_services.SIGN_OFF,
        reason="Signed off: the review matches what the board and members agreed.",
    )

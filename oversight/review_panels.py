"""Where oversight reviews show on other pages: the case page lists the case's reviews, the
current one first (core.extensions; registered in OversightConfig.ready). How a review's state
looks: state -> GOV.UK tag colour and label."""

from __future__ import annotations

from core.extensions import Panel, register_object_panel
from core.http import AuthenticatedHttpRequest
from core.status_tags import coloured_choices, register_statuses
from oversight import permissions, review_selectors
from oversight.models import ReviewState
from procurement.models import ProcurementCase

REVIEW_COLOURS: dict[str, str] = {
    ReviewState.OPEN: "blue",
    ReviewState.SUBMITTED: "yellow",
    ReviewState.SIGNED_OFF: "green",
    ReviewState.DISSENTED: "red",
}
register_statuses("oversight.review", coloured_choices(ReviewState.choices, REVIEW_COLOURS))


@register_object_panel("procurement_case", order=20)
def case_reviews_panel(request: AuthenticatedHttpRequest, case: ProcurementCase) -> Panel | None:
    """Shown once a case has reviews (it entered oversight); its viewers see them all."""
    reviews = review_selectors.reviews_of(permissions.reviews_visible_to(request.user), case)
    if not reviews:
        return None
    return Panel("oversight/panels/case_reviews.html", {"reviews": reviews})

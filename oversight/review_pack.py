"""The oversight reviews section of a case's assessment pack (core.extensions.
register_pack_section; registered in OversightConfig.ready, so packs prints it without
importing oversight). Whoever may read the case reads its reviews, so every reader gets the
same section: each review with its dates, its state, the union's decision and its answers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.extensions import PackContent, PackSection, register_pack_section
from oversight import permissions, review_selectors
from procurement.models import ProcurementCase


def build_reviews(case: ProcurementCase, reader: Any) -> PackContent | None:
    reviews = review_selectors.reviews_of(
        permissions.reviews_visible_to(reader.user).select_related("decided_by"), case
    )
    if not reviews:
        return None
    rows, content = [], []
    for review in reviews:
        prompts = review_selectors.review_prompts(review)
        rows.append({"review": review, "prompts": prompts})
        content.append(
            {
                "number": review.number,
                "opened_on": review.opened_on.isoformat(),
                "due_on": review.due_on.isoformat(),
                "closing": review.closing,
                "state": review.state,
                "decided_on": review.decided_at.date().isoformat() if review.decided_at else None,
                "decision_reason": review.decision_reason,
                "what_has_changed": review.what_has_changed,
                "answers": {item.prompt.key: item.answer for item in prompts},
            }
        )
    return PackContent(content={"reviews": content}, context={"rows": rows})


SECTION = register_pack_section(
    PackSection(
        "oversight_reviews",
        55,
        _("Oversight reviews"),
        "oversight/pdf/reviews.html",
        build_reviews,
    )
)

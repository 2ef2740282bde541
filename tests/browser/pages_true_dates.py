"""Issue 13 (requests keep their true dates): the pages it adds, for the every-page axe test."""

from __future__ import annotations

from django.urls import reverse

from core.models import Organisation, User
from tests.rights_helpers import logged_request, make_request, proposed_later_date


def true_dates_pages(organisation: Organisation) -> dict[str, list[str]]:
    """The nominated contact (`nia`, made by rights_pages) logs a letter and opens it; the
    worker (`dylan`) is asked to confirm a later date proposed as agreed."""
    nia = User.objects.get(username="nia")
    dylan = User.objects.get(username="dylan")
    request = logged_request({"nominated_contact": nia}, organisation)
    own = make_request(dylan, organisation)
    proposed_later_date({"nominated_contact": nia}, own.pk)
    return {
        "nia": [
            reverse("rights_requests:request_log"),
            reverse("rights_requests:request_detail", args=[request.pk]),
        ],
        "dylan": [
            reverse("rights_requests:request_detail", args=[own.pk]),
            reverse("rights_requests:extension_answer", args=[own.pk]),
        ],
    }

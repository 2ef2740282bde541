"""Pages of event notifications and the daily email (issue 14, ADR 0011), for the axe walk in
test_every_page.py: the choice of notification emails, and a worker's notifications with one
told by an event (their request was answered), opened through core."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from core.models import Organisation, User
from core.roles import Role
from tests.rights_helpers import explain, make_request


def event_notification_pages(
    user_with_role: Callable[..., User], organisation: Organisation, worker: User
) -> dict[str, list[str]]:
    handler = user_with_role(Role.NOMINATED_CONTACT, username="nia-events")
    explain(handler, make_request(worker, organisation))
    return {
        worker.username: [reverse("core:notification_emails"), reverse("core:notification_list")]
    }

"""A WAIRA is completed only as workers were consulted on it (issue 13, item 4; s.15(3)(b)-(d)):
completion is refused when its content differs from the last version shared; sharing again
first lets it through."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.roles import Role
from tests.waira_helpers import answer_everything, assessable_system, discuss_and_conclude, share
from waira import services
from waira.models import WairaState

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(commissioner, organisation, user_with_role):
    system = assessable_system(commissioner, organisation)
    waira = services.waira_create(actor=commissioner, system=system)
    answer_everything(commissioner, waira)
    share(commissioner, waira, [user_with_role(Role.WORKER)])
    return waira


def rewrite_purpose(actor, waira, text="Now also used to rank staff for redundancy."):
    services.waira_update(
        actor=actor,
        waira=waira,
        texts={"purpose": text},
        statute_risks={},
        not_reasonably_practicable={},
    )


def test_completion_is_refused_when_the_content_differs_from_what_was_shared(commissioner, shared):
    rewrite_purpose(commissioner, shared)
    discuss_and_conclude(commissioner, shared)
    with pytest.raises(ValidationError) as error:
        services.waira_complete(actor=commissioner, waira=shared)
    assert "share it again" in " ".join(error.value.messages)
    shared.refresh_from_db()
    assert shared.state == WairaState.CONCLUDED


def test_sharing_the_changed_content_again_lets_it_complete(commissioner, shared, user_with_role):
    rewrite_purpose(commissioner, shared)
    share(commissioner, shared, [user_with_role(Role.WORKER)])
    discuss_and_conclude(commissioner, shared)
    completed = services.waira_complete(actor=commissioner, waira=shared)
    assert completed.state == WairaState.COMPLETED

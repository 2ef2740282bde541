"""core.transitions: a page's buttons are the transitions open from the state, labelled by the
state machine, and only those the page's permission answers grant."""

import pytest
from django.utils import translation

from core.transitions import transition_actions, transition_label
from procurement.models import ProcurementCase
from procurement.stages import Stage
from rights_requests.models import RequestKind, RequestState, RightsRequest
from tests.rights_helpers import make_request
from waira.models import Waira, WairaState

URLS = {"cancel": "/cancel/", "advance": "/advance/"}


@pytest.mark.parametrize("stage", [s.value for s in Stage])
def test_cancel_is_offered_from_every_open_stage_and_no_other(stage):
    case = ProcurementCase(stage=stage)
    actions = transition_actions(
        case, "stage", allowed={"cancel": True}, url_for=URLS, even_if_unmet=True
    )
    assert ("cancel" in actions) == case.is_open


def test_an_action_the_user_may_not_take_is_not_offered():
    case = ProcurementCase(stage=Stage.PLANNING)
    allowed = {"cancel": False, "advance": False}
    assert (
        transition_actions(case, "stage", allowed=allowed, url_for=URLS, even_if_unmet=True) == {}
    )


def test_an_action_carries_the_transition_label_and_the_page_url():
    case = ProcurementCase(stage=Stage.PLANNING)
    action = transition_actions(
        case, "stage", allowed={"cancel": True}, url_for=URLS, even_if_unmet=True
    )["cancel"]
    with translation.override("en"):
        assert str(action.label) == "Cancel the case"
    assert action.url == "/cancel/"
    assert action.method == "get"


@pytest.mark.django_db
def test_an_unmet_condition_hides_the_action_unless_the_page_explains_it(worker, organisation):
    # A reconsideration starts only once a competent agent holds it (has_agent).
    rr = make_request(worker, organisation, kind=RequestKind.RECONSIDERATION)
    assert rr.state == RequestState.RECEIVED
    urls = {"start": "/start/"}
    assert transition_actions(rr, "state", allowed={"start": True}, url_for=urls) == {}
    shown = transition_actions(
        rr, "state", allowed={"start": True}, url_for=urls, even_if_unmet=True, post={"start"}
    )
    assert shown["start"].method == "post"


@pytest.mark.parametrize(
    ("state", "text"),
    [
        (WairaState.DRAFT, "Share with the workers affected"),
        (WairaState.SHARED, "Share an updated version"),
    ],
)
def test_a_label_may_depend_on_the_object(state, text):
    with translation.override("en"):
        assert str(transition_label(Waira(state=state), "share", "state")) == text


def test_every_transition_a_page_offers_has_a_label():
    offered = [
        (ProcurementCase(), "stage", ["cancel"]),
        (Waira(), "state", ["share", "conclude", "reopen", "complete"]),
        (RightsRequest(), "state", ["start", "answer_issued", "claim_exemption", "withdraw"]),
    ]
    for obj, field, names in offered:
        for name in names:
            assert transition_label(obj, name, field)

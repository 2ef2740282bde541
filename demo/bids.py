"""The demo's bid assessments (issue 18, ADR 0017): each case leaving the tender stage has the
toolkit's supplier questions weighted and signed off by the union, three bids scored by a panel
with a worker and the union representative on it, a moderation, and the award with its reasons."""

from __future__ import annotations

import zlib
from datetime import date, timedelta

from core.models import User
from core.roles import Role
from procurement.bids import selectors
from procurement.bids import services as bid_services
from procurement.bids_models import PanelMember
from procurement.models import ProcurementCase
from procurement.tender import services as tender_services

# The other two bidders (fictional), and how each member's scores sit against the winner's.
RIVALS = (("Hafren Analytics Ltd", "08812345", -2), ("Tir Data Solutions Ltd", "SC417263", -3))


def companies_house_number(name: str) -> str:
    """A stable, fictional 8-digit number for a demo supplier."""
    return f"{zlib.crc32(name.encode()) % 10**8:08d}"


def assess_bids(case: ProcurementCase, winner: str, people: dict[Role, User], today: date) -> None:
    commissioner = people[Role.COMMISSIONER]
    officer = people[Role.PROCUREMENT_OFFICER]
    rep = people[Role.UNION_REPRESENTATIVE]
    worker = people[Role.WORKER]
    tender_services.questions_offer_toolkit(actor=officer, case=case)
    questions = list(selectors.questions_for(case))
    # Worker-voice questions carry more weight; the weightings add up to 100.
    base, extra = divmod(100, len(questions))
    weights = {q.pk: base + (1 if index < extra else 0) for index, q in enumerate(questions)}
    tender_services.weights_set(actor=officer, case=case, weights=weights)
    tender_services.weightings_sign_off(
        actor=rep, case=case, comment="Agreed at the branch meeting: worker questions weigh fully."
    )
    bidders = ((winner, companies_house_number(winner), 0), *RIVALS)
    bids = {}
    for index, (name, number, _offset) in enumerate(bidders):
        bids[name] = bid_services.bid_record(
            actor=officer,
            case=case,
            supplier_name=name,
            companies_house_number=number,
            received_on=today - timedelta(days=40 - index),
            summary=f"{name}'s response to the tender for {case.title.lower()}.",
        )
    panel = {
        officer: PanelMember.PanelRole.PROCUREMENT,
        worker: PanelMember.PanelRole.WORKER,
        rep: PanelMember.PanelRole.UNION_REPRESENTATIVE,
    }
    for person, role in panel.items():
        member = bid_services.panel_member_add(
            actor=commissioner, case=case, person=person, panel_role=role
        )
        bid_services.conflict_declare(actor=person, member=member, has_conflict=False)
    bid_services.scoring_open(actor=commissioner, case=case)
    # Each member's own view: the worker marks the rivals' worker-involvement answers lower.
    leaning = {officer: 0, worker: -1, rep: 0}
    for person in panel:
        for name, _number, offset in bidders:
            scores = {}
            for index, question in enumerate(questions):
                value = 8 + offset + (leaning[person] if offset else 0) - index % 2
                scores[question.pk] = (max(0, min(10, value)), "")
            bid_services.scores_save(actor=person, bid=bids[name], scores=scores)
        bid_services.scores_submit(actor=person, case=case)
    for name, _number, _offset in bidders:
        for question in questions:
            own = sorted(
                score.score
                for score in selectors.scores_visible_to(commissioner, case).filter(
                    bid=bids[name], question=question
                )
            )
            agreed = own[len(own) // 2]
            bid_services.moderation_record(
                actor=commissioner,
                bid=bids[name],
                question=question,
                agreed_score=agreed,
                reason=""
                if len(set(own)) == 1
                else "The panel agreed the middle score after hearing the worker's reasons.",
            )
    bid_services.award_record(
        actor=commissioner,
        case=case,
        bid=bids[winner],
        decided_on=today - timedelta(days=20),
        reasons=f"{winner} had the highest weighted total, and the strongest answers on "
        "involving workers in development and on workforce development.",
    )

"""A failure in plain words, the same on every page, email and letter."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext

from accountability.models import Basis, Failure, Obligation


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def what_happened(failure: Failure) -> str:
    """One sentence: who did not do what, about which system or request, and by when. Names
    only the organisation and the system (a request is "a request"), so it can be public."""
    org = failure.organisation.name
    subject = failure.system.name if failure.system_id and failure.system else ""
    due = _day(failure.last_compliance_date) if failure.last_compliance_date else ""
    start = _day(failure.failure_date_protective)
    sentences = {
        Obligation.WAIRA_BEFORE_USE: gettext(
            "%(org)s began high-risk decision-making with %(system)s on %(start)s without "
            "a completed initial WAIRA."
        ),
        Obligation.CONSULT_BEFORE_USE: gettext(
            "%(org)s began high-risk decision-making with %(system)s on %(start)s before a "
            "clear month had passed since the workers affected were consulted."
        ),
        Obligation.WAIRA_REVIEW: gettext(
            "%(org)s had to carry out a further WAIRA of %(system)s by %(due)s and did not."
        ),
        Obligation.CONSULT_REVIEW: gettext(
            "%(org)s had to consult the workers affected by %(system)s again by %(due)s and "
            "did not."
        ),
        Obligation.REGISTER_ENTRY: gettext(
            "%(org)s had to publish a register entry for %(system)s by %(due)s and did not."
        ),
        Obligation.REGISTER_CHANGE: gettext(
            "%(org)s had to record a change to %(system)s in its register by %(due)s and did not."
        ),
        Obligation.EXPLANATION: gettext(
            "%(org)s had to answer a request for an explanation by %(due)s and did not."
        ),
        Obligation.RECONSIDERATION: gettext(
            "%(org)s had to reconsider a decision and tell the worker by %(due)s and did not."
        ),
    }
    text = sentences[Obligation(failure.obligation)] % {
        "org": org,
        "system": subject,
        "due": due,
        "start": start,
    }
    if failure.basis == Basis.REFUSED_EXEMPTION:
        text = gettext(
            "%(org)s refused a request on an exemption. If the exemption does not apply, the "
            "answer was due by %(due)s."
        ) % {"org": org, "due": due}
    elif failure.basis == Basis.REFUSED_LATE:
        text = gettext(
            "%(org)s refused a request as made too late. If it was in time, or should have "
            "been accepted, the answer was due by %(due)s."
        ) % {"org": org, "due": due}
    return text

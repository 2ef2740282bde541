"""Rights-request test helpers: the worked examples and people who answer requests, built
through the real services."""

from __future__ import annotations

import datetime
from typing import Any

from core.clock import uk_today
from core.models import Organisation, User
from core.services import sweep_run
from rights_requests import services
from rights_requests.models import ContactKind, RightsContact
from tests.data import legal_time_cases_by_id

CASES: dict[str, dict[str, Any]] = legal_time_cases_by_id()


def case(case_id: str) -> dict[str, Any]:
    return CASES[case_id]


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def instant(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


COMPETENT = {
    "trained_on": datetime.date(2024, 9, 1),
    "training_evidence": "ACAS reconsideration course certificate, 1 Sep 2024.",
    "designated_on": datetime.date(2024, 9, 2),
    "designation_evidence": "Letter of designation from the chief executive.",
    "can_discuss_facts_and_reasons": True,
    "discussion_evidence": "Has access to the system's decision logs and the HR file.",
    "can_alter_decision": True,
    "authority_evidence": "Scheme of delegation, para 4.2: may overturn rota decisions.",
}


def limbs_from(inputs: dict[str, Any]) -> dict[str, Any]:
    """A worked example's limbs as contact fields (an absent limb is taken as met)."""
    fields = dict(COMPETENT)
    if not inputs.get("trained", True):
        fields.update(trained_on=None, training_evidence="")
    if not inputs.get("designated", True):
        fields.update(designated_on=None, designation_evidence="")
    if not inputs.get("can_discuss_facts_and_reasons", True):
        fields.update(can_discuss_facts_and_reasons=False, discussion_evidence="")
    if not inputs.get("can_alter_decision", True):
        fields.update(can_alter_decision=False, authority_evidence="")
    return fields


def contact(
    admin: User,
    organisation: Organisation,
    kind: str = ContactKind.COMPETENT_AGENT,
    *,
    user: User | None = None,
    name: str = "Ceri Jones",
    **fields: Any,
) -> RightsContact:
    values: dict[str, Any] = {
        "job_title": "Head of People",
        "address": "County Hall, Cardiff CF10 1AA",
        "email": f"{name.split()[0].lower()}@example.org",
        "phone": "029 2000 0000",
        **(COMPETENT if kind != ContactKind.NOMINATED_CONTACT else {}),
        **fields,
    }
    return services.rights_contact_create(
        actor=admin, organisation=organisation, kind=kind, user=user, name=name, **values
    )


def make_request(worker: User, organisation: Organisation, kind: str = "explanation", **fields):
    values: dict[str, Any] = {
        "requester_status": "worker",
        "decision": "My shifts were cut from 30 to 12 hours a week by the rota system.",
        "aware_on": fields.pop("aware_on", None) or uk_today(),
        "request_text": "Please explain how the system decided to cut my hours.",
        "language": "en",
        **fields,
    }
    return services.rights_request_make(
        actor=worker, organisation=organisation, kind=kind, **values
    )


CHECKLIST_DONE = {
    "readily_understandable": True,
    "personal": True,
    "in_writing": True,
    "accessible_format": True,
    "free_of_charge": True,
}


def explain(actor: User, request, text: str = "The system ranked you on availability.", **kw):
    return services.explanation_issue(
        actor=actor,
        request=request,
        text=text,
        text_language=kw.pop("text_language", "en"),
        **{**CHECKLIST_DONE, **kw},
    )


def agent_for(admin: User, organisation: Organisation, user: User, **fields) -> RightsContact:
    return contact(admin, organisation, ContactKind.COMPETENT_AGENT, user=user, **fields)


def rights_world(people: dict[str, User], organisation: Organisation) -> dict[str, dict[str, int]]:
    """Rights requests for the permission matrix: returns each rights URL name's kwargs.

    The worker has an open explanation request shared with `union_rep`, an answered one, one
    with an exemption claimed, one that failed (with tribunal dates), and a reconsideration
    assigned to `competent_agent`; a jobseeker without an account has one answered late.
    """
    import time_machine
    from django.core import signing

    from rights_requests.models import ExemptionGround

    admin, worker = people["administrator"], people["worker"]
    nominated = contact(
        admin,
        organisation,
        ContactKind.NOMINATED_CONTACT,
        user=people["nominated_contact"],
        name="Nia Nominated",
    )
    agent = agent_for(admin, organisation, people["competent_agent"], name="Aled Agent")
    from core import legal_time

    today = uk_today()

    long_ago = legal_time.add_days(today, -60)
    with time_machine.travel(f"{long_ago.isoformat()}T10:00:00Z", tick=False):
        failed = make_request(worker, organisation)
        draft = services.rights_request_draft(
            organisation=organisation,
            kind="explanation",
            email="jobseeker@example.org",
            requester_name="Gwen Applicant",
            requester_status="jobseeker",
            decision="My application was screened out.",
            aware_on=long_ago,
            request_text="Why?",
            language="en",
        )
        token = signing.TimestampSigner(salt=services.DRAFT_SIGNER_SALT).sign(str(draft.pk))
        public, access_token = services.rights_request_confirm(token=token)
    sweep_requests()
    explain(people["nominated_contact"], public)  # late: a failure is recorded too
    open_request = make_request(worker, organisation)
    services.rights_request_share(
        actor=worker, request=open_request, representative=people["union_rep"]
    )
    answered = make_request(worker, organisation)
    explain(people["nominated_contact"], answered)
    claimed = make_request(worker, organisation)
    claim = services.exemption_claim(
        actor=people["nominated_contact"],
        request=claimed,
        ground=ExemptionGround.EXPL_NOT_PRACTICABLE,
        reasons="The supplier's logs were lost.",
    )
    reconsideration = make_request(worker, organisation, "reconsideration")
    services.reconsideration_assign(actor=admin, request=reconsideration, agent=agent)
    pk = {"pk": open_request.pk}
    new_token = signing.TimestampSigner(salt=services.DRAFT_SIGNER_SALT).sign(
        str(
            services.rights_request_draft(
                organisation=organisation,
                kind="explanation",
                email="another@example.org",
                requester_name="Another Applicant",
                requester_status="jobseeker",
                decision="Screened out.",
                aware_on=today,
                request_text="Why?",
                language="en",
            ).pk
        )
    )
    return {
        "rights_requests:contact_edit": {"pk": nominated.pk},
        "rights_requests:request_detail": pk,
        "rights_requests:letter": {"pk": answered.pk},
        "rights_requests:letter_pdf": {"pk": answered.pk},
        "rights_requests:timeline_pdf": pk,
        "rights_requests:request_withdraw": pk,
        "rights_requests:request_share": pk,
        "rights_requests:early_conciliation": {"pk": failed.pk},
        "rights_requests:window_decide": pk,
        "rights_requests:due_date_set": pk,
        "rights_requests:request_start": pk,
        "rights_requests:explanation_issue": pk,
        "rights_requests:exemption_claim": pk,
        "rights_requests:exemption_decide": {"pk": claimed.pk, "claim_pk": claim.pk},
        "rights_requests:agent_assign": {"pk": reconsideration.pk},
        "rights_requests:reconsideration_conclude": {"pk": reconsideration.pk},
        "rights_requests:public_request_form": {"slug": organisation.slug},
        "rights_requests:public_confirm": {"token": new_token},
        "rights_requests:public_request": {"token": access_token},
        "rights_requests:public_letter_pdf": {"token": access_token},
        "rights_requests:public_timeline_pdf": {"token": access_token},
        "rights_requests:public_early_conciliation": {"token": access_token},
    }


def rights_pages(user_with_role, organisation, worker, union_rep, system) -> dict[str, list[str]]:
    """Every rights-request page, by the username of a person who may see it (browser tests)."""
    import time_machine
    from django.urls import reverse

    from core import legal_time
    from core.roles import Role

    admin = user_with_role(Role.ADMINISTRATOR, username="sian")
    nominated_user = user_with_role(Role.NOMINATED_CONTACT, username="nia")
    agent_user = user_with_role(Role.COMPETENT_AGENT, username="aled")
    nominated = contact(
        admin, organisation, ContactKind.NOMINATED_CONTACT, user=nominated_user, name="Nia N"
    )
    agent_for(admin, organisation, agent_user, name="Aled Agent")
    long_ago = legal_time.add_days(uk_today(), -40)
    with time_machine.travel(f"{long_ago.isoformat()}T10:00:00Z", tick=False):
        failed = make_request(worker, organisation, language="cy")
    sweep_requests()
    open_request = make_request(worker, organisation, ai_system=system)
    services.rights_request_share(actor=worker, request=open_request, representative=union_rep)
    answered = make_request(worker, organisation)
    explain(nominated_user, answered)
    claimed = make_request(worker, organisation)
    claim = services.exemption_claim(
        actor=nominated_user, request=claimed, ground="s17_5_a", reasons="Logs lost."
    )
    reconsideration = make_request(worker, organisation, "reconsideration", follows=answered)
    services.reconsideration_assign(
        actor=admin, request=reconsideration, agent=services.agent_choices(organisation)[0].contact
    )

    def url(name: str, *args: object) -> str:
        return reverse(f"rights_requests:{name}", args=args)

    return {
        "dylan": [
            url("request_list"),
            url("request_create"),
            url("request_detail", failed.pk),
            url("early_conciliation", failed.pk),
            url("request_detail", answered.pk),
            url("letter", answered.pk),
            url("request_share", open_request.pk),
            url("request_withdraw", open_request.pk),
            url("public_request_form", organisation.slug),
        ],
        "nia": [
            reverse("core:dashboard"),
            url("queue"),
            url("request_detail", open_request.pk),
            url("explanation_issue", open_request.pk),
            url("exemption_claim", open_request.pk),
            url("due_date_set", open_request.pk),
            url("window_decide", open_request.pk),
            url("exemption_decide", claimed.pk, claim.pk),
        ],
        "aled": [
            reverse("core:dashboard"),
            url("request_detail", reconsideration.pk),
            url("agent_assign", reconsideration.pk),
            url("reconsideration_conclude", reconsideration.pk),
        ],
        "sian": [url("contact_list"), url("contact_create"), url("contact_edit", nominated.pk)],
        "dafydd": [url("figures"), url("request_detail", open_request.pk)],
    }


def sweep_requests() -> int:
    """The nightly rights-requests sweep, run now; returns how many failures it recorded."""
    return sweep_run("rights_requests").failures_recorded


def logged_request(people: dict[str, User], organisation: Organisation):
    """A request received by letter yesterday, logged by the nominated contact with a copy."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core import legal_time

    yesterday = legal_time.add_days(uk_today(), -1)
    request, _token = services.rights_request_log_received(
        actor=people["nominated_contact"],
        organisation=organisation,
        kind="explanation",
        received_by="letter",
        received_on=yesterday,
        received_copy=SimpleUploadedFile("letter.txt", b"Please explain my shifts."),
        requester_name="Dai Driver",
        requester_email="dai@example.org",
        requester_status="worker",
        decision="My shifts were cut by the rota system.",
        aware_on=yesterday,
        request_text="Please explain the decision.",
        language="en",
    )
    return request


def agree_due_date(handler: User, request, due_date: datetime.date, evidence: str):
    """An agreed period as it now counts: proposed by the handler, confirmed by the worker."""
    services.rights_request_set_due_date(
        actor=handler, request=request, basis="agreed", due_date=due_date, evidence=evidence
    )
    return services.rights_request_extension_answer(
        actor=request.requester, request=request, agree=True
    )


def proposed_later_date(people: dict[str, User], request_pk: int):
    """The nominated contact proposes a date 14 days after the statutory one, as agreed."""
    from core import legal_time
    from rights_requests.models import RightsRequest

    request = RightsRequest.objects.get(pk=request_pk)
    return services.rights_request_set_due_date(
        actor=people["nominated_contact"],
        request=request,
        basis="agreed",
        due_date=legal_time.add_days(request.due_date, 14),
        evidence="Both sides said yes on the phone.",
    )

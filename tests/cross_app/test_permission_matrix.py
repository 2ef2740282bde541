"""Every URL name x every role (and anonymous): allowed or denied as designed.

Another organisation's objects are a 404 for everyone outside it. A new URL without a row here
fails `test_every_url_name_is_in_the_matrix`.
"""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse

from accountability import services as accountability_services
from accountability.models import Failure
from core.models import Notification
from core.roles import Role
from core.services import sweep_run
from packs import services as pack_services
from packs.models import Pack
from procurement import services
from procurement.models import EngagementApproach
from procurement.stages import Stage
from procurement.tender import services as tender_services
from registers import services as register_services
from tests.factories import example_organisation, member, neighbouring_organisation
from tests.module_worlds import rolled_back_at_the_end
from tests.procurement_helpers import case_at, new_case, open_scoring, score_and_submit, today
from tests.register_helpers import published_entry, register_system
from tests.rights_helpers import logged_request, proposed_later_date, rights_world
from tests.waira_helpers import answer_everything, assessable_system, discuss_and_conclude, share
from waira import services as waira_services

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "commissioner",
    "procurement_officer",
    "union_rep",
    "union_rep_unassigned",
    "worker",  # consulted on the shared WAIRA
    "worker_unconsulted",
    "nominated_contact",
    "competent_agent",
    "oversight_member",
    "administrator",
    "outsider",  # a commissioner of another organisation
    "outsider_administrator",  # an administrator of another organisation
]

STAFF = {"commissioner", "procurement_officer", "oversight_member", "administrator"}
EDITORS = {"commissioner", "procurement_officer", "administrator"}
OWNERS = {"commissioner", "administrator"}
CASE_VIEWERS = STAFF | {"union_rep"}
MEMBERS = set(ROLES) - {"anonymous"}
# Members of another organisation: its commissioner and its administrator, each at home there.
OUTSIDERS = {"outsider", "outsider_administrator"}


def case_access(
    allowed: set[str], viewers: set[str] = CASE_VIEWERS, ok: int = 200
) -> dict[str, int]:
    """Allowed roles get `ok`; those who can see the case but not act get 403; the rest 404."""
    return {
        role: 302
        if role == "anonymous"
        else ok
        if role in allowed
        else 403
        if role in viewers
        else 404
        for role in ROLES
    }


def system_access(allowed: set[str], visible: set[str] = STAFF) -> dict[str, int]:
    """A planned AI system: staff see it (403 where they may not act), others get a 404."""
    return case_access(allowed, viewers=visible)


def only(allowed: set[str], ok: int = 200, others: int = 403) -> dict[str, int]:
    return {
        role: 302 if role == "anonymous" else ok if role in allowed else others for role in ROLES
    }


def everyone(ok: int, anonymous: int = 302) -> dict[str, int]:
    return {role: anonymous if role == "anonymous" else ok for role in ROLES}


def request_access(allowed: set[str], viewers: set[str], ok: int = 200) -> dict[str, int]:
    """A rights request: `allowed` act; other `viewers` of it get 403; everyone else 404."""
    return case_access(allowed, viewers=viewers, ok=ok)


# The worker's open explanation request is shared with `union_rep`; explanations are seen by the
# nominated contact and administrators, reconsiderations by competent agents and administrators.
EXPLANATION_VIEWERS = {"worker", "nominated_contact", "administrator", "union_rep"}
EXPLANATION_HANDLERS = {"nominated_contact", "administrator"}
UNSHARED_EXPLANATION_VIEWERS = {"worker", "nominated_contact", "administrator"}
RECONSIDERATION_VIEWERS = {"worker", "competent_agent", "administrator"}
PUBLIC = {role: 200 for role in ROLES}
RIGHTS_MATRIX = {
    "rights_requests:request_list": ("GET", everyone(200)),
    "rights_requests:request_create": ("GET", only({"worker", "worker_unconsulted"})),
    "rights_requests:queue": (
        "GET",
        only({"nominated_contact", "competent_agent", "administrator", "outsider_administrator"}),
    ),
    "rights_requests:figures": (
        "GET",
        only(
            {
                "union_rep",
                "union_rep_unassigned",
                "nominated_contact",
                "competent_agent",
                "administrator",
                "outsider_administrator",
            }
        ),
    ),
    # Each administrator manages their own organisation's contacts.
    "rights_requests:contact_list": ("GET", only({"administrator", "outsider_administrator"})),
    "rights_requests:contact_create": ("GET", only({"administrator", "outsider_administrator"})),
    "rights_requests:contact_edit": ("GET", only({"administrator"}, others=404)),
    "rights_requests:request_detail": ("GET", request_access(EXPLANATION_VIEWERS, set())),
    "rights_requests:letter": ("GET", request_access(UNSHARED_EXPLANATION_VIEWERS, set())),
    "rights_requests:letter_pdf": ("GET", request_access(UNSHARED_EXPLANATION_VIEWERS, set())),
    "rights_requests:timeline_pdf": ("GET", request_access(EXPLANATION_VIEWERS, set())),
    "rights_requests:request_withdraw": ("GET", request_access({"worker"}, EXPLANATION_VIEWERS)),
    "rights_requests:request_share": ("GET", request_access({"worker"}, EXPLANATION_VIEWERS)),
    "rights_requests:early_conciliation": (
        "GET",
        request_access({"worker"}, UNSHARED_EXPLANATION_VIEWERS),
    ),
    "rights_requests:window_decide": (
        "GET",
        request_access(EXPLANATION_HANDLERS, EXPLANATION_VIEWERS),
    ),
    "rights_requests:due_date_set": (
        "GET",
        request_access(EXPLANATION_HANDLERS, EXPLANATION_VIEWERS),
    ),
    "rights_requests:request_start": (
        "POST",
        request_access(EXPLANATION_HANDLERS, EXPLANATION_VIEWERS, ok=302),
    ),
    "rights_requests:explanation_issue": (
        "GET",
        request_access(EXPLANATION_HANDLERS, EXPLANATION_VIEWERS),
    ),
    "rights_requests:exemption_claim": (
        "GET",
        request_access(EXPLANATION_HANDLERS, EXPLANATION_VIEWERS),
    ),
    "rights_requests:exemption_decide": (
        "GET",
        request_access(EXPLANATION_HANDLERS, UNSHARED_EXPLANATION_VIEWERS),
    ),
    "rights_requests:agent_assign": (
        "GET",
        request_access({"competent_agent", "administrator"}, RECONSIDERATION_VIEWERS),
    ),
    # Only the agent it is assigned to reconsiders (s.18(1)): not even an administrator.
    "rights_requests:reconsideration_conclude": (
        "GET",
        request_access({"competent_agent"}, RECONSIDERATION_VIEWERS),
    ),
    # Without an account: the private link is the key, whoever holds it.
    "rights_requests:public_request_form": ("GET", PUBLIC),
    "rights_requests:public_confirm": ("GET", PUBLIC),
    "rights_requests:public_request": ("GET", PUBLIC),
    "rights_requests:public_letter_pdf": ("GET", PUBLIC),
    "rights_requests:public_timeline_pdf": ("GET", PUBLIC),
    "rights_requests:public_early_conciliation": ("GET", PUBLIC),
}

# (url name, how to build its kwargs, method, expected status per role)
MATRIX = {
    "core:home": ("GET", {**everyone(302), "anonymous": 200}),
    "core:dashboard": ("GET", everyone(200)),
    "core:notification_list": ("GET", everyone(200)),
    "core:notifications_read": ("POST", everyone(302)),
    # Operators only (Django staff; no organisation's member is): the deadline sweeps' runs.
    "core:sweep_runs": ("GET", only(set())),
    # Everyone signed in reads and downloads their own information, and only their own.
    "core:your_information": ("GET", everyone(200)),
    "core:your_information_download": ("GET", everyone(200)),
    "login": ("GET", {**everyone(302), "anonymous": 200}),
    "logout": ("POST", everyone(302)),
    "set_language": ("POST", {**everyone(302), "anonymous": 302}),
    # The Django admin is the platform operators' (superusers'): no organisation's member enters,
    # not even its administrator; they are sent to the admin's sign-in page (tests/cross_app/
    # test_admin.py has the superuser's side).
    **{
        name: ("GET", everyone(302))
        for name in (
            "admin:index",
            "admin:procurement_procurementcase_changelist",
            "admin:procurement_procurementcase_change",
            "admin:rights_requests_rightsrequest_change",
            "admin:core_membership_add",
        )
    },
    # An organisation's administrators manage its members, roles and settings; for everyone
    # else (another organisation's administrator too) the organisation's pages do not exist.
    "core:administration": ("GET", only({"administrator", "outsider_administrator"})),
    **{
        name: ("GET", only({"administrator"}, others=404))
        for name in (
            "core:organisation_detail",
            "core:organisation_settings",
            "core:member_add",
            "core:member_roles",
            "core:member_invite",
            "core:member_second_factor_reset",
        )
    },
    # The emailed link to set a password: for anyone holding it (a wrong link says so).
    "core:set_password": ("GET", PUBLIC),
    "procurement:case_list": (
        "GET",
        {
            role: 302
            if role == "anonymous"
            else 200
            if role in CASE_VIEWERS | OUTSIDERS | {"union_rep_unassigned"}
            else 403
            for role in ROLES
        },
    ),
    "procurement:case_create": (
        "GET",
        {
            role: 302 if role == "anonymous" else 200 if role in OWNERS | OUTSIDERS else 403
            for role in ROLES
        },
    ),
    "procurement:case_detail": ("GET", case_access(CASE_VIEWERS)),
    "procurement:case_edit": ("GET", case_access(EDITORS)),
    "procurement:union_representatives": ("GET", case_access(OWNERS)),
    "procurement:union_representative_remove": ("POST", case_access(OWNERS, ok=302)),
    "procurement:activity_create": ("GET", case_access(EDITORS)),
    "procurement:activity_detail": ("GET", case_access(CASE_VIEWERS)),
    "procurement:attachment_download": ("GET", case_access(CASE_VIEWERS)),
    "procurement:prompt_respond": ("GET", case_access(EDITORS)),
    "procurement:carry_forward_edit": ("GET", case_access(EDITORS)),
    "procurement:gate_decide": ("GET", case_access({"union_rep"})),
    "procurement:case_advance": ("GET", case_access(OWNERS)),
    "procurement:case_cancel": ("GET", case_access(OWNERS)),
    "procurement:case_systems": ("GET", case_access(EDITORS)),
    "procurement:case_system_create": ("GET", case_access(EDITORS)),
    "registers:system_list": ("GET", everyone(200)),
    "registers:system_create": (
        "GET",
        {
            role: 302 if role == "anonymous" else 200 if role in EDITORS | OUTSIDERS else 403
            for role in ROLES
        },
    ),
    # A system in high-risk use, linked to the case: its internal record is for staff and the
    # representative assigned to the case; every other member (workers too) gets a 404.
    "registers:system_detail": ("GET", case_access(CASE_VIEWERS)),
    "registers:system_edit": (
        "GET",
        {
            role: 302
            if role == "anonymous"
            else 200
            if role in EDITORS
            else 403
            if role in STAFF
            else 404
            for role in ROLES
        },
    ),
    "waira:waira_list": (
        "GET",
        only(STAFF | OUTSIDERS | {"union_rep", "union_rep_unassigned"}),
    ),
    "waira:waira_create": ("GET", system_access(EDITORS)),
    "waira:high_risk_start": ("GET", system_access(OWNERS)),
    "waira:waira_detail": ("GET", case_access(CASE_VIEWERS)),
    "waira:waira_edit": ("GET", case_access(EDITORS)),
    "waira:waira_share": ("GET", case_access(EDITORS)),
    "waira:concern_respond": ("GET", case_access(EDITORS)),
    "waira:adverse_aspect_create": ("GET", case_access(EDITORS)),
    "waira:waira_conclude": ("GET", case_access(EDITORS)),
    "waira:waira_reopen": ("GET", case_access(EDITORS)),
    "waira:waira_complete": ("GET", case_access(OWNERS)),
    "waira:waira_comment": ("GET", case_access(EDITORS | {"union_rep"})),
    "waira:union_position": ("GET", case_access({"union_rep"})),
    "waira:waira_pdf": ("GET", case_access(CASE_VIEWERS)),
    "waira:consultation_list": ("GET", only({"worker", "worker_unconsulted"})),
    # A worker reads only what was shared with them; for everyone else it does not exist.
    "waira:consultation_detail": ("GET", only({"worker"}, others=404)),
    "waira:consultation_pdf": ("GET", only({"worker"}, others=404)),
    # The register entry of a system in high-risk use: staff see the working copy; members who
    # see the system are refused it; editors edit; the commissioner and administrators publish.
    "registers:entry_list": (
        "GET",
        {
            role: 302 if role == "anonymous" else 200 if role in STAFF | OUTSIDERS else 403
            for role in ROLES
        },
    ),
    "registers:entry_detail": ("GET", case_access(STAFF)),
    "registers:entry_edit": ("GET", case_access(EDITORS)),
    "registers:entry_publish": ("GET", case_access(OWNERS)),
    "registers:entry_retire": ("GET", case_access(OWNERS)),
    # The public register and its open data: no sign-in, the same for everyone.
    **{
        name: ("GET", everyone(200, anonymous=200))
        for name in (
            "register:list",
            "register:entry",
            "register:version",
            "register:open_data",
            "register:csv",
            "register:json",
            "register:atrs",
            "register:schema",
            "register:feed",
            "register-api:entry-list",
            "register-api:entry-detail",
            "register-api:version-detail",
            "register-api:schema",
        )
    },
    **RIGHTS_MATRIX,
    # Issue 13 (requests keep their true dates): staff log a request received outside Llais;
    # its copy is for those who handle it (a request without an account is nobody else's).
    "rights_requests:request_log": (
        "GET",
        only({"nominated_contact", "competent_agent", "administrator", "outsider_administrator"}),
    ),
    "rights_requests:request_copy": ("GET", request_access(EXPLANATION_HANDLERS, set())),
    # Only the worker confirms or declines a later date proposed as agreed.
    "rights_requests:extension_answer": ("GET", request_access({"worker"}, EXPLANATION_VIEWERS)),
}

# Issue 13 (h13a): failures, tribunal dates, steps taken and chaser letters; a start of
# high-risk use recorded in breach. The world's failure is on a system whose WAIRA was shared
# with `worker` and whose case `union_rep` is assigned to: they act on it; the organisation's
# commissioner, oversight member and administrator see it; anyone else is told nothing (404).
FAILURE_ACTORS = {"worker", "union_rep"}
FAILURE_VIEWERS = FAILURE_ACTORS | {"commissioner", "oversight_member", "administrator"}
MATRIX |= {
    "waira:high_risk_start_breach": ("GET", system_access(OWNERS)),
    "accountability:failure_list": (
        "GET",
        only(FAILURE_VIEWERS | OUTSIDERS),
    ),
    "accountability:failure_detail": ("GET", case_access(FAILURE_VIEWERS, viewers=set())),
    "accountability:letter_detail": ("GET", case_access(FAILURE_VIEWERS, viewers=set())),
    **{
        name: ("GET", case_access(FAILURE_ACTORS, viewers=FAILURE_VIEWERS))
        for name in (
            "accountability:step_add",
            "accountability:letter_add",
            "accountability:conciliation",
        )
    },
}

# A person's own account. Those who must use a second factor (and so, signed in here, have an
# authenticator app) cannot set up another or remove theirs; the others have none until they
# choose one, so their recovery codes and the code check send them on.
MUST_VERIFY = {
    "nominated_contact",
    "competent_agent",
    "oversight_member",
    "administrator",
    "outsider_administrator",
}
MATRIX |= {
    "core:account": ("GET", everyone(200)),
    "core:password_change": ("GET", everyone(200)),
    "core:two_factor_setup": ("GET", {**everyone(200), **dict.fromkeys(MUST_VERIFY, 302)}),
    "core:two_factor_verify": ("GET", {**everyone(302), **dict.fromkeys(MUST_VERIFY, 200)}),
    "core:recovery_codes": ("GET", {**everyone(302), **dict.fromkeys(MUST_VERIFY, 200)}),
    "core:two_factor_remove": ("POST", {**everyone(302), **dict.fromkeys(MUST_VERIFY, 403)}),
}
# Event notifications (issue 14, ADR 0011): a notification opens for its recipient alone (the
# worker told their request was answered); anyone else's is a 404. Everyone chooses how they
# are emailed.
MATRIX |= {
    "core:notification_open": ("GET", only({"worker"}, ok=302, others=404)),
    "core:notification_emails": ("GET", everyone(200)),
}

# The oversight function (issue 15): staff and union representatives see the dashboard and the
# governance body; oversight members and administrators run it; an action's owner (here the
# commissioner) updates it. Members without the role get 403, another organisation's 404; a
# meeting is not known to those who may not see the body.
OVERSIGHT_VIEWERS = STAFF | {"union_rep", "union_rep_unassigned"}
GOVERNANCE_RUNNERS = {"oversight_member", "administrator"}


def organisation_access(allowed: set[str], ok: int = 200) -> dict[str, int]:
    return {
        role: 302
        if role == "anonymous"
        else ok
        if role in allowed
        else 404
        if role in OUTSIDERS
        else 403
        for role in ROLES
    }


MATRIX |= {
    "oversight:home": (
        "GET",
        {**organisation_access(OVERSIGHT_VIEWERS | OUTSIDERS, ok=302)},
    ),
    "oversight:dashboard": ("GET", organisation_access(OVERSIGHT_VIEWERS)),
    "oversight:dashboard_csv": ("GET", organisation_access(OVERSIGHT_VIEWERS)),
    "oversight:governance": ("GET", organisation_access(OVERSIGHT_VIEWERS)),
    "oversight:member_add": ("GET", organisation_access(GOVERNANCE_RUNNERS)),
    "oversight:meeting_create": ("GET", organisation_access(GOVERNANCE_RUNNERS)),
    "oversight:meeting_detail": ("GET", case_access(OVERSIGHT_VIEWERS)),
    "oversight:meeting_file": ("GET", case_access(OVERSIGHT_VIEWERS)),
    "oversight:decision_create": (
        "GET",
        case_access(GOVERNANCE_RUNNERS, viewers=OVERSIGHT_VIEWERS),
    ),
    "oversight:action_update": (
        "GET",
        case_access(GOVERNANCE_RUNNERS | {"commissioner"}, viewers=OVERSIGHT_VIEWERS),
    ),
    # Incidents: workers, representatives and staff report (outsiders on their own systems);
    # staff triage; an incident is not known to anyone else.
    "oversight:incident_report": (
        "GET",
        only(OVERSIGHT_VIEWERS | OUTSIDERS | {"worker", "worker_unconsulted"}),
    ),
    "oversight:incident_list": ("GET", only(STAFF | OUTSIDERS)),
    "oversight:incident_answer": ("GET", case_access(STAFF, viewers=STAFF)),
    # Search (item 7): whoever may open some case, system, WAIRA, request or incident searches,
    # outsiders in their own organisation (tests/oversight/test_search.py scopes the results).
    "oversight:search": (
        "GET",
        only(
            OVERSIGHT_VIEWERS | OUTSIDERS | {"nominated_contact", "competent_agent"},
        ),
    ),
}

# Outcome signals: commissioners, oversight members and administrators read them (the figures,
# the CSV, a system's page, a signal); commissioners and administrators set the thresholds.
# Lessons: staff keep their organisation's log; staff of any organisation read the lessons
# others shared, without names (so another organisation's shared lesson is readable).
SIGNAL_READERS = {"commissioner", "oversight_member", "administrator"}
MATRIX |= {
    "oversight:signal_list": ("GET", organisation_access(SIGNAL_READERS)),
    "oversight:signal_list_csv": ("GET", organisation_access(SIGNAL_READERS)),
    "oversight:signal_settings": ("GET", organisation_access(OWNERS)),
    "oversight:system_signals": ("GET", case_access(SIGNAL_READERS, viewers=SIGNAL_READERS)),
    "oversight:system_signals_csv": ("GET", case_access(SIGNAL_READERS, viewers=SIGNAL_READERS)),
    "oversight:signal_detail": ("GET", case_access(SIGNAL_READERS, viewers=SIGNAL_READERS)),
    "oversight:lesson_list": ("GET", organisation_access(STAFF)),
    "oversight:lesson_create": ("GET", organisation_access(STAFF)),
    "oversight:lesson_edit": ("GET", case_access(STAFF, viewers=STAFF)),
    "oversight:shared_lesson_list": ("GET", only(STAFF | OUTSIDERS)),
    "oversight:shared_lesson": ("GET", only(STAFF | OUTSIDERS)),
}

# Oversight reviews (issue 15, item 2): whoever sees the case reads its reviews; its editors answer
# and submit an open review; the union representative assigned to the case signs off a submitted
# one or records dissent. Anyone who cannot see the case is told nothing (404).
MATRIX |= {
    "oversight:review_detail": ("GET", case_access(CASE_VIEWERS)),
    "oversight:review_answer": ("GET", case_access(EDITORS)),
    "oversight:review_submit": ("GET", case_access(EDITORS)),
    "oversight:review_decide": ("GET", case_access({"union_rep"})),
}

# Issue 14 (a ledger that closes the loop): the assigned union representative records engagement
# and comments on prompt answers beside the editors; only editors write "what we did".
MATRIX |= {
    "procurement:activity_create": ("GET", case_access(EDITORS | {"union_rep"})),
    "procurement:activity_complete": ("GET", case_access(EDITORS)),
    "procurement:prompt_comment": ("GET", case_access(EDITORS | {"union_rep"})),
}

# Tender, award and contract (issue 18, ADR 0016): the risk questionnaire is answered by the
# case's editors and, reviewing it, an oversight member; a union representative sees it refused.
MATRIX |= {
    "procurement:risk_questionnaire": ("GET", case_access(EDITORS | {"oversight_member"})),
    # The specification: every viewer of the case reads it; its editors write it.
    "procurement:specification": ("GET", case_access(CASE_VIEWERS)),
    "procurement:requirement_create": ("GET", case_access(EDITORS)),
    "procurement:requirement_edit": ("GET", case_access(EDITORS)),
    # Tender questions and weightings: read by every viewer, set by editors, signed off by the
    # assigned union representative alone.
    "procurement:tender_questions": ("GET", case_access(CASE_VIEWERS)),
    "procurement:questions_offer_toolkit": ("GET", case_access(EDITORS)),
    "procurement:question_create": ("GET", case_access(EDITORS)),
    "procurement:question_requirements": ("GET", case_access(EDITORS)),
    "procurement:weightings_sign_off": ("GET", case_access({"union_rep"})),
    # The contract and its clauses: every viewer of the case reads them; editors manage them.
    "procurement:contract": ("GET", case_access(CASE_VIEWERS)),
    "procurement:open_contracting": ("GET", case_access(CASE_VIEWERS)),
    "procurement:contract_record": ("GET", case_access(EDITORS)),
    "procurement:contract_obligation_start": ("GET", case_access(EDITORS)),
    "procurement:contract_obligation_met": ("GET", case_access(EDITORS)),
}

# Bid assessment (issue 18, ADR 0017): bids and scores are confidential to the evaluation panel
# (here the worker) and the commissioners and procurement officers; a union representative or an
# administrator who sees the case but is not on the panel is refused; anyone else gets a 404.
BID_STAFF = {"commissioner", "procurement_officer"}
BID_VIEWERS = CASE_VIEWERS | {"worker"}
MATRIX |= {
    "procurement:bid_assessment": ("GET", case_access(BID_STAFF | {"worker"}, BID_VIEWERS)),
    **{
        f"procurement:{name}": ("GET", case_access(BID_STAFF, BID_VIEWERS))
        for name in ("bid_create", "panel_member_add", "scoring_open", "moderate", "award_record")
    },
    **{
        f"procurement:{name}": ("GET", case_access({"worker"}, BID_VIEWERS))
        for name in ("conflict_declare", "scores_edit", "scores_submit", "bid_dissent")
    },
}

# Assessment packs, evidence bundles and exports (packs, issue 16). A full pack is for staff:
# the assigned union representative may make their own, but not open one made for staff.
MATRIX |= {
    "packs:case_packs": ("GET", case_access(CASE_VIEWERS)),
    "packs:ledger_csv": ("GET", case_access(CASE_VIEWERS)),
    "packs:waira_packs": ("GET", case_access(CASE_VIEWERS)),
    **{
        f"packs:{name}": ("GET", case_access(STAFF, viewers=set()))
        for name in ("pack_progress", "pack_status", "pack_download", "bundle_download")
    },
    "packs:cases_csv": ("GET", everyone(200)),
    "packs:requests_csv": ("GET", everyone(200)),
    "packs:verify": ("GET", everyone(200, anonymous=200)),
    # The case as JSON, to move it elsewhere: staff only (a union representative's record is
    # their pack); imported by whoever may start a case, each into their own organisation.
    "packs:case_json": ("GET", case_access(STAFF)),
    "packs:case_import": (
        "GET",
        {
            role: 302 if role == "anonymous" else 200 if role in OWNERS | OUTSIDERS else 403
            for role in ROLES
        },
    ),
}


def build_world():
    """Every role's person and one object behind each URL; returns (people, each URL name's
    kwargs, the organisation)."""
    organisation, other_organisation = example_organisation(), neighbouring_organisation()
    commissioner = member(Role.COMMISSIONER, organisation)

    def user_with_role(role, organisation=organisation):
        return member(role, organisation)

    people = {
        "commissioner": commissioner,
        "procurement_officer": user_with_role(Role.PROCUREMENT_OFFICER),
        "union_rep": user_with_role(Role.UNION_REPRESENTATIVE),
        "union_rep_unassigned": user_with_role(Role.UNION_REPRESENTATIVE),
        "worker": user_with_role(Role.WORKER),
        "worker_unconsulted": user_with_role(Role.WORKER),
        "nominated_contact": user_with_role(Role.NOMINATED_CONTACT),
        "competent_agent": user_with_role(Role.COMPETENT_AGENT),
        "oversight_member": user_with_role(Role.OVERSIGHT_MEMBER),
        "administrator": user_with_role(Role.ADMINISTRATOR),
        "outsider": user_with_role(Role.COMMISSIONER, organisation=other_organisation),
        "outsider_administrator": user_with_role(
            Role.ADMINISTRATOR, organisation=other_organisation
        ),
    }
    case = new_case(commissioner, organisation, people["union_rep"])
    # A second representative, so removing one is a real action.
    extra_rep = user_with_role(Role.UNION_REPRESENTATIVE)
    services.case_assign_union_representative(
        actor=commissioner, case=case, representative=extra_rep
    )
    activity = services.engagement_record(
        actor=commissioner,
        case=case,
        approach=EngagementApproach.objects.get(key="worker-survey"),
        held_on=today(),
        worker_groups="Care workers",
        worker_count=30,
        issues_raised="Travel time.",
        attachments=[(SimpleUploadedFile("survey.txt", b"results"), "Survey results")],
    )
    system = register_services.ai_system_create(
        actor=commissioner, organisation=organisation, name="RotaWise"
    )
    # WAIRAs of systems linked to the case: one under consultation, one concluded.
    shared, concluded = (
        waira_services.waira_create(
            actor=commissioner, system=assessable_system(commissioner, organisation, name=name)
        )
        for name in ("ShiftSense", "CareMatch")
    )
    for waira in (shared, concluded):
        services.case_link_ai_system(actor=commissioner, case=case, system=waira.system)
        answer_everything(commissioner, waira)
        share(commissioner, waira, [people["worker"]])
    concern = waira_services.concern_raise(
        actor=people["worker"], waira=shared, text="Night shifts?", anonymous=False
    )
    discuss_and_conclude(commissioner, concluded)
    unassessed = assessable_system(commissioner, organisation, name="CVScreen")
    high_risk = register_system(commissioner, organisation, first_use=today(), name="ScreenSure")
    entry, _version = published_entry(commissioner, high_risk)
    services.case_link_ai_system(actor=commissioner, case=case, system=high_risk)
    kwargs = {
        "procurement:case_detail": {"pk": case.pk},
        "procurement:case_edit": {"pk": case.pk},
        "procurement:union_representatives": {"pk": case.pk},
        "procurement:union_representative_remove": {"pk": case.pk, "user_pk": extra_rep.pk},
        "procurement:activity_create": {"pk": case.pk},
        "procurement:activity_detail": {"pk": case.pk, "activity_pk": activity.pk},
        "procurement:attachment_download": {
            "pk": case.pk,
            "activity_pk": activity.pk,
            "attachment_pk": activity.attachments.get().pk,
        },
        "procurement:prompt_respond": {"pk": case.pk, "key": "priority-challenges"},
        "procurement:carry_forward_edit": {"pk": case.pk, "stage": Stage.TENDER_AWARD},
        "procurement:gate_decide": {"pk": case.pk},
        "procurement:case_advance": {"pk": case.pk},
        "procurement:case_cancel": {"pk": case.pk},
        "procurement:case_systems": {"pk": case.pk},
        "procurement:case_system_create": {"pk": case.pk},
        "registers:system_detail": {"pk": high_risk.pk},
        "registers:system_edit": {"pk": system.pk},
        "waira:waira_create": {"system_pk": unassessed.pk},
        "waira:high_risk_start": {"system_pk": unassessed.pk},
        **{
            f"waira:{name}": {"pk": shared.pk}
            for name in (
                "waira_detail",
                "waira_edit",
                "waira_share",
                "adverse_aspect_create",
                "waira_conclude",
                "waira_comment",
                "union_position",
                "waira_pdf",
                "consultation_detail",
                "consultation_pdf",
            )
        },
        "waira:concern_respond": {"pk": shared.pk, "concern_pk": concern.pk},
        "waira:waira_reopen": {"pk": concluded.pk},
        "waira:waira_complete": {"pk": concluded.pk},
        **{
            name: {"pk": high_risk.pk}
            for name in (
                "registers:entry_detail",
                "registers:entry_edit",
                "registers:entry_publish",
                "registers:entry_retire",
            )
        },
        "register:entry": {"pk": entry.pk},
        "register:version": {"pk": entry.pk, "number": 1},
        "register:schema": {"name": "register.schema.json"},
        "register-api:entry-detail": {"pk": entry.pk},
        "register-api:version-detail": {"pk": entry.pk, "number": 1},
        **{
            name: {"org_pk": organisation.pk}
            for name in (
                "core:organisation_detail",
                "core:organisation_settings",
                "core:member_add",
            )
        },
        **{
            name: {"org_pk": organisation.pk, "user_pk": people["worker"].pk}
            for name in (
                "core:member_roles",
                "core:member_invite",
                "core:member_second_factor_reset",
            )
        },
        "core:set_password": {"uidb64": "MQ", "token": "not-a-real-token"},
        "admin:procurement_procurementcase_change": {"object_id": case.pk},
        **rights_world(people, organisation),
    }
    # A worker's private request, in the admin: what another organisation's administrator read.
    kwargs["admin:rights_requests_rightsrequest_change"] = {
        "object_id": kwargs["rights_requests:request_detail"]["pk"]
    }
    # Issue 13: a request received by letter, logged with its date and a copy.
    kwargs["rights_requests:request_copy"] = {"pk": logged_request(people, organisation).pk}
    # Issue 13: a later date proposed as agreed, waiting for the worker to confirm it.
    kwargs["rights_requests:extension_answer"] = {
        "pk": proposed_later_date(people, kwargs["rights_requests:request_detail"]["pk"]).pk
    }
    # Event notifications: the worker's, told their request was answered.
    kwargs["core:notification_open"] = {
        "pk": Notification.objects.filter(recipient=people["worker"], kind="request_answered")
        .values_list("pk", flat=True)
        .first()
    }
    # Issue 13 (h13a): a start of high-risk use recorded in breach, its failures opened by the
    # sweep, and a chaser letter drafted by the worker consulted on it.
    late = assessable_system(commissioner, organisation, name="LateStart")
    services.case_link_ai_system(actor=commissioner, case=case, system=late)
    late_waira = waira_services.waira_create(actor=commissioner, system=late)
    answer_everything(commissioner, late_waira)
    share(commissioner, late_waira, [people["worker"]])
    waira_services.high_risk_start_breach_record(
        actor=commissioner,
        system=late,
        started_on=today(),
        account="Automated rota decisions were switched on early.",
        evidence=SimpleUploadedFile("log.txt", b"rota log\n"),
    )
    sweep_run("accountability")
    failure = Failure.objects.filter(system=late).order_by("pk").first()
    assert failure is not None
    letter = accountability_services.chaser_letter_draft(
        actor=people["worker"], failure=failure, language="en", sender_name="A. Worker"
    )
    kwargs |= {
        name: {"pk": failure.pk}
        for name in (
            "accountability:failure_detail",
            "accountability:step_add",
            "accountability:letter_add",
            "accountability:conciliation",
        )
    }
    kwargs["accountability:letter_detail"] = {"pk": failure.pk, "letter_pk": letter.pk}
    kwargs["waira:high_risk_start_breach"] = {"system_pk": unassessed.pk}
    kwargs |= oversight_world(people, organisation)
    kwargs["procurement:activity_complete"] = kwargs["procurement:activity_detail"]
    kwargs["procurement:prompt_comment"] = {"pk": case.pk, "key": "priority-challenges"}
    # Tender, award and contract (issue 18).
    kwargs["procurement:risk_questionnaire"] = {"pk": case.pk}
    kwargs["procurement:specification"] = {"pk": case.pk}
    kwargs["procurement:requirement_create"] = {"pk": case.pk}
    requirement = tender_services.requirement_create(
        actor=commissioner,
        case=case,
        kind="welsh",
        text="Every screen workers use is available in Welsh.",
        proposed_by="union",
        activity=activity,
    )
    kwargs["procurement:requirement_edit"] = {"pk": case.pk, "requirement_pk": requirement.pk}
    tender_services.questions_offer_toolkit(actor=commissioner, case=case)
    question = case.tender_questions.order_by("id").first()
    assert question is not None
    for name in (
        "procurement:tender_questions",
        "procurement:questions_offer_toolkit",
        "procurement:question_create",
        "procurement:weightings_sign_off",
    ):
        kwargs[name] = {"pk": case.pk}
    kwargs["procurement:question_requirements"] = {"pk": case.pk, "question_pk": question.pk}
    # Bid assessment: one tender case with scoring open and the worker yet to score; another
    # where every member has submitted, ready for moderation.
    scoring = case_at(Stage.TENDER_AWARD, commissioner, organisation, people["union_rep"])
    bid = open_scoring(scoring, commissioner, {people["worker"]: "worker"})
    for name in (
        "bid_assessment",
        "bid_create",
        "panel_member_add",
        "scoring_open",
        "conflict_declare",
        "scores_submit",
        "bid_dissent",
    ):
        kwargs[f"procurement:{name}"] = {"pk": scoring.pk}
    kwargs["procurement:scores_edit"] = {"pk": scoring.pk, "bid_pk": bid.pk}
    moderating = case_at(Stage.TENDER_AWARD, commissioner, organisation, people["union_rep"])
    moderated_bid = open_scoring(moderating, commissioner, {people["worker"]: "worker"})
    score_and_submit(moderating, people["worker"], moderated_bid)
    kwargs["procurement:moderate"] = {
        "pk": moderating.pk,
        "bid_pk": moderated_bid.pk,
        "question_pk": moderating.tender_questions.order_by("id")[0].pk,
    }
    kwargs["procurement:award_record"] = {"pk": moderating.pk}
    kwargs |= contract_world(people, organisation)
    # Packs: a full pack asked for by the commissioner. Its task is not run here (the world is
    # one transaction, and printing is slow): it is given small files, as a finished pack has.
    pack = pack_services.case_pack_request(actor=commissioner, case=case, language="en")
    pack.file.save("pack.pdf", ContentFile(b"%PDF-1.7 test"), save=False)
    pack.bundle.save("bundle.zip", ContentFile(b"PK test"), save=False)
    pack.state = Pack.State.DONE
    pack.save()
    kwargs["packs:case_packs"] = kwargs["packs:ledger_csv"] = {"pk": case.pk}
    kwargs["packs:case_json"] = {"pk": case.pk}
    kwargs["packs:waira_packs"] = {"pk": shared.pk}
    for name in ("pack_progress", "pack_status", "pack_download", "bundle_download"):
        kwargs[f"packs:{name}"] = {"pk": pack.pk}
    return people, kwargs, organisation


def contract_world(people, organisation):
    """A second case at tender and award with its contract, a clause the employer starts, and
    one obligation due. The stage is set directly: the gates are tested elsewhere."""
    from procurement.contracts import services as contract_services
    from procurement.models import ProcurementCase

    commissioner = people["commissioner"]
    case = new_case(commissioner, organisation, people["union_rep"])
    ProcurementCase.objects.filter(pk=case.pk).update(stage=Stage.TENDER_AWARD)
    case.refresh_from_db()
    contract = contract_services.contract_record(
        actor=commissioner,
        case=case,
        supplier_name="Rota Ltd",
        signed_on=today(),
        starts_on=today(),
    )
    (obligation,) = contract_services.clauses_choose(
        actor=commissioner, contract=contract, chosen={"audit": 30}
    )
    instance = contract_services.obligation_start(
        actor=commissioner, obligation=obligation, started_on=today(), what="The 2025 audit."
    )
    return {
        "procurement:contract": {"pk": case.pk},
        "procurement:open_contracting": {"pk": case.pk},
        "procurement:contract_record": {"pk": case.pk},
        "procurement:contract_obligation_start": {"pk": case.pk, "obligation_pk": obligation.pk},
        "procurement:contract_obligation_met": {"pk": case.pk, "instance_pk": instance.pk},
    }


def oversight_world(people, organisation):
    """The governance body: a meeting with its papers, and an action the commissioner owns."""
    from oversight import permissions as oversight_permissions
    from oversight import services as oversight_services
    from oversight.models import DecisionKind, Signal, SignalFigure

    meeting = oversight_services.meeting_record(
        actor=people["oversight_member"],
        organisation=organisation,
        held_on=today(),
        title="Quarterly review",
        papers=SimpleUploadedFile("papers.txt", b"Agenda"),
    )
    action = oversight_services.decision_record(
        actor=people["oversight_member"],
        meeting=meeting,
        kind=DecisionKind.ACTION,
        text="Ask the supplier for error rates.",
        owner=people["commissioner"],
        due_on=today(),
    )
    system = next(
        system
        for system in oversight_permissions.systems_reportable_by(people["worker"])
        if system.organisation_id == organisation.pk
    )
    incident = oversight_services.incident_report(
        actor=people["worker"], system=system, kind="error", description="My hours were cut."
    )
    lesson = oversight_services.lesson_record(
        actor=people["commissioner"],
        organisation=organisation,
        title="Ask night workers separately",
        stage="planning",
        risk_level="high",
        what_worked="A survey at shift change.",
        shareable=True,
    )
    signal = Signal.objects.create(
        organisation=organisation,
        system=system,
        figure=SignalFigure.INCIDENTS,
        value=3,
        threshold=3,
        window_days=90,
        raised_on=today(),
    )
    # Two cases in oversight: one with its review open, one with its review submitted.
    from oversight import review_services
    from tests.oversight.oversight_helpers import case_in_oversight
    from tests.procurement_helpers import answer_review

    people_of_case = (people["commissioner"], organisation, people["union_rep"])
    _case, _system, open_review = case_in_oversight(*people_of_case)
    _case, _system, submitted_review = case_in_oversight(*people_of_case)
    answer_review(submitted_review, people["commissioner"])
    review_services.review_submit(actor=people["commissioner"], review=submitted_review)
    org = {"org_pk": organisation.pk}
    return {
        "oversight:signal_list": org,
        "oversight:signal_list_csv": org,
        "oversight:signal_settings": org,
        "oversight:system_signals": {"pk": system.pk},
        "oversight:system_signals_csv": {"pk": system.pk},
        "oversight:signal_detail": {"pk": signal.pk},
        "oversight:lesson_list": org,
        "oversight:lesson_create": org,
        "oversight:lesson_edit": {"pk": lesson.pk},
        "oversight:shared_lesson": {"pk": lesson.pk},
        "oversight:review_detail": {"pk": open_review.pk},
        "oversight:review_answer": {"pk": open_review.pk},
        "oversight:review_submit": {"pk": open_review.pk},
        "oversight:review_decide": {"pk": submitted_review.pk},
        "oversight:incident_answer": {"pk": incident.pk},
        "oversight:dashboard": org,
        "oversight:dashboard_csv": {**org, "key": "pipeline"},
        "oversight:governance": org,
        "oversight:member_add": org,
        "oversight:meeting_create": org,
        "oversight:meeting_detail": {"pk": meeting.pk},
        "oversight:meeting_file": {"pk": meeting.pk, "which": "papers"},
        "oversight:decision_create": {"pk": meeting.pk},
        "oversight:action_update": {"pk": action.pk},
    }


@pytest.fixture(scope="module")
def built_world(django_db_setup, django_db_blocker):
    """Built once for the module; every row's test runs in a savepoint rolled back after it, so
    an allowed POST never changes the world another row sees."""
    with rolled_back_at_the_end(django_db_blocker):
        with django_db_blocker.unblock():
            built = build_world()
        yield built


@pytest.fixture
def world(db, built_world):
    people, kwargs, _organisation = built_world
    return people, kwargs


@pytest.fixture
def world_organisation(db, built_world):
    return built_world[2]


def _status(world, url_name: str, role: str):
    people, kwargs = world
    method, _expected = MATRIX[url_name]
    client = Client()
    if role != "anonymous":
        client.force_login(people[role])
    url = reverse(url_name, kwargs=kwargs.get(url_name, {}))
    data = {"language": "cy", "next": "/"} if url_name == "set_language" else {}
    response = client.post(url, data) if method == "POST" else client.get(url)
    if (
        response.status_code == 302
        and role == "anonymous"
        and url_name not in {"core:home", "set_language", "logout"}
    ):
        assert (
            response["Location"].startswith(reverse("login"))
            or "/admin/login/" in response["Location"]
        ), url_name
    return response.status_code


GET_ROWS = sorted(name for name, (method, _expected) in MATRIX.items() if method == "GET")
POST_ROWS = sorted(name for name, (method, _expected) in MATRIX.items() if method == "POST")


@pytest.mark.parametrize("url_name", GET_ROWS)
def test_permission_matrix_of_pages(world, url_name):
    """A GET changes nothing, so every role of a row reads the same world."""
    actual = {role: _status(world, url_name, role) for role in ROLES}
    assert actual == MATRIX[url_name][1], url_name


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url_name", POST_ROWS)
def test_permission_matrix_of_actions(world, url_name, role):
    """An allowed POST changes the world, so each role's request is rolled back after it."""
    assert _status(world, url_name, role) == MATRIX[url_name][1][role], (url_name, role)


def test_every_url_name_is_in_the_matrix():
    names = set()
    for namespace in (
        "core",
        "procurement",
        "registers",
        "register",
        "register-api",
        "waira",
        "rights_requests",
        "accountability",
        "oversight",
    ):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {f"{namespace}:{name}" for name in resolver.reverse_dict if isinstance(name, str)}
    names |= {"login", "logout", "set_language"}
    assert names - set(MATRIX) == set()


NONSENSE = {
    "title": "x" * 5000,
    "summary": "\x00",
    "organisation": "999999",
    "risk_level": "extreme",
    "approach": "not-a-number",
    "held_on_day": "99",
    "held_on_month": "abc",
    "held_on_year": "-1",
    "worker_count": "-5",
    "union_involved": "maybe",
    "kind": "override",
    "representative": "0",
    "system": "' OR 1=1 --",
    "attachment": "not a file",
    "planned_start_day": "31",
    "planned_start_month": "2",
    "planned_start_year": "2026",
    "decision_categories": ["999"],
    "language": "xx",
    "purpose": "\x00",
    "nrp_a": "x" * 100_000,
    "audience": "",
    "workers": ["not-a-person", "0"],
    "all_workers": "maybe",
    "text": "\x00",
    "anonymous": "perhaps",
    "response": "",
    "aspect": "",
    "discussed_on_day": "32",
    "discussed_on_month": "1",
    "discussed_on_year": "2026",
    "outcome": "vanished",
    "no_adverse_aspects_reason": "\x00",
    "reason": "",
    "confirm": "nah",
    "started_on_day": "0",
    "started_on_month": "13",
    "started_on_year": "99999",
    "name_cy": "x" * 5000,
    "description_en": "\x00",
    "purpose_en": "",
    "change_date_day": "31",
    "change_date_month": "2",
    "change_date_year": "2026",
    "change_note_en": "x" * 100000,
    "q": "' OR 1=1 --",
    "status": "nonsense",
    "page": "-1",
    "requester_status": "boss",
    "decision": "\x00",
    "aware_on_day": "0",
    "aware_on_month": "13",
    "aware_on_year": "99999",
    "text_language": "fr",
    "ground": "s99",
    "relies_on": "-1",
    "agent": "abc",
    "original_decision_maker": "999999",
    "basis": "whim",
    "due_date_day": "31",
    "due_date_month": "2",
    "due_date_year": "2025",
    "evidence": "x" * 5000,
    "day_a_day": "1",
    "day_a_month": "1",
    "day_a_year": "3000",
    "user": "999999",
    "delegated_by": "999999",
    "email": "not-an-email",
    "requester_name": "\x00",
    "reasons": "",
    "roles": ["emperor", "administrator"],
    "first_name": "\x00",
    "name_en": "x" * 5000,
    "subject_to_welsh_language_standards": "maybe",
}


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_no_page_answers_500_to_nonsense(world, url_name):
    people, kwargs = world
    url = reverse(url_name, kwargs=kwargs.get(url_name, {}))
    for role in ("commissioner", "union_rep", "administrator", "worker"):
        client = Client()
        client.force_login(people[role])
        assert client.post(url, NONSENSE).status_code < 500, (url_name, role)


REQUEST_URL_NAMES = sorted(
    name
    for name in RIGHTS_MATRIX
    if name not in {"rights_requests:contact_edit"}
    and not name.startswith("rights_requests:public")
)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_no_worker_reaches_another_workers_request(client, world, world_organisation, method):
    """Every request URL, by every id the world holds: another worker gets a 404."""
    _people, kwargs = world
    other_worker = member(Role.WORKER, world_organisation)
    client.force_login(other_worker)
    for name in REQUEST_URL_NAMES:
        if not kwargs.get(name) or (method == "GET" and RIGHTS_MATRIX[name][0] == "POST"):
            continue
        url = reverse(name, kwargs=kwargs[name])
        response = client.post(url, NONSENSE) if method == "POST" else client.get(url)
        assert response.status_code == 404, name


OPEN_BEFORE_THE_SECOND_FACTOR = {"logout", "set_language", "core:two_factor_setup"}


@pytest.mark.second_factor_unverified
@pytest.mark.parametrize("role", sorted(MUST_VERIFY))
def test_who_must_verify_reaches_no_page_before_setting_up_a_second_factor(world, role):
    """Every URL of the matrix, signed in with the password only: each is a redirect to setting
    up a second factor, except signing out, the language switch and that set-up page."""
    people, kwargs = world
    client = Client()
    client.force_login(people[role])
    setup = reverse("core:two_factor_setup")
    for url_name, (method, _expected) in MATRIX.items():
        if url_name in OPEN_BEFORE_THE_SECOND_FACTOR:
            continue
        url = reverse(url_name, kwargs=kwargs.get(url_name, {}))
        response = client.post(url, NONSENSE) if method == "POST" else client.get(url)
        assert response.status_code == 302, url_name
        assert response["Location"].startswith(setup), url_name

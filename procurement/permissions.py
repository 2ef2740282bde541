"""Who may see and change procurement cases. Views ask these; they never test roles inline.

A union representative sees a case only when assigned to it (a django-guardian grant); staff
roles see every case of their organisation; nobody sees another organisation's case.
"""

from django.db.models import F, Q, QuerySet

from core.models import Organisation, User
from core.permissions import has_role
from core.roles import Role
from core.selectors import organisations_where
from procurement.models import (
    SIGN_OFF_CODENAME,
    BidAssessment,
    PanelMember,
    ProcurementCase,
    ProcurementCaseUserObjectPermission,
)
from procurement.stages import NEXT_STAGE, Stage
from registers.models import AISystem

SEE_ALL_CASES = {
    Role.COMMISSIONER,
    Role.PROCUREMENT_OFFICER,
    Role.OVERSIGHT_MEMBER,
    Role.ADMINISTRATOR,
}
EDIT_CASES = {Role.COMMISSIONER, Role.PROCUREMENT_OFFICER, Role.ADMINISTRATOR}
OWN_CASES = {Role.COMMISSIONER, Role.ADMINISTRATOR}

VIEW_CODENAME = "view_procurementcase"
# SIGN_OFF_CODENAME (imported above) is defined beside the model's Meta.permissions.


def _assigned(user: User, codename: str) -> QuerySet[ProcurementCaseUserObjectPermission]:
    return ProcurementCaseUserObjectPermission.objects.filter(
        user=user, permission__codename=codename
    )


def cases_visible_to(user: User) -> QuerySet[ProcurementCase]:
    if not user.is_authenticated:
        return ProcurementCase.objects.none()
    assigned_union_orgs = organisations_where(user, {Role.UNION_REPRESENTATIVE})
    return ProcurementCase.objects.filter(
        Q(organisation_id__in=organisations_where(user, SEE_ALL_CASES))
        | Q(
            organisation_id__in=assigned_union_orgs,
            pk__in=_assigned(user, VIEW_CODENAME).values("content_object_id"),
        )
    )


def can_list_cases(user: User) -> bool:
    """Workers, nominated contacts and competent agents have no business with procurement."""
    return bool(organisations_where(user, SEE_ALL_CASES | {Role.UNION_REPRESENTATIVE}))


def cases_assigned_to(user: User) -> QuerySet[ProcurementCase]:
    """The cases a union representative has been assigned to."""
    return ProcurementCase.objects.filter(
        organisation_id__in=organisations_where(user, {Role.UNION_REPRESENTATIVE}),
        pk__in=_assigned(user, SIGN_OFF_CODENAME).values("content_object_id"),
    )


def ai_systems_assigned_to(user: User) -> QuerySet[AISystem]:
    """The AI systems linked to the cases a union representative is assigned to. waira shows
    them those systems' WAIRAs; it asks through core.extensions (procurement/apps.py)."""
    return AISystem.objects.filter(procurement_cases__in=cases_assigned_to(user))


def representatives_of_ai_systems(system_ids: list[int]) -> dict[int, set[int]]:
    """For each AI system, the union representatives assigned to a case it belongs to (still a
    union representative of the case's organisation): one query. accountability asks through
    core.extensions to tell them of failures (procurement/apps.py)."""
    grants = ProcurementCaseUserObjectPermission.objects.filter(
        permission__codename=SIGN_OFF_CODENAME,
        content_object__ai_systems__in=system_ids,
        user__is_active=True,
        user__memberships__role=Role.UNION_REPRESENTATIVE,
        user__memberships__organisation=F("content_object__organisation"),
    ).values_list("content_object__ai_systems", "user_id")
    result: dict[int, set[int]] = {}
    for system_id, user_id in grants:
        result.setdefault(system_id, set()).add(user_id)
    return result


def is_assigned_union_representative(user: User, case: ProcurementCase) -> bool:
    return (
        has_role(user, case.organisation_id, Role.UNION_REPRESENTATIVE)
        and _assigned(user, SIGN_OFF_CODENAME).filter(content_object=case).exists()
    )


def can_view_case(user: User, case: ProcurementCase) -> bool:
    return has_role(user, case.organisation_id, *SEE_ALL_CASES) or is_assigned_union_representative(
        user, case
    )


def can_create_case(user: User, organisation: Organisation) -> bool:
    return has_role(user, organisation, *OWN_CASES)


def organisations_for_new_case(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=organisations_where(user, OWN_CASES))


def can_edit_case(user: User, case: ProcurementCase) -> bool:
    return case.is_open and has_role(user, case.organisation_id, *EDIT_CASES)


def can_record_engagement(user: User, case: ProcurementCase) -> bool:
    """Staff who edit the case, and the union representatives assigned to it: the union's own
    meetings with members are worker voice too."""
    return can_edit_case(user, case) or (
        case.is_open and is_assigned_union_representative(user, case)
    )


def can_complete_engagement(user: User, case: ProcurementCase) -> bool:
    """Add or change "what we did in response": the employer's answer."""
    return can_edit_case(user, case)


def can_comment_on_prompts(user: User, case: ProcurementCase) -> bool:
    return can_edit_case(user, case) or (
        case.is_open and is_assigned_union_representative(user, case)
    )


def can_answer_prompts(user: User, case: ProcurementCase) -> bool:
    return can_edit_case(user, case)


def can_write_carry_forward(user: User, case: ProcurementCase) -> bool:
    return can_edit_case(user, case)


def can_assign_union_representatives(user: User, case: ProcurementCase) -> bool:
    return case.is_open and has_role(user, case.organisation_id, *OWN_CASES)


def can_decide_at_gate(user: User, case: ProcurementCase) -> bool:
    """Sign off or record dissent: only a union representative assigned to the case."""
    return case.stage in NEXT_STAGE and is_assigned_union_representative(user, case)


def can_advance_case(user: User, case: ProcurementCase) -> bool:
    return case.stage in NEXT_STAGE and has_role(user, case.organisation_id, *OWN_CASES)


def can_override_gate(user: User, case: ProcurementCase) -> bool:
    """Only the commissioner role may override a soft gate (with a written reason)."""
    return case.stage in NEXT_STAGE and has_role(user, case.organisation_id, Role.COMMISSIONER)


def can_cancel_case(user: User, case: ProcurementCase) -> bool:
    return case.is_open and has_role(user, case.organisation_id, *OWN_CASES)


def can_link_ai_system(user: User, case: ProcurementCase) -> bool:
    return can_edit_case(user, case)


def can_grade_risk(user: User, case: ProcurementCase) -> bool:
    """Answer the risk questionnaire (ADR 0016): the case's editors at any open stage, and an
    oversight member reviewing it."""
    return case.is_open and has_role(user, case.organisation_id, *EDIT_CASES, Role.OVERSIGHT_MEMBER)


# The specification (issue 18): written with workers while the case is in planning or tender.
SPECIFICATION_STAGES = {Stage.PLANNING, Stage.TENDER_AWARD}


def can_view_specification(user: User, case: ProcurementCase) -> bool:
    return can_view_case(user, case)


def can_edit_specification(user: User, case: ProcurementCase) -> bool:
    return case.stage in SPECIFICATION_STAGES and has_role(user, case.organisation_id, *EDIT_CASES)


def can_edit_tender_questions(user: User, case: ProcurementCase) -> bool:
    return can_edit_specification(user, case)


def can_sign_off_weightings(user: User, case: ProcurementCase) -> bool:
    """Only a union representative assigned to the case signs off the question table."""
    return case.stage in SPECIFICATION_STAGES and is_assigned_union_representative(user, case)


# --- Bid assessment and the award (issue 18, ADR 0017) ------------------------------------------
# Bids and scores are confidential to the evaluation panel and the organisation's commissioners
# and procurement officers until the award; afterwards its summary shows to whoever sees the case.

BID_STAFF = {Role.COMMISSIONER, Role.PROCUREMENT_OFFICER}


def panel_member_of(user: User, case: ProcurementCase) -> PanelMember | None:
    if not user.is_authenticated or not user.is_active:
        return None
    return PanelMember.objects.filter(case=case, person=user).first()


def can_view_bids(user: User, case: ProcurementCase) -> bool:
    """Bids, the panel and (subject to blind scoring) scores: never a union representative who is
    not on the panel. A worker on the panel sees the assessment, though not the rest of the case."""
    if not user.is_authenticated or not user.is_active:
        return False
    if has_role(user, case.organisation_id, *BID_STAFF):
        return True
    return panel_member_of(user, case) is not None


def can_manage_bid_assessment(user: User, case: ProcurementCase) -> bool:
    """Record bids, set the panel, open scoring, moderate and award: at the tender stage."""
    return case.stage == Stage.TENDER_AWARD and has_role(user, case.organisation_id, *BID_STAFF)


def can_score_bids(user: User, case: ProcurementCase) -> bool:
    member = panel_member_of(user, case)
    return (
        case.stage == Stage.TENDER_AWARD
        and member is not None
        and member.scores_bids
        and member.submitted_at is None
        and BidAssessment.objects.filter(case=case).exists()
    )


def can_declare_conflict(user: User, member: PanelMember) -> bool:
    """Each member declares their own conflicts, before their scores are in."""
    return (
        member.person_id == user.pk
        and member.submitted_at is None
        and member.case.stage == Stage.TENDER_AWARD
    )


def can_record_bid_dissent(user: User, case: ProcurementCase) -> bool:
    return panel_member_of(user, case) is not None and case.stage in (
        Stage.TENDER_AWARD,
        *NEXT_STAGE.values(),
    )


def cases_with_bids_visible_to(user: User) -> QuerySet[ProcurementCase]:
    """The cases whose page the user sees, and those on whose evaluation panel they sit."""
    if not user.is_authenticated or not user.is_active:
        return ProcurementCase.objects.none()
    return ProcurementCase.objects.filter(
        Q(pk__in=cases_visible_to(user).values("pk"))
        | Q(pk__in=PanelMember.objects.filter(person=user).values("case"))
    )


# The contract (issue 18, item 5): recorded once the case reaches tender and award, and managed
# while the system is developed, deployed and overseen.
CONTRACT_STAGES = {Stage.TENDER_AWARD, Stage.DEVELOPMENT, Stage.DEPLOYMENT, Stage.OVERSIGHT}


def can_manage_contract(user: User, case: ProcurementCase) -> bool:
    """Record the contract, choose its clauses, record what the supplier did: the case's
    commissioners and procurement staff."""
    return case.stage in CONTRACT_STAGES and has_role(user, case.organisation_id, *EDIT_CASES)

"""factory_boy factories for the models tests build directly.

They write rows as they are, without the services: use them for the world a test starts from.
When a test needs a case that really met its gates, build it with tests/procurement_helpers.py,
which goes through the services.
"""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.models import Language, Membership, Organisation, User
from core.roles import Role
from procurement.models import (
    CarryForward,
    DiscussionPrompt,
    EngagementActivity,
    EngagementApproach,
    GateDecision,
    ProcurementCase,
    PromptResponse,
)
from procurement.stages import CARRY_FORWARD_STAGES, NEXT_STAGE, RiskLevel, Stage
from registers.models import AISystem

TEST_PASSWORD = "test-password"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Test County Council {n}")
    name_cy = factory.Sequence(lambda n: f"Cyngor Sir Prawf {n}")
    slug = factory.Sequence(lambda n: f"test-council-{n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user-{n}")
    first_name = factory.Sequence(lambda n: f"Test{n}")
    last_name = "Person"
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    preferred_language = Language.ENGLISH

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        self.set_password(extracted or TEST_PASSWORD)
        if create:
            self.save(update_fields=["password"])


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.WORKER


def member_of(organisation: Organisation, role: Role) -> User:
    return MembershipFactory(organisation=organisation, role=role).user


class AISystemFactory(DjangoModelFactory):
    class Meta:
        model = AISystem

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Test system {n}")
    supplier = "Example Supplier Ltd"
    value_chain = "Developed and hosted by the supplier in the UK."


class ProcurementCaseFactory(DjangoModelFactory):
    """A case as stored. Pass `stage=` to start elsewhere without meeting the gates."""

    class Meta:
        model = ProcurementCase

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Test procurement {n}")
    summary = "A rostering system for home-care workers."
    commissioner = factory.LazyAttribute(
        lambda case: member_of(case.organisation, Role.COMMISSIONER)
    )
    engagement_plan = "Home-care workers on every shift, with the union branch."
    risk_level = RiskLevel.MEDIUM
    risk_reasoning = "It allocates work."
    stage = Stage.PLANNING


class EngagementActivityFactory(DjangoModelFactory):
    class Meta:
        model = EngagementActivity

    case = factory.SubFactory(ProcurementCaseFactory)
    stage = factory.SelfAttribute("case.stage")
    approach = factory.LazyAttribute(
        lambda activity: EngagementApproach.objects.filter(stage=activity.stage).first()
    )
    held_on = factory.LazyFunction(timezone.localdate)
    worker_groups = "Home-care workers"
    worker_count = 12
    issues_raised = "Travel time between visits."
    employer_response = "Travel time is a hard constraint."
    recorded_by = factory.SelfAttribute("case.commissioner")


class PromptResponseFactory(DjangoModelFactory):
    class Meta:
        model = PromptResponse

    case = factory.SubFactory(ProcurementCaseFactory)
    prompt = factory.LazyAttribute(
        lambda response: DiscussionPrompt.objects.filter(
            stage=response.case.stage, is_carry_forward=False
        ).first()
    )
    agreed_position = "Agreed with the union branch."
    answered_by = factory.SelfAttribute("case.commissioner")


class CarryForwardFactory(DjangoModelFactory):
    class Meta:
        model = CarryForward

    case = factory.SubFactory(ProcurementCaseFactory)
    # The next stage's record while the case can still leave its stage, else the current one.
    stage = factory.LazyAttribute(
        lambda record: (
            next_stage
            if (next_stage := NEXT_STAGE.get(record.case.stage)) in CARRY_FORWARD_STAGES
            else record.case.stage
        )
    )
    agreed_at_previous_stage = "Travel time is protected."
    what_has_changed = "Nothing since the last stage."
    participants = "Branch secretary; six home-care workers."
    recorded_by = factory.SelfAttribute("case.commissioner")


class GateDecisionFactory(DjangoModelFactory):
    class Meta:
        model = GateDecision

    case = factory.SubFactory(ProcurementCaseFactory)
    stage = factory.SelfAttribute("case.stage")
    kind = GateDecision.Kind.SIGN_OFF
    reason = factory.LazyAttribute(
        lambda decision: (
            ""
            if decision.kind == GateDecision.Kind.SIGN_OFF
            else "Recorded with a reason, as the rules require."
        )
    )
    # A union representative signs off or dissents; only the commissioner overrides.
    decided_by = factory.LazyAttribute(
        lambda decision: (
            decision.case.commissioner
            if decision.kind == GateDecision.Kind.OVERRIDE
            else member_of(decision.case.organisation, Role.UNION_REPRESENTATIVE)
        )
    )

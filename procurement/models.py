from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, FSMField, FSMModelMixin, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from core.clock import uk_today
from core.extensions import closing_review_decided
from core.i18n import Localised
from core.models import Organisation
from procurement.gates import REQUIRED_APPROACH_KEYS, GateFacts, evaluate_exit_gate
from procurement.risk import (
    Automation,
    Grading,
    ProtectedCharacteristics,
    Reversibility,
    RiskAnswers,
    grade,
)
from procurement.stages import (
    NEXT_STAGE,
    OPEN_STAGES,
    RiskLevel,
    Stage,
)
from registers.models import AISystem, DecisionCategory

# The guardian grant that makes a union representative the case's voice at its gates.
SIGN_OFF_CODENAME = "signoff_procurementcase"


class BilingualText(models.Model):
    """Toolkit text loaded as data, with the Welsh beside the English."""

    stage = models.CharField(max_length=32, choices=Stage.choices)
    key = models.SlugField(max_length=80, unique=True)
    text_en = models.TextField()
    text_cy = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["stage", "order"]

    def __str__(self) -> str:
        return self.text

    text = Localised()


class EngagementApproach(BilingualText):
    class Meta(BilingualText.Meta):
        verbose_name = _("engagement approach")
        verbose_name_plural = _("engagement approaches")


class DiscussionPrompt(BilingualText):
    # The toolkit's "What have we agreed at the previous stage? What has changed?" is answered by
    # the case's CarryForward record for the stage, not by a PromptResponse.
    is_carry_forward = models.BooleanField(default=False)

    class Meta(BilingualText.Meta):
        verbose_name = _("prompt for discussion")
        verbose_name_plural = _("prompts for discussion")


def exit_gate_met(case: models.Model) -> bool:
    """Condition on every forward move: the stage's gate passes, or a soft gate was overridden.

    Read fresh, as `selectors.exit_gate_for` reads it (the model cannot import the selectors)."""
    assert isinstance(case, ProcurementCase)
    annotated = with_gate_facts(ProcurementCase.objects.all()).get(pk=case.pk)
    facts = GateFacts.from_annotated(annotated, today=uk_today())
    return evaluate_exit_gate(facts).allows_move


class ProcurementCase(FSMModelMixin, models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="procurement_cases"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("what the procurement is for"),
        help_text=_("The problem it should solve, for workers and for the service."),
    )
    commissioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="commissioned_cases",
        verbose_name=_("commissioner (owner)"),
    )
    engagement_plan = models.TextField(
        _("engagement plan"),
        blank=True,
        help_text=_(
            "How workers will be involved, in proportion to the risk. Name the workers most "
            "affected, including workers with protected characteristics."
        ),
    )
    risk_level = models.CharField(
        _("risk level"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    risk_reasoning = models.TextField(_("why this level of risk (proportionality)"), blank=True)
    stage = FSMField(_("stage"), default=Stage.PLANNING, choices=Stage.choices, protected=True)
    cancellation_reason = models.TextField(_("why it was cancelled"), blank=True)
    ai_systems = models.ManyToManyField(
        AISystem, blank=True, related_name="procurement_cases", verbose_name=_("AI systems")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("procurement case")
        verbose_name_plural = _("procurement cases")
        permissions = [
            (SIGN_OFF_CODENAME, _("Can sign off or record dissent at a stage gate")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES

    # The moves. Services drive them; nothing else calls these. The forward move follows
    # stages.NEXT_STAGE, so the order is written only there.
    @transition(
        field=stage,
        source=list(NEXT_STAGE),
        target=RETURN_VALUE(*NEXT_STAGE.values()),
        conditions=[exit_gate_met],
    )
    def advance(self) -> str:
        return NEXT_STAGE[self.stage]

    @transition(
        field=stage,
        source=list(OPEN_STAGES),
        target=Stage.CANCELLED,
        custom={"label": _("Cancel the case")},
    )
    def cancel(self) -> None:
        pass


class ProcurementCaseUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign key grants (django-guardian), so visibility is one indexed join."""

    content_object = models.ForeignKey(ProcurementCase, on_delete=models.CASCADE)


class ProcurementCaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ProcurementCase, on_delete=models.CASCADE)


class EngagementActivity(models.Model):
    """The worker-voice ledger: one engagement with workers, and what came of it."""

    case = models.ForeignKey(ProcurementCase, on_delete=models.CASCADE, related_name="activities")
    stage = models.CharField(_("stage"), max_length=32, choices=Stage.choices)
    approach = models.ForeignKey(
        EngagementApproach, on_delete=models.PROTECT, verbose_name=_("approach")
    )
    held_on = models.DateField(_("date"))
    worker_groups = models.TextField(_("which workers took part"))
    worker_count = models.PositiveIntegerField(_("number of workers who took part"))
    union_involved = models.BooleanField(_("the union took part"), default=False)
    union_involvement = models.TextField(_("how the union was involved"), blank=True)
    protected_characteristics_involved = models.BooleanField(
        _("workers with protected characteristics took part"), default=False
    )
    protected_characteristics_detail = models.TextField(
        _("which protected characteristics were represented"), blank=True
    )
    issues_raised = models.TextField(_("what workers raised (you said)"))
    employer_response = models.TextField(_("what we did in response (we did)"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("engagement activity")
        verbose_name_plural = _("engagement activities")
        indexes = [models.Index(fields=["case", "stage"])]

    def __str__(self) -> str:
        return f"{self.approach} ({self.held_on})"


def attachment_path(instance: "EngagementAttachment", filename: str) -> str:
    return f"engagement/{instance.activity.case_id}/{instance.activity_id}/{filename}"


class EngagementAttachment(models.Model):
    activity = models.ForeignKey(
        EngagementActivity, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.description or self.file.name or ""


class PromptResponse(models.Model):
    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, related_name="prompt_responses"
    )
    prompt = models.ForeignKey(DiscussionPrompt, on_delete=models.PROTECT, related_name="+")
    agreed_position = models.TextField(_("what was agreed"), blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    not_applicable_reason = models.TextField(_("why it does not apply"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("answer to a prompt")
        verbose_name_plural = _("answers to prompts")
        constraints = [
            models.UniqueConstraint(fields=["case", "prompt"], name="prompt_response_once"),
            models.CheckConstraint(
                condition=(models.Q(not_applicable=False) & ~models.Q(agreed_position=""))
                | (models.Q(not_applicable=True) & ~models.Q(not_applicable_reason="")),
                name="prompt_response_answered_or_reasoned",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.prompt}"


class PromptComment(models.Model):
    """A union representative's (or a colleague's) comment on a case's answer to a prompt: the
    answer is the employer's record; a comment is another voice beside it, never an edit."""

    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, related_name="prompt_comments"
    )
    prompt = models.ForeignKey(DiscussionPrompt, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("comment"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment on a prompt answer")
        verbose_name_plural = _("comments on prompt answers")
        indexes = [models.Index(fields=["case", "prompt"])]

    def __str__(self) -> str:
        return f"{self.case}: {self.prompt}"


class CarryForward(models.Model):
    """Entering stages 2-5: what was agreed at the previous stage, and what has changed."""

    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, related_name="carry_forwards"
    )
    stage = models.CharField(_("stage being entered"), max_length=32, choices=Stage.choices)
    agreed_at_previous_stage = models.TextField(_("what we agreed at the previous stage"))
    what_has_changed = models.TextField(_("what has changed"))
    participants = models.TextField(_("workers and union representatives who took part"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("carry-forward record")
        verbose_name_plural = _("carry-forward records")
        constraints = [
            models.UniqueConstraint(fields=["case", "stage"], name="carry_forward_once_per_stage")
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_stage_display()}"


class GateDecision(models.Model):
    """A union representative's sign-off or dissent, or a commissioner's override, at a gate."""

    class Kind(models.TextChoices):
        SIGN_OFF = "sign_off", _("Signed off")
        DISSENT = "dissent", _("Dissent recorded")
        OVERRIDE = "override", _("Overridden by the commissioner")

    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, related_name="gate_decisions"
    )
    stage = models.CharField(_("stage being left"), max_length=32, choices=Stage.choices)
    kind = models.CharField(_("decision"), max_length=16, choices=Kind.choices)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("gate decision")
        verbose_name_plural = _("gate decisions")
        indexes = [models.Index(fields=["case", "stage", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="dissent", reason="")
                & ~models.Q(kind="override", reason=""),
                name="gate_decision_dissent_and_override_give_reasons",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"


# --- Proportional engagement (ADR 0016) ---------------------------------------------------------


class RiskGrading(models.Model):
    """One answer to the risk questionnaire. The case's level is the latest grading's; the
    earlier ones stay, so a re-grade and its reason are on the record."""

    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, related_name="risk_gradings"
    )
    stage = models.CharField(_("stage when graded"), max_length=32, choices=Stage.choices)
    decision_categories = models.ManyToManyField(
        DecisionCategory,
        blank=True,
        related_name="+",
        verbose_name=_("decisions about workers it takes or contributes to"),
    )
    workers_affected = models.PositiveIntegerField(_("how many workers it affects"))
    protected_characteristics = models.CharField(
        _("whether people with protected characteristics are affected"),
        max_length=16,
        choices=ProtectedCharacteristics.choices,
    )
    automation = models.CharField(
        _("how automated its decisions are"), max_length=16, choices=Automation.choices
    )
    reversibility = models.CharField(
        _("how reversible its decisions are"), max_length=16, choices=Reversibility.choices
    )
    level = models.CharField(_("risk level"), max_length=10, choices=RiskLevel.choices)
    previous_level = models.CharField(
        _("risk level before"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    reason = models.TextField(_("why it was graded again"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    graded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-graded_at", "-id"]
        verbose_name = _("risk grading")
        verbose_name_plural = _("risk gradings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(previous_level="") | ~models.Q(reason=""),
                name="risk_regrading_gives_a_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_level_display()}"

    def grading(self, categories: int) -> Grading:
        """The reasoning, recomputed from the stored answers in the page's language."""
        return grade(
            RiskAnswers(
                decision_categories=categories,
                workers_affected=self.workers_affected,
                protected_characteristics=self.protected_characteristics,
                automation=self.automation,
                reversibility=self.reversibility,
            )
        )


# --- The specification (issue 18): requirements set with workers ------------------------------


class Requirement(models.Model):
    """One requirement of the specification, with who proposed it and what it answers."""

    class Kind(models.TextChoices):
        FUNCTION = "function", _("What the system must do")
        WORKER_VOICE = "worker_voice", _("Worker-voice commitments")
        DATA_PROTECTION = "data_protection", _("Data protection")
        ACCESS_OWNERSHIP = "access_ownership", _("Access and ownership")
        REPORTING = "reporting", _("Reporting and evaluation")
        INTEROPERABILITY = "interoperability", _("Interoperability")
        WELSH = "welsh", _("Welsh-language capability")
        ACCESSIBILITY = "accessibility", _("Accessibility")

    class Proposer(models.TextChoices):
        WORKERS = "workers", _("Workers")
        UNION = "union", _("The union")
        MANAGEMENT = "management", _("Management")
        SERVICE_USERS = "service_users", _("Service users")

    class Status(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        DISPUTED = "disputed", _("Disputed")

    case = models.ForeignKey(ProcurementCase, on_delete=models.CASCADE, related_name="requirements")
    kind = models.CharField(_("kind of requirement"), max_length=32, choices=Kind.choices)
    text = models.TextField(_("the requirement"))
    proposed_by = models.CharField(_("proposed by"), max_length=16, choices=Proposer.choices)
    activity = models.ForeignKey(
        EngagementActivity,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requirements",
        verbose_name=_("the engagement it answers"),
    )
    concern = models.TextField(_("the concern it answers"), blank=True)
    status = models.CharField(
        _("agreed or disputed"), max_length=16, choices=Status.choices, default=Status.AGREED
    )
    dispute = models.TextField(_("what is disputed, and by whom"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(activity__isnull=False) | ~models.Q(concern=""),
                name="requirement_answers_an_engagement_or_a_concern",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="disputed", dispute=""),
                name="requirement_dispute_is_explained",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


# --- Tender questions and their weightings (issue 18) -------------------------------------------


class TenderQuestion(models.Model):
    """A question bidders answer, linked to the requirements it tests, with its weighting."""

    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, related_name="tender_questions"
    )
    toolkit_key = models.SlugField(max_length=80, blank=True)  # toolkit_content.SUPPLIER_QUESTIONS
    text_en = models.TextField(_("question"))
    text_cy = models.TextField(_("question in Welsh"), blank=True)
    requirements = models.ManyToManyField(
        Requirement, blank=True, related_name="questions", verbose_name=_("requirements it tests")
    )
    weight = models.PositiveSmallIntegerField(_("weighting (%)"), default=0)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    text = Localised()

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("tender question")
        verbose_name_plural = _("tender questions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight__lte=100), name="tender_question_weight_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return self.text


class WeightingDecision(models.Model):
    """The union's sign-off of the question table, or a change to it after a sign-off (with its
    reason). The table is signed off when the latest decision is a sign-off."""

    class Kind(models.TextChoices):
        SIGN_OFF = "sign_off", _("Signed off by the union")
        CHANGE = "change", _("Changed after sign-off")

    case = models.ForeignKey(
        ProcurementCase, on_delete=models.CASCADE, related_name="weighting_decisions"
    )
    kind = models.CharField(_("decision"), max_length=16, choices=Kind.choices)
    reason = models.TextField(_("reason or comment"), blank=True)
    weights = models.JSONField(_("weightings at the time"), default=dict)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("weighting decision")
        verbose_name_plural = _("weighting decisions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="change", reason=""),
                name="weighting_change_gives_a_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case}: {self.get_kind_display()}"


# --- The facts a stage's exit gate needs, gathered in one query --------------------------------
# Here rather than in selectors because the transitions' condition (exit_gate_met) needs them too;
# selectors.cases_with_gate_facts is the way every other reader asks for them.


def _count(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated COUNT(*) subquery (no join fan-out, whatever else is annotated)."""
    counted = (
        queryset.order_by()
        .annotate(_group=Value(1))
        .values("_group")
        .annotate(n=Count("*"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _next_stage_expression() -> Case:
    return Case(
        *[When(stage=stage, then=Value(target)) for stage, target in NEXT_STAGE.items()],
        default=Value(""),
        output_field=CharField(),
    )


def with_gate_facts(queryset: QuerySet[ProcurementCase]) -> QuerySet[ProcurementCase]:
    """Annotate each case with what its current stage's exit gate needs: one query for N cases."""
    # The go-live gate reads each system; the case's dates read each system's register clock.
    queryset = queryset.prefetch_related(
        Prefetch("ai_systems", queryset=AISystem.objects.select_related("register_entry"))
    )
    case = OuterRef("pk")
    stage = OuterRef("stage")
    activities = EngagementActivity.objects.filter(case=case, stage=stage, worker_count__gt=0)
    return queryset.annotate(
        gate_next_stage=_next_stage_expression(),
    ).annotate(
        gate_union_representatives=_count(
            ProcurementCaseUserObjectPermission.objects.filter(
                content_object=case, permission__codename=SIGN_OFF_CODENAME
            )
        ),
        gate_worker_activities=_count(activities),
        **{
            f"gate_approach_{index}": Exists(activities.filter(approach__key=key))
            for index, key in enumerate(REQUIRED_APPROACH_KEYS)
        },
        gate_prompts_total=_count(
            DiscussionPrompt.objects.filter(stage=stage, is_carry_forward=False)
        ),
        gate_prompts_resolved=_count(
            PromptResponse.objects.filter(
                case=case, prompt__stage=stage, prompt__is_carry_forward=False
            )
        ),
        gate_next_carry_forward=Exists(
            CarryForward.objects.filter(case=case, stage=OuterRef("gate_next_stage"))
        ),
        gate_union_decision=Exists(
            GateDecision.objects.filter(
                case=case,
                stage=stage,
                kind__in=[GateDecision.Kind.SIGN_OFF, GateDecision.Kind.DISSENT],
            )
        ),
        gate_overridden=Exists(
            GateDecision.objects.filter(case=case, stage=stage, kind=GateDecision.Kind.OVERRIDE)
        ),
        gate_tender_questions=_count(TenderQuestion.objects.filter(case=case)),
        gate_tender_weight_total=Coalesce(
            Subquery(
                TenderQuestion.objects.filter(case=case)
                .order_by()
                .values("case")
                .annotate(total=Sum("weight"))
                .values("total"),
                output_field=IntegerField(),
            ),
            0,
        ),
        gate_weighting_latest=Subquery(
            WeightingDecision.objects.filter(case=case)
            .order_by("-decided_at", "-id")
            .values("kind")[:1]
        ),
        gate_award_recorded=Exists(Award.objects.filter(case=case)),
        gate_closing_review_decided=closing_review_decided(),
        gate_ai_systems_with_planned_start=_count(
            AISystem.objects.filter(procurement_cases=case, planned_start__isnull=False)
        ),
    )


# Bid assessment and the award (issue 18, ADR 0017): in their own module, registered here.
from procurement.bids_models import (  # noqa: E402
    Award,
    Bid,
    BidAssessment,
    Dissent,
    Moderation,
    PanelMember,
    Score,
    Supplier,
)

__all__ = [
    "Award",
    "Bid",
    "BidAssessment",
    "Dissent",
    "Moderation",
    "PanelMember",
    "Score",
    "Supplier",
]
# --- The contract and the supplier's obligations (issue 18, item 5) -----------------------------


class Contract(models.Model):
    """The contract awarded on a case: who supplies, and when it is in force."""

    case = models.OneToOneField(ProcurementCase, on_delete=models.CASCADE, related_name="contract")
    supplier_name = models.CharField(_("supplier"), max_length=200)
    # The awarded bid's supplier when the award was recorded in Llais (ADR 0017); a contract
    # recorded without an award in Llais names its supplier only.
    supplier = models.ForeignKey(
        Supplier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("awarded supplier"),
    )
    signed_on = models.DateField(_("signed on"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="contract_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.supplier_name


class ContractObligation(models.Model):
    """A clause of the library chosen for the contract, with its number of days or months."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="obligations")
    clause_key = models.SlugField(_("clause"), max_length=40)  # contract_clauses.CLAUSES
    amount = models.PositiveSmallIntegerField(_("days or months"))
    in_force_from = models.DateField(_("in force from"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("contract obligation")
        verbose_name_plural = _("contract obligations")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "clause_key"], name="contract_obligation_once_per_clause"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=1), name="contract_obligation_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.clause_key


class SupplierObligationInstance(models.Model):
    """One time the supplier must act under an obligation: after a worker's request on a covered
    system, a change, the employer's request, or at the end of a period. Its due date is stored,
    computed by contract_clauses.obligation_due; the nightly sweep flags it once when missed."""

    class Trigger(models.TextChoices):
        RIGHTS_REQUEST = "rights_request", _("A worker's request")
        CHANGE = "change", _("A change or an event")
        EMPLOYER_REQUEST = "employer_request", _("The employer's request")
        PERIOD = "period", _("A period")

    obligation = models.ForeignKey(
        ContractObligation, on_delete=models.CASCADE, related_name="instances"
    )
    triggered_by = models.CharField(_("started by"), max_length=20, choices=Trigger.choices)
    rights_request = models.ForeignKey(
        "rights_requests.RightsRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supplier_obligations",
    )
    what = models.CharField(_("what started it"), max_length=300, blank=True)
    started_on = models.DateField(_("started on"))
    due_on = models.DateField(_("due on"))
    met_on = models.DateField(_("met on"), null=True, blank=True)
    missed_flagged_at = models.DateTimeField(_("flagged as missed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("supplier obligation")
        verbose_name_plural = _("supplier obligations")
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "rights_request"],
                condition=models.Q(rights_request__isnull=False),
                name="supplier_obligation_once_per_request",
            ),
            models.CheckConstraint(
                condition=~models.Q(triggered_by="rights_request")
                | models.Q(rights_request__isnull=False),
                name="supplier_obligation_request_named",
            ),
        ]
        indexes = [models.Index(fields=["met_on", "due_on"])]

    def __str__(self) -> str:
        return f"{self.obligation} {self.due_on}"

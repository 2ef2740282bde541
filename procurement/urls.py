from django.urls import path

from procurement import views
from procurement.bids import views as bid_views
from procurement.contracts import views as contract_views
from procurement.proportionality import views as proportionality_views
from procurement.tender import views as tender_views

app_name = "procurement"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path(
        "<int:pk>/union-representatives/", views.union_representatives, name="union_representatives"
    ),
    path(
        "<int:pk>/union-representatives/<int:user_pk>/remove/",
        views.union_representative_remove,
        name="union_representative_remove",
    ),
    path("<int:pk>/engagement/new/", views.activity_create, name="activity_create"),
    path("<int:pk>/engagement/<int:activity_pk>/", views.activity_detail, name="activity_detail"),
    path(
        "<int:pk>/engagement/<int:activity_pk>/we-did/",
        views.activity_complete,
        name="activity_complete",
    ),
    path(
        "<int:pk>/engagement/<int:activity_pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<int:pk>/prompts/<slug:key>/", views.prompt_respond, name="prompt_respond"),
    path("<int:pk>/prompts/<slug:key>/comment/", views.prompt_comment, name="prompt_comment"),
    path(
        "<int:pk>/carry-forward/<slug:stage>/", views.carry_forward_edit, name="carry_forward_edit"
    ),
    path("<int:pk>/gate/decision/", views.gate_decide, name="gate_decide"),
    path("<int:pk>/advance/", views.case_advance, name="case_advance"),
    path("<int:pk>/cancel/", views.case_cancel, name="case_cancel"),
    path("<int:pk>/systems/", views.case_systems, name="case_systems"),
    path(
        "<int:pk>/risk/",
        proportionality_views.risk_questionnaire,
        name="risk_questionnaire",
    ),
    path("<int:pk>/specification/", tender_views.specification, name="specification"),
    path(
        "<int:pk>/specification/new/",
        tender_views.requirement_create,
        name="requirement_create",
    ),
    path(
        "<int:pk>/specification/<int:requirement_pk>/",
        tender_views.requirement_edit,
        name="requirement_edit",
    ),
    path("<int:pk>/questions/", tender_views.tender_questions, name="tender_questions"),
    path(
        "<int:pk>/questions/toolkit/",
        tender_views.questions_offer_toolkit,
        name="questions_offer_toolkit",
    ),
    path("<int:pk>/questions/new/", tender_views.question_create, name="question_create"),
    path(
        "<int:pk>/questions/<int:question_pk>/",
        tender_views.question_requirements,
        name="question_requirements",
    ),
    path(
        "<int:pk>/questions/sign-off/",
        tender_views.weightings_sign_off,
        name="weightings_sign_off",
    ),
    path("<int:pk>/systems/new/", views.case_system_create, name="case_system_create"),
    path("<int:pk>/bids/", bid_views.bid_assessment, name="bid_assessment"),
    path("<int:pk>/bids/new/", bid_views.bid_create, name="bid_create"),
    path("<int:pk>/bids/panel/new/", bid_views.panel_member_add, name="panel_member_add"),
    path("<int:pk>/bids/conflicts/", bid_views.conflict_declare, name="conflict_declare"),
    path("<int:pk>/bids/open/", bid_views.scoring_open, name="scoring_open"),
    path("<int:pk>/bids/<int:bid_pk>/scores/", bid_views.scores_edit, name="scores_edit"),
    path("<int:pk>/bids/submit/", bid_views.scores_submit, name="scores_submit"),
    path(
        "<int:pk>/bids/<int:bid_pk>/moderate/<int:question_pk>/",
        bid_views.moderate,
        name="moderate",
    ),
    path("<int:pk>/bids/award/", bid_views.award_record, name="award_record"),
    path("<int:pk>/bids/dissent/", bid_views.dissent_record, name="bid_dissent"),
    path("<int:pk>/contract/", contract_views.contract, name="contract"),
    path("<int:pk>/ocds.json", contract_views.open_contracting, name="open_contracting"),
    path("<int:pk>/contract/record/", contract_views.contract_record, name="contract_record"),
    path(
        "<int:pk>/contract/obligations/<int:obligation_pk>/start/",
        contract_views.obligation_start,
        name="contract_obligation_start",
    ),
    path(
        "<int:pk>/contract/due/<int:instance_pk>/met/",
        contract_views.obligation_met,
        name="contract_obligation_met",
    ),
]

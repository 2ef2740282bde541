from django.urls import path

from rights_requests import views

app_name = "rights_requests"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("new/", views.request_create, name="request_create"),
    path("queue/", views.queue, name="queue"),
    path("log/", views.request_log, name="request_log"),
    path("figures/", views.figures, name="figures"),
    path("contacts/", views.contact_list, name="contact_list"),
    path("contacts/new/", views.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/copy/", views.request_copy, name="request_copy"),
    path("<int:pk>/letter/", views.letter, name="letter"),
    path("<int:pk>/letter.pdf", views.letter_pdf, name="letter_pdf"),
    path("<int:pk>/timeline.pdf", views.timeline_pdf, name="timeline_pdf"),
    path("<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("<int:pk>/share/", views.request_share, name="request_share"),
    path("<int:pk>/early-conciliation/", views.early_conciliation, name="early_conciliation"),
    path("<int:pk>/late/", views.window_decide, name="window_decide"),
    path("<int:pk>/due-date/", views.due_date_set, name="due_date_set"),
    path("<int:pk>/later-date/", views.extension_answer, name="extension_answer"),
    path("<int:pk>/start/", views.request_start, name="request_start"),
    path("<int:pk>/agent/", views.agent_assign, name="agent_assign"),
    path("<int:pk>/explanation/", views.explanation_issue, name="explanation_issue"),
    path(
        "<int:pk>/reconsideration/",
        views.reconsideration_conclude,
        name="reconsideration_conclude",
    ),
    path("<int:pk>/exemption/", views.exemption_claim, name="exemption_claim"),
    path(
        "<int:pk>/exemption/<int:claim_pk>/decide/",
        views.exemption_decide,
        name="exemption_decide",
    ),
    path("ask/<slug:slug>/", views.public_request_form, name="public_request_form"),
    path("confirm/<str:token>/", views.public_confirm, name="public_confirm"),
    path("track/<str:token>/", views.public_request, name="public_request"),
    path("track/<str:token>/letter.pdf", views.public_letter_pdf, name="public_letter_pdf"),
    path("track/<str:token>/timeline.pdf", views.public_timeline_pdf, name="public_timeline_pdf"),
    path(
        "track/<str:token>/early-conciliation/",
        views.public_early_conciliation,
        name="public_early_conciliation",
    ),
]

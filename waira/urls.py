from django.urls import path

from waira import views

app_name = "waira"

urlpatterns = [
    path("", views.waira_list, name="waira_list"),
    path("systems/<int:system_pk>/new/", views.waira_create, name="waira_create"),
    path("systems/<int:system_pk>/start/", views.high_risk_start, name="high_risk_start"),
    path(
        "systems/<int:system_pk>/start-in-breach/",
        views.high_risk_start_breach,
        name="high_risk_start_breach",
    ),
    path("<int:pk>/", views.waira_detail, name="waira_detail"),
    path("<int:pk>/edit/", views.waira_edit, name="waira_edit"),
    path("<int:pk>/share/", views.waira_share, name="waira_share"),
    path(
        "<int:pk>/concerns/<int:concern_pk>/answer/",
        views.concern_respond,
        name="concern_respond",
    ),
    path(
        "<int:pk>/adverse-aspects/new/", views.adverse_aspect_create, name="adverse_aspect_create"
    ),
    path("<int:pk>/conclude/", views.waira_conclude, name="waira_conclude"),
    path("<int:pk>/reopen/", views.waira_reopen, name="waira_reopen"),
    path("<int:pk>/complete/", views.waira_complete, name="waira_complete"),
    path("<int:pk>/comment/", views.waira_comment, name="waira_comment"),
    path("<int:pk>/union-position/", views.union_position, name="union_position"),
    path("<int:pk>/pdf/", views.waira_pdf, name="waira_pdf"),
    path("consultations/", views.consultation_list, name="consultation_list"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("consultations/<int:pk>/pdf/", views.consultation_pdf, name="consultation_pdf"),
]

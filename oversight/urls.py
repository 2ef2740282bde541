from django.urls import path

from oversight import review_views, views

app_name = "oversight"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:org_pk>/", views.dashboard, name="dashboard"),
    path("<int:org_pk>/figures/<slug:key>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("<int:org_pk>/governance/", views.governance, name="governance"),
    path("<int:org_pk>/governance/members/new/", views.member_add, name="member_add"),
    path("<int:org_pk>/governance/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/<slug:which>/", views.meeting_file, name="meeting_file"),
    path("meetings/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("actions/<int:pk>/", views.action_update, name="action_update"),
    path("incidents/report/", views.incident_report, name="incident_report"),
    path("incidents/", views.incident_list, name="incident_list"),
    path("incidents/<int:pk>/", views.incident_answer, name="incident_answer"),
    path("reviews/<int:pk>/", review_views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/answers/", review_views.review_answer, name="review_answer"),
    path("reviews/<int:pk>/submit/", review_views.review_submit, name="review_submit"),
    path("reviews/<int:pk>/decide/", review_views.review_decide, name="review_decide"),
]

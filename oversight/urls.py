from django.urls import path

from oversight import views

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
    path("search/", views.search, name="search"),
    path("<int:org_pk>/signals/", views.signal_list, name="signal_list"),
    path("<int:org_pk>/signals.csv", views.signal_list_csv, name="signal_list_csv"),
    path("<int:org_pk>/signals/thresholds/", views.signal_settings, name="signal_settings"),
    path("systems/<int:pk>/signals/", views.system_signals, name="system_signals"),
    path("systems/<int:pk>/signals.csv", views.system_signals_csv, name="system_signals_csv"),
    path("signals/<int:pk>/", views.signal_detail, name="signal_detail"),
    path("<int:org_pk>/lessons/", views.lesson_list, name="lesson_list"),
    path("<int:org_pk>/lessons/new/", views.lesson_create, name="lesson_create"),
    path("lessons/<int:pk>/edit/", views.lesson_edit, name="lesson_edit"),
    path("lessons/shared/", views.shared_lesson_list, name="shared_lesson_list"),
    path("lessons/shared/<int:pk>/", views.shared_lesson, name="shared_lesson"),
    path("reviews/<int:pk>/", views.review_detail, name="review_detail"),
    path("reviews/<int:pk>/answers/", views.review_answer, name="review_answer"),
    path("reviews/<int:pk>/submit/", views.review_submit, name="review_submit"),
    path("reviews/<int:pk>/decide/", views.review_decide, name="review_decide"),
]

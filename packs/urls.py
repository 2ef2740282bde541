from django.urls import URLPattern, URLResolver, path

from packs import views

app_name = "packs"

urlpatterns: list[URLPattern | URLResolver] = [
    path("cases/<int:pk>/", views.case_packs, name="case_packs"),
    path("cases/<int:pk>/ledger.csv", views.ledger_csv, name="ledger_csv"),
    path("cases/<int:pk>/case.json", views.case_json, name="case_json"),
    path("cases/import/", views.case_import_page, name="case_import"),
    path("cases.csv", views.cases_csv, name="cases_csv"),
    path("requests.csv", views.requests_csv, name="requests_csv"),
    path("wairas/<int:pk>/", views.waira_packs, name="waira_packs"),
    path("<int:pk>/", views.pack_progress, name="pack_progress"),
    path("<int:pk>/status/", views.pack_status, name="pack_status"),
    path("<int:pk>/pdf/", views.pack_download, name="pack_download"),
    path("<int:pk>/bundle/", views.bundle_download, name="bundle_download"),
    path("verify/", views.verify, name="verify"),
]

from django.urls import path

from rights_requests import views

app_name = "rights_requests"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("confirm/<str:token>/", views.public_confirm, name="public_confirm"),
    path("track/<str:token>/", views.public_request, name="public_request"),
]

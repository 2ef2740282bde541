from django.urls import URLPattern, URLResolver, path

from accountability import views

app_name = "accountability"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.failure_list, name="failure_list"),
    path("<int:pk>/", views.failure_detail, name="failure_detail"),
    path("<int:pk>/steps/add/", views.step_add, name="step_add"),
    path("<int:pk>/letters/add/", views.letter_add, name="letter_add"),
    path("<int:pk>/letters/<int:letter_pk>/", views.letter_detail, name="letter_detail"),
    path("<int:pk>/conciliation/", views.conciliation, name="conciliation"),
]

from django.urls import path

from registers import views

app_name = "registers"

urlpatterns = [
    path("", views.system_list, name="system_list"),
    path("new/", views.system_create, name="system_create"),
    path("<int:pk>/", views.system_detail, name="system_detail"),
    path("<int:pk>/edit/", views.system_edit, name="system_edit"),
]

# The register entry, for staff: the working copy, its clock and its versions.
urlpatterns += [
    path("register/", views.entry_list, name="entry_list"),
    path("<int:pk>/register/", views.entry_detail, name="entry_detail"),
    path("<int:pk>/register/edit/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/register/publish/", views.entry_publish, name="entry_publish"),
    path("<int:pk>/register/retire/", views.entry_retire, name="entry_retire"),
]

from django.urls import URLPattern, URLResolver

app_name = "packs"

urlpatterns: list[URLPattern | URLResolver] = []

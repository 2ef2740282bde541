"""The register's read-only JSON API and its OpenAPI description: no sign-in."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

from registers import api
from registers.cache import public_cache

cached = public_cache(shared=True)

app_name = "register-api"

urlpatterns = [
    path("entries/", login_not_required(cached(api.EntryList.as_view())), name="entry-list"),
    path(
        "entries/<int:pk>/",
        login_not_required(cached(api.EntryDetail.as_view())),
        name="entry-detail",
    ),
    path(
        "entries/<int:pk>/versions/<int:number>/",
        login_not_required(cached(api.VersionDetail.as_view())),
        name="version-detail",
    ),
    path(
        "openapi.json",
        login_not_required(
            SpectacularAPIView.as_view(
                renderer_classes=[OpenApiJsonRenderer],
                authentication_classes=[],
                permission_classes=[AllowAny],
            )
        ),
        name="schema",
    ),
]

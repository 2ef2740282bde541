from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from core import views as core_views
from core.accounts.views import SignInView

handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
# handler500 stays Django's own: it renders 500.html without context processors or the database.

urlpatterns = [
    path("", include("core.urls")),
    path("cases/", include("procurement.urls")),
    path("systems/", include("registers.urls")),
    path("assessments/", include("waira.urls")),
    path("register/api/", include("registers.api_urls")),
    path("register/", include("registers.public_urls")),
    path("requests/", include("rights_requests.urls")),
    path("failures/", include("accountability.urls")),
    path("oversight/", include("oversight.urls")),
    path("packs/", include("packs.urls")),
    path(
        "sign-in/",
        login_not_required(SignInView.as_view()),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", core_views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

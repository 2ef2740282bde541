"""The public register: no sign-in (every view is login_not_required)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from registers import open_data, public_views
from registers.cache import public_cache
from registers.feeds import RegisterChangesFeed

app_name = "register"

urlpatterns = [
    path("", public_views.register_list, name="list"),
    path("<int:pk>/", public_views.entry_page, name="entry"),
    path("<int:pk>/versions/<int:number>/", public_views.version_page, name="version"),
    path("open-data/", public_views.open_data, name="open_data"),
    path("ai-register.csv", open_data.register_csv, name="csv"),
    path("ai-register.json", open_data.register_json, name="json"),
    path("ai-register-atrs.json", open_data.register_atrs, name="atrs"),
    path("schemas/<str:name>", open_data.schema_file, name="schema"),
    path(
        "changes.atom",
        login_not_required(public_cache(shared=True)(RegisterChangesFeed())),
        name="feed",
    ),
]

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as llais_urlpatterns


@login_not_required
def trivial(request: HttpRequest) -> HttpResponse:
    """The floor: the middleware stack and nothing else."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *llais_urlpatterns]

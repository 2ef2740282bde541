from django.http import HttpResponse


def request_list(request) -> HttpResponse:
    return HttpResponse()


def request_detail(request, pk) -> HttpResponse:
    return HttpResponse()


def public_confirm(request, token) -> HttpResponse:
    return HttpResponse()


def public_request(request, token) -> HttpResponse:
    return HttpResponse()

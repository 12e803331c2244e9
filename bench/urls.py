"""onward's routes plus one trivial view: the floor the page benchmark measures against."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from onward.urls import urlpatterns as onward_urls


def trivial(request: HttpRequest) -> HttpResponse:
    """Through every middleware (session, sign-in, security headers), then no work at all."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench__/trivial/", trivial), *onward_urls]

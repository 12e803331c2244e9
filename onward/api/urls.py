"""``/api/v1/``: ninja's views, made to fit the rest of the site.

- LoginRequiredMiddleware would send a script to the sign-in page; the API
  answers 401 in its error body instead, so every view here is marked
  ``login_not_required`` (ninja authenticates each operation itself).
- A wrong method (405) and an unknown address under ``/api/v1/`` (404) answer in
  the same error body as everything else, never as an HTML page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import Resolver404, URLPattern, URLResolver, re_path, resolve
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt

from onward.api.api import api
from onward.api.errors import error_response

app_name = "api"
DOCUMENTS = ("api-root", "openapi-json", "openapi-view")
NOWHERE = (
    "There's nothing at this address: an id may be mistyped, or the API has no such address "
    "(/api/v1/docs lists them all)."
)


def _api_view(view: Callable[..., HttpResponse], *, personal: bool = True) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            allowed = response["Allow"]
            response = error_response(
                405, "method_not_allowed", f"This address doesn't take {request.method}; it takes {allowed}."
            )
            response["Allow"] = allowed
        if personal:  # someone's job search: never kept by a shared cache, nor by the browser
            patch_cache_control(response, private=True, no_store=True)
        return response

    wrapped.login_required = False  # type: ignore[attr-defined]
    return wrapped


def index(request: HttpRequest) -> HttpResponse:
    """``/api/v1/``: where the documents are."""
    return JsonResponse(
        {"openapi": request.build_absolute_uri("openapi.json"), "docs": request.build_absolute_uri("docs")}
    )


@csrf_exempt
def not_found(request: HttpRequest, rest: str) -> HttpResponse:
    message = NOWHERE
    if rest.endswith("/"):
        try:
            match = resolve(request.path_info.rstrip("/"))
        except Resolver404:  # pragma: no cover - the catch-all matches everything
            match = None
        if match is not None and match.url_name != "not-found":
            message = "API addresses have no trailing slash; try it without."
    return error_response(404, "not_found", message)


def _patterns() -> list[URLPattern | URLResolver]:
    found: list[URLPattern | URLResolver] = []
    for pattern in api.urls[0]:
        assert isinstance(pattern, URLPattern)
        view = index if pattern.name == "api-root" else pattern.callback
        wrapped = _api_view(view, personal=pattern.name not in DOCUMENTS)
        found.append(URLPattern(pattern.pattern, wrapped, pattern.default_args, pattern.name))
    found.append(re_path(r"^(?P<rest>[\s\S]*)$", _api_view(not_found), name="not-found"))
    return found


urlpatterns = _patterns()

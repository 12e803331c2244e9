from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onward import __version__
from onward.clock import today
from onward.core import actions
from onward.errors import UserError


@require_GET
@never_cache
@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the app and its database answer; 503 when the database does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure is "not healthy", whatever its class
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "version": __version__})


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware lets no one else this far
    return user


@require_POST
def explore_example(request: HttpRequest) -> HttpResponse:
    """Welcome -> "Explore an example": fill the empty account with the example search, then show Today."""
    try:
        actions.explore_example(_user(request), today())
    except UserError as error:
        messages.info(request, str(error))
    return redirect("core:home")


@require_http_methods(["GET", "POST"])
def clear_example(request: HttpRequest) -> HttpResponse:
    """The banner's "Clear it and start your own": a confirmation, then everything in the account goes."""
    user = _user(request)
    if request.method == "GET":
        if not actions.showing_example(user):
            return redirect("core:home")
        return render(request, "core/clear_example.html", {"hide_example_banner": True})
    try:
        actions.clear_example(user)
    except UserError as error:
        messages.info(request, str(error))
        return redirect("core:home")
    messages.success(request, "The example is cleared. This space is yours now, whenever you're ready.")
    return redirect("core:home")

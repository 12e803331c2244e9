from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onward.accounts import actions


@require_GET
@never_cache
@login_not_required
def redeem_link(request: HttpRequest, token: str) -> HttpResponse:
    user = actions.redeem_login_link(token) if settings.ONWARD_MODE == "local" else None
    if user is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("core:home")
    if request.user.is_authenticated:
        return redirect("core:home")
    return render(request, "accounts/signin_local.html", {"link_spent": True}, status=403)


@require_http_methods(["GET", "POST"])
@never_cache
@login_not_required
def signin(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    if settings.ONWARD_MODE == "local":
        return render(request, "accounts/signin_local.html", {"link_spent": False})
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        target = request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            return redirect(target)
        return redirect("core:home")
    return render(request, "accounts/signin.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You are signed out. Your notes stay safe here.")
    return redirect("accounts:signin")

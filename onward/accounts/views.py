from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from onward.accounts import actions, ratelimit
from onward.accounts.forms import PreferencesForm, SignInForm
from onward.accounts.server_views import SLOW_DOWN
from onward.clock import today
from onward.momentum import actions as momentum
from onward.momentum.forms import GoalForm


@require_GET
@never_cache
@login_not_required
def redeem_link(request: HttpRequest, token: str) -> HttpResponse:
    user = actions.redeem_login_link(token) if settings.ONWARD_MODE == "local" else None
    if user is not None:
        login(request, user, backend="onward.accounts.backends.EmailOrUsernameBackend")
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
    form = SignInForm(request, data=request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next", "")
    context = {"form": form, "next": next_url, "signup": settings.ONWARD_SIGNUP}
    if request.method != "POST":
        return render(request, "accounts/signin.html", context)
    username = request.POST.get("username", "").strip()
    if not ratelimit.password_tries_left(request, username):
        # Refused before the password is looked at, so a guesser learns nothing from these tries.
        context["form"] = SignInForm(request, initial={"username": username})
        context["refusal"] = SLOW_DOWN
        return render(request, "accounts/signin.html", context, status=429)
    if not form.is_valid():
        return render(request, "accounts/signin.html", context, status=400)
    login(request, form.get_user())
    target = next_url
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("core:home")


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You are signed out. Your notes stay safe here.")
    return redirect("accounts:signin")


@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    prefs = actions.preferences_for(user)
    initial = {
        "your_name": prefs.your_name,
        "support_people": prefs.support_people,
        "self_care": prefs.self_care,
        "linkedin_premium": prefs.linkedin_premium,
        "connect_notes_per_month": prefs.connect_notes_per_month,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_preferences(user, **form.cleaned_data)
        messages.success(request, "Saved.")
        return redirect("accounts:settings")
    feed_url = None
    if prefs.calendar_token:
        feed_url = request.build_absolute_uri(reverse("plans:calendar", args=[prefs.calendar_token]))
    goal = momentum.current_goal(user, today())
    goal_form = GoalForm(initial={"applications": goal.applications, "people": goal.people} if goal else {})
    context = {"form": form, "feed_url": feed_url, "section": "settings", "goal_form": goal_form}
    return render(request, "accounts/settings.html", context, status=400 if form.errors else 200)


@require_POST
def calendar_feed(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if request.POST.get("action") == "revoke":
        actions.revoke_calendar_token(user)
        messages.success(request, "The calendar address is turned off; calendars using it will stop updating.")
    else:
        actions.new_calendar_token(user)
        messages.success(request, "Here is your private calendar address. Any earlier one no longer works.")
    return redirect("accounts:settings")

"""Settings → API tokens (``/settings/tokens/``): list them, make one (shown once), revoke one.

A new token is shown in the answer to the form that made it, never stored in the
session or a message, and the page is not cached: once it is gone, it is gone.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from onward.api import actions
from onward.errors import UserError

app_name = "tokens"


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is it for?",
        max_length=actions.MAX_NAME,
        help_text="A name to tell it apart later, such as “laptop script” or “spreadsheet sync”.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@require_http_methods(["GET", "POST"])
@never_cache
def tokens_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = TokenForm(request.POST or None)
    made = None
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.create_token(user, form.cleaned_data["name"])
        except UserError as exc:
            form.add_error("name", str(exc))
        else:
            form = TokenForm()
    context = {
        "section": "settings",
        "form": form,
        "made": made,
        "tokens": actions.active_tokens(user),
        "api_base": request.build_absolute_uri("/api/v1/"),
    }
    return render(request, "api/tokens.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    """Ask first (GET), then revoke (POST); someone else's prefix is a 404, as if it did not exist."""
    user = _user(request)
    token = actions.token_for_user(user, prefix)
    if request.method == "POST":
        actions.revoke_token(user, token.prefix)
        messages.success(request, f"Revoked “{token.name}”. Anything still using it will be turned away from now on.")
        return redirect("tokens:list")
    return render(request, "api/token_revoke.html", {"section": "settings", "token": token})


urlpatterns = [
    path("", tokens_page, name="list"),
    path("<str:prefix>/revoke/", revoke, name="revoke"),
]

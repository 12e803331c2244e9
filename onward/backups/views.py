"""The "Your data" page (/settings/data/): download a backup, restore one, delete the data or the account.

Plain forms, no htmx: each action either redirects back with a message or
re-renders the page with the error beside the form it belongs to (status 400),
having changed nothing.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from onward.accounts import ratelimit
from onward.backups import actions
from onward.backups.forms import CONFIRM_WORD, DeleteAccountForm, DeleteDataForm, RestoreForm
from onward.backups.writer import existing_data
from onward.clock import today
from onward.errors import UserError


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # LoginRequiredMiddleware lets no one else this far
    return user


def _page(request: HttpRequest, status: int = 200, **forms: Any) -> HttpResponse:
    found = existing_data(_user(request))
    context = {
        "section": "settings",
        "summary": actions.summary(found) if found else "",
        "restore_form": forms.get("restore_form") or RestoreForm(),
        "delete_form": forms.get("delete_form") or DeleteDataForm(),
        "account_form": forms.get("account_form") or DeleteAccountForm(),
        "confirm_word": CONFIRM_WORD,
        "server_mode": settings.ONWARD_MODE == "server",
    }
    return render(request, "backups/data.html", context, status=status)


@require_GET
@never_cache
def data_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
def download(request: HttpRequest) -> HttpResponse:
    """The whole backup as a file to save; a POST, so no link prefetcher makes one by accident."""
    text, _ = actions.export_backup(_user(request))
    response = HttpResponse(text, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{actions.backup_filename(today())}"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def restore(request: HttpRequest) -> HttpResponse:
    form = RestoreForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            restored = actions.import_backup(_user(request), form.cleaned_data["backup"].read())
        except UserError as exc:
            form.add_error("backup", str(exc))
        else:
            messages.success(request, f"Your backup is restored: {actions.summary(restored.counts)}. Welcome back.")
            return redirect("backups:data")
    return _page(request, status=400, restore_form=form)


@require_POST
def delete_data(request: HttpRequest) -> HttpResponse:
    form = DeleteDataForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, delete_form=form)
    try:
        deleted = actions.delete_all_data(_user(request))
    except UserError as exc:
        form.add_error(None, str(exc))
        return _page(request, status=400, delete_form=form)
    if deleted:
        messages.success(request, "All your data is deleted. Your account is here whenever you want a fresh start.")
    else:
        messages.info(request, "There was nothing to delete: your account is already empty.")
    return redirect("backups:data")


@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    if settings.ONWARD_MODE != "server":
        raise Http404("Local mode has no accounts to delete.")
    form = DeleteAccountForm(request.POST)
    if form.is_valid():
        try:
            address = ratelimit.client_address(request)
            actions.delete_account(_user(request), form.cleaned_data["password"], address=address)
        except UserError as exc:
            form.add_error(None, str(exc))
        else:
            logout(request)
            messages.info(request, "Your account and everything in it are deleted. Thank you for using onward.")
            return redirect("accounts:signin")
    return _page(request, status=400, account_form=form)

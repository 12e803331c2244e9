"""The pages only server mode has: sign-up, invitations, password reset and change, sign out everywhere.

In local mode each of them answers 404: one person on their own computer signs in
with the link ``onward serve`` prints and has no password to forget.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from onward.accounts import actions, ratelimit
from onward.accounts.forms import SignupForm
from onward.errors import UserError

BACKEND = "onward.accounts.backends.EmailOrUsernameBackend"
SLOW_DOWN = ratelimit.SLOW_DOWN


def server_only(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if settings.ONWARD_MODE != "server":
            raise Http404("Only a server has accounts with passwords.")
        return view(request, *args, **kwargs)

    return wrapped


def _signup_page(request: HttpRequest, form: SignupForm, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, "accounts/signup.html", {"form": form, **context}, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
@login_not_required
@server_only
def signup(request: HttpRequest, token: str = "") -> HttpResponse:
    """Make an account: open to all, or with an invitation, as ONWARD_SIGNUP says."""
    if request.user.is_authenticated:
        return redirect("core:home")
    invitation = actions.open_invitation(token) if token else None
    if token and invitation is None:
        return render(request, "accounts/signup_closed.html", {"invitation_spent": True}, status=404)
    if invitation is None and settings.ONWARD_SIGNUP != "open":
        return render(request, "accounts/signup_closed.html", {"signup": settings.ONWARD_SIGNUP}, status=403)
    initial = {"email": invitation.email} if invitation else {}
    form = SignupForm(request.POST or None, initial=initial)
    if invitation is not None:
        # The invitation is for one address: the account is made for it, whatever is posted.
        form.fields["email"].disabled = True
        form.fields["email"].help_text = "The address you were invited at."
    if request.method != "POST" or not form.is_valid():
        return _signup_page(request, form, status=400 if form.errors else 200, invitation=invitation)
    if not ratelimit.allow(ratelimit.SIGNUP_PER_ADDRESS, ratelimit.client_address(request)):
        form.add_error(None, SLOW_DOWN)
        return _signup_page(request, form, status=429, invitation=invitation)
    data = form.cleaned_data
    try:
        if invitation is not None:
            user = actions.accept_invitation(token, data["email"], data["password"], name=data["name"])
        else:
            user = actions.create_account(data["email"], data["password"], name=data["name"])
    except actions.AccountError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        return _signup_page(request, form, status=400, invitation=invitation)
    login(request, user, backend=BACKEND)
    messages.success(request, "Welcome to onward. Your account is ready, and only you can see what you keep here.")
    return redirect("core:home")


class RateLimitedResetForm(PasswordResetForm):
    """Django's reset form (it never says whether an address has an account), with limits."""

    request: HttpRequest | None = None

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip()
        address = ratelimit.client_address(self.request) if self.request else ""
        account = ratelimit.account_name(email)
        if not ratelimit.allow_all((ratelimit.RESET_PER_ADDRESS, address), (ratelimit.RESET_PER_ACCOUNT, account)):
            self.add_error(None, SLOW_DOWN)
        return email


@method_decorator([login_not_required, server_only], name="dispatch")
class PasswordReset(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = RateLimitedResetForm
    success_url = reverse_lazy("accounts:password_reset_sent")

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        if isinstance(form, RateLimitedResetForm):
            form.request = self.request
        return form

    def form_invalid(self, form: Any) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 429 if SLOW_DOWN in form.non_field_errors() else 400
        return response


@method_decorator([login_not_required, server_only], name="dispatch")
class PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


@method_decorator([login_not_required, server_only], name="dispatch")
class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@method_decorator([login_not_required, server_only], name="dispatch")
class PasswordResetComplete(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class LimitedPasswordChangeForm(PasswordChangeForm):
    """The current password is checked under the sign-in limits: a borrowed session can't guess it."""

    address = ""

    def clean_old_password(self) -> str:
        old = str(self.cleaned_data.get("old_password") or "")
        try:
            right = ratelimit.confirm_password(self.user, old, address=self.address)
        except UserError as exc:
            raise ValidationError(str(exc), code="slow_down") from None
        if not right:
            raise ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old


@method_decorator(server_only, name="dispatch")
class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")
    form_class = LimitedPasswordChangeForm

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        if isinstance(form, LimitedPasswordChangeForm):
            form.address = ratelimit.client_address(self.request)
        return form

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request, "Your password is changed. Other browsers signed in to this account are signed out."
        )
        return response


@require_POST
@server_only
def signout_everywhere(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    actions.sign_out_everywhere(user)
    logout(request)
    messages.info(request, "You are signed out on every device and browser. Your notes stay safe here.")
    return redirect("accounts:signin")

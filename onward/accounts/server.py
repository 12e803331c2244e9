"""Accounts of server mode: making them, invitations, and ending every session at once.

A person signs in with their email address, which is also their username (so
``ONWARD_USER=alex@example.org onward list`` works on a server). Checks raise
:class:`~onward.errors.UserError` with a sentence; the web forms show it beside the
field it names (``field`` on the error).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from onward.accounts.models import Invitation, Preferences, SignInState
from onward.errors import UserError

INVITATION_LIFETIME = timedelta(days=14)


class AccountError(UserError):
    """A :class:`UserError` that names the form field it belongs to."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def clean_email(email: str) -> str:
    """The address in the form accounts are kept under (trimmed, lower case), or AccountError."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise AccountError(f"{email or 'That'} doesn't look like an email address.", "email") from None
    return email


def account_for_email(email: str) -> User | None:
    email = email.strip()
    return User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).order_by("pk").first()


def _taken(email: str) -> str:
    return f"There is already an account for {email}. Sign in, or reset its password."


def check_password(password: str, email: str) -> None:
    """Django's password rules (length, common, numeric, too close to the address) as AccountError."""
    try:
        password_validation.validate_password(password, User(username=email, email=email))
    except ValidationError as exc:
        raise AccountError(" ".join(exc.messages), "password") from None


def create_account(email: str, password: str, *, name: str = "", staff: bool = False, superuser: bool = False) -> User:
    """Make an account signed in by ``email`` and ``password`` (hashed by Django, never kept in clear)."""
    email = clean_email(email)
    if account_for_email(email) is not None:
        raise AccountError(_taken(email), "email")
    check_password(password, email)
    try:
        with transaction.atomic():
            user = User(username=email, email=email, is_staff=staff or superuser, is_superuser=superuser)
            user.set_password(password)
            user.save()
            Preferences.objects.create(owner=user, your_name=name.strip()[:120])
    except IntegrityError:  # the same address signed up a moment ago
        raise AccountError(
            f"There is already an account for {email}. Sign in, or reset its password.", "email"
        ) from None
    return user


# --- invitations ---------------------------------------------------------------------


def save_invitation(invitation: Invitation, lifetime: timedelta = INVITATION_LIFETIME) -> str:
    """Check and store a new invitation (made by the admin or below); return its token, shown only now."""
    invitation.email = clean_email(invitation.email)
    if account_for_email(invitation.email) is not None:
        raise AccountError(f"{invitation.email} already has an account.", "email")
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _hash(token)
    invitation.expires_at = timezone.now() + lifetime
    invitation.save()
    return token


def create_invitation(email: str, *, invited_by: User | None = None, lifetime: timedelta = INVITATION_LIFETIME) -> str:
    """Store an invitation for ``email`` and return its token (the only time it exists in clear)."""
    return save_invitation(Invitation(email=email, invited_by=invited_by), lifetime)


def open_invitation(token: str) -> Invitation | None:
    """The invitation ``token`` opens, if it is unused and not expired."""
    return Invitation.objects.filter(
        token_hash=_hash(token), used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


def accept_invitation(token: str, email: str, password: str, *, name: str = "") -> User:
    """Make the account and spend the invitation, both or neither."""
    with transaction.atomic():
        invitation = open_invitation(token)
        if invitation is None:
            raise AccountError("This invitation has been used or has expired. Ask for a new one.")
        user = create_account(email, password, name=name)
        spent = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
            used_at=timezone.now(), used_by=user
        )
        if spent != 1:  # someone used it in the same instant
            raise AccountError("This invitation has been used or has expired. Ask for a new one.")
    return user


# --- sessions ------------------------------------------------------------------------


def sign_out_everywhere(user: User) -> None:
    """End every session of ``user`` (this one too) from now on; API tokens are separate."""
    SignInState.objects.update_or_create(owner=user, defaults={"signed_out_before": timezone.now()})


def invitation_link(base_url: str, token: str) -> str:
    from django.urls import reverse

    return base_url.rstrip("/") + reverse("accounts:signup_invited", args=[token])


def mail_invitation(invitation: Invitation, token: str, *, base_url: str) -> str:
    """Mail the invitation's link to its address; returns the link (for the operator who asked)."""
    from urllib.parse import urlsplit

    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    link = invitation_link(base_url, token)
    inviter = invitation.invited_by
    context = {
        "link": link,
        "domain": urlsplit(base_url).netloc,
        "invited_by": (inviter.get_full_name() or inviter.email) if inviter else "",
    }
    subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
    body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])
    return link


def send_invitation(email: str, *, base_url: str, invited_by: User | None = None) -> str:
    """Invite ``email`` and mail them the link; returns the link."""
    invitation = Invitation(email=email, invited_by=invited_by)
    token = save_invitation(invitation)
    return mail_invitation(invitation, token, base_url=base_url)


def default_base_url() -> str:
    """``https://`` + the first allowed host: where links made outside a web request point."""
    from django.conf import settings

    hosts = [h for h in settings.ALLOWED_HOSTS if h and h != "*" and not h.startswith(".")]
    if settings.ONWARD_MODE == "local" or not hosts:
        return "http://127.0.0.1:8000"
    return f"https://{hosts[0]}"

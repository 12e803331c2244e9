"""Signing in: the one-time links of local mode and the local user they open."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from onward.accounts.models import LoginLink, Preferences
from onward.accounts.server import AccountError as AccountError
from onward.accounts.server import accept_invitation as accept_invitation
from onward.accounts.server import account_for_email as account_for_email
from onward.accounts.server import create_account as create_account
from onward.accounts.server import create_invitation as create_invitation
from onward.accounts.server import default_base_url as default_base_url
from onward.accounts.server import invitation_link as invitation_link
from onward.accounts.server import mail_invitation as mail_invitation
from onward.accounts.server import open_invitation as open_invitation
from onward.accounts.server import save_invitation as save_invitation
from onward.accounts.server import send_invitation as send_invitation
from onward.accounts.server import sign_out_everywhere as sign_out_everywhere

LOCAL_USERNAME = "me"
LINK_LIFETIME = timedelta(hours=24)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_login_link(lifetime: timedelta = LINK_LIFETIME) -> str:
    """Store a new link and return its token (the only time the token exists in clear)."""
    token = secrets.token_urlsafe(32)
    LoginLink.objects.create(token_hash=_hash(token), expires_at=timezone.now() + lifetime)
    # Spent and stale links have no further use; keep the table small.
    LoginLink.objects.filter(expires_at__lt=timezone.now() - timedelta(days=7)).delete()
    return token


def local_user() -> User:
    """The single person of a local install, made on first sign-in."""
    user, created = User.objects.get_or_create(username=LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def redeem_login_link(token: str) -> User | None:
    """The local user if ``token`` is a live, unused link; the link is spent either way."""
    now = timezone.now()
    spent = LoginLink.objects.filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=now).update(
        used_at=now
    )
    # An UPDATE that matched one row is the atomic "first to use it" test.
    return local_user() if spent == 1 else None


# --- preferences ---------------------------------------------------------------------


def preferences_for(user: User) -> Preferences:
    """The person's preferences, made with defaults on first use."""
    prefs, _ = Preferences.objects.get_or_create(owner=user)
    return prefs


def save_preferences(user: User, **values: object) -> Preferences:
    prefs = preferences_for(user)
    names = ("your_name", "support_people", "self_care", "linkedin_premium", "connect_notes_per_month")
    changed = [name for name in names if name in values]
    for name in changed:
        setattr(prefs, name, values[name])
    prefs.save(update_fields=changed)
    return prefs


def new_calendar_token(user: User) -> str:
    """Give the calendar feed a new unguessable address; the old one stops working at once."""
    prefs = preferences_for(user)
    prefs.calendar_token = secrets.token_urlsafe(32)
    prefs.save(update_fields=["calendar_token"])
    return prefs.calendar_token


def revoke_calendar_token(user: User) -> None:
    prefs = preferences_for(user)
    prefs.calendar_token = None
    prefs.save(update_fields=["calendar_token"])

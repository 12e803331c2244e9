"""Rate limits for signing in and password resets: token buckets kept in the database.

A bucket holds up to ``capacity`` tries and refills evenly over ``window``: after
``capacity`` quick tries the next is refused, and a full window later all are back.
For passwords only failures are counted (``wrong_password``), against the visitor's
address and the account, and ``password_tries_left`` is checked before any password
is: a whole class signing in from one campus address is never slowed down, and one
address can empty at most a few accounts' buckets before its own runs out.
Buckets live in the database so every app server behind a load balancer shares them;
their keys are keyed hashes, so the table holds no addresses or usernames in clear.
"""

from __future__ import annotations

import hashlib
import hmac
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from onward.accounts.models import RateBucket
from onward.errors import UserError

STALE_AFTER = timedelta(days=1)
SLOW_DOWN = "That's a lot of tries in a short time. For your account's safety, please wait a few minutes and try again."


@dataclass(frozen=True)
class Limit:
    """``capacity`` tries per ``window`` for one kind of key."""

    scope: str
    capacity: int
    window: timedelta


SIGNIN_PER_ADDRESS = Limit("signin-ip", 20, timedelta(minutes=15))
SIGNIN_PER_ACCOUNT = Limit("signin-account", 5, timedelta(minutes=15))
RESET_PER_ADDRESS = Limit("reset-ip", 5, timedelta(hours=1))
RESET_PER_ACCOUNT = Limit("reset-account", 3, timedelta(hours=1))
SIGNUP_PER_ADDRESS = Limit("signup-ip", 10, timedelta(hours=1))


def client_address(request: HttpRequest) -> str:
    """The visitor's address: X-Forwarded-For is trusted only as far as ONWARD_PROXY_COUNT says."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.ONWARD_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    # Each proxy appends the address it saw, so the client is the entry the first of ours wrote.
    return forwarded[-proxies] if len(forwarded) >= proxies else remote


def _key(limit: Limit, value: str) -> str:
    message = f"{limit.scope}:{value.strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _tokens_now(bucket: RateBucket, limit: Limit, now: datetime) -> float:
    elapsed = max(0.0, (now - bucket.updated_at).total_seconds())
    return min(float(limit.capacity), bucket.tokens + elapsed * limit.capacity / limit.window.total_seconds())


def _take(key: str, limit: Limit) -> bool:
    now = timezone.now()
    with transaction.atomic():
        bucket = RateBucket.objects.select_for_update().filter(key=key).first()
        if bucket is None:
            RateBucket.objects.create(key=key, tokens=limit.capacity - 1, updated_at=now)
            sweep()
            return True
        tokens = _tokens_now(bucket, limit, now)
        allowed = tokens >= 1
        bucket.tokens = tokens - 1 if allowed else tokens
        bucket.updated_at = now
        bucket.save(update_fields=["tokens", "updated_at"])
        return allowed


def allow(limit: Limit, value: str) -> bool:
    """Spend one try from the bucket for ``value``; ``False`` when none is left."""
    key = _key(limit, value)
    try:
        return _take(key, limit)
    except IntegrityError:  # another request made the bucket a moment ago: use it
        return _take(key, limit)


def has_tries(limit: Limit, value: str) -> bool:
    """Whether the bucket for ``value`` has a try left, without spending it."""
    bucket = RateBucket.objects.filter(key=_key(limit, value)).first()
    return bucket is None or _tokens_now(bucket, limit, timezone.now()) >= 1


def allow_all(*checks: tuple[Limit, str]) -> bool:
    """Spend a try from every bucket named, stopping at the first that has none left."""
    return all(allow(limit, value) for limit, value in checks if value)


def account_name(typed: str) -> str:
    """What a typed username or address counts as for limits: the account it names (so look-alike
    spellings of one address share one bucket), else the name written the way Django compares it."""
    normal = unicodedata.normalize("NFKC", typed).strip().lower()
    from onward.accounts.server import account_for_email

    user = account_for_email(normal) if normal else None
    return f"user:{user.pk}" if user else f"name:{normal}"


def _address(request: HttpRequest | None) -> str:
    return client_address(request) if request is not None else ""


def tries_left_from(address: str, typed: str) -> bool:
    """A password may be checked: neither the address nor the account has run out of tries."""
    account_ok = has_tries(SIGNIN_PER_ACCOUNT, account_name(typed))
    return account_ok and (not address or has_tries(SIGNIN_PER_ADDRESS, address))


def count_wrong_from(address: str, typed: str) -> None:
    """Count a failed password against the address and the account (successes count against nothing)."""
    allow_all((SIGNIN_PER_ADDRESS, address), (SIGNIN_PER_ACCOUNT, account_name(typed)))


def password_tries_left(request: HttpRequest | None, typed: str) -> bool:
    return tries_left_from(_address(request), typed)


def wrong_password(request: HttpRequest | None, typed: str) -> None:
    count_wrong_from(_address(request), typed)


def confirm_password(user: User, password: str, *, address: str = "") -> bool:
    """Whether ``password`` is ``user``'s, for a signed-in page that asks for it again (change it,
    delete the account): the same limits as signing in, so a borrowed session can't guess it."""
    if not tries_left_from(address, user.get_username()):
        raise UserError(SLOW_DOWN)
    if user.check_password(password):
        return True
    count_wrong_from(address, user.get_username())
    return False


def sweep() -> int:
    """Delete buckets nobody has touched for a day (they would be full again anyway)."""
    deleted, _ = RateBucket.objects.filter(updated_at__lt=timezone.now() - STALE_AFTER).delete()
    return deleted

"""Rate limits for signing in and password resets: token buckets kept in the database.

A bucket holds up to ``capacity`` tries and refills evenly over ``window``: after
``capacity`` quick tries the next is refused, and a full window later all are back.
Buckets live in the database so every app server behind a load balancer shares them;
their keys are keyed hashes, so the table holds no addresses or usernames in clear.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from onward.accounts.models import RateBucket

STALE_AFTER = timedelta(days=1)


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


def _take(key: str, limit: Limit) -> bool:
    now = timezone.now()
    refill_per_second = limit.capacity / limit.window.total_seconds()
    with transaction.atomic():
        bucket = RateBucket.objects.select_for_update().filter(key=key).first()
        if bucket is None:
            RateBucket.objects.create(key=key, tokens=limit.capacity - 1, updated_at=now)
            sweep()
            return True
        elapsed = max(0.0, (now - bucket.updated_at).total_seconds())
        tokens = min(float(limit.capacity), bucket.tokens + elapsed * refill_per_second)
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


def allow_all(*checks: tuple[Limit, str]) -> bool:
    """Spend a try from every bucket named (all of them, so a refusal still counts everywhere)."""
    results = [allow(limit, value) for limit, value in checks if value]
    return all(results)


def forget(limit: Limit, value: str) -> None:
    """Refill the bucket for ``value`` (after a successful sign-in, the account's tries start afresh)."""
    RateBucket.objects.filter(key=_key(limit, value)).delete()


def sweep() -> int:
    """Delete buckets nobody has touched for a day (they would be full again anyway)."""
    deleted, _ = RateBucket.objects.filter(updated_at__lt=timezone.now() - STALE_AFTER).delete()
    return deleted

"""Personal API tokens: make one, check one, revoke one. Settings, the CLI and the API call these.

Design, and why:

- A token reads ``onw_k3j9x2ma_<43 random characters>``. The first 12 characters
  (``onw_k3j9x2ma``) are its *prefix*: stored in clear, unique, shown in lists so a
  person can tell their tokens apart and revoke one. The rest is 256 random bits.
- Only a keyed hash of the whole token is stored: HMAC-SHA256 with a key derived
  from Django's ``SECRET_KEY`` (``salted_hmac``). The token is random and long, so a
  slow password hash would add nothing but latency on every request; the key means
  a copy of the database alone is not enough even to test a guess. A per-token salt
  would not help either: salts defend low-entropy secrets against shared tables.
- The price of the key: **changing the secret key revokes every token** (they stop
  matching). Keys listed in ``SECRET_KEY_FALLBACKS`` are still accepted, so a
  rotation can be gradual.
- Checking a token looks its prefix up (an index) and compares the hashes in
  constant time. ``last_used_at`` is written at most once a minute, so a busy
  script does not turn every read into a write.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import salted_hmac

from onward.api.models import ApiToken
from onward.errors import UserError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

TOKEN_START = "onw_"  # noqa: S105 - the public start of every token, not a secret
PREFIX_LENGTH = len(TOKEN_START) + 8  # "onw_" and 8 characters
SECRET_BYTES = 32
# Lowercase letters and digits without the look-alikes (0/o, 1/l/i), for prefixes read aloud.
PREFIX_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
MAX_ACTIVE = 50
MAX_NAME = 100
SEEN_EVERY = timedelta(minutes=1)
_HASH_SALT = "onward.api.ApiToken"


def _hash(raw: str, secret: str | None = None) -> str:
    return salted_hmac(_HASH_SALT, raw, secret=secret, algorithm="sha256").hexdigest()


def _matches(raw: str, stored: str) -> bool:
    """Whether ``raw`` hashes to ``stored`` under the secret key or one of its fallbacks."""
    secrets_in_force = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(hmac.compare_digest(_hash(raw, secret), stored) for secret in secrets_in_force)


@dataclass
class NewToken:
    """A token just made: the row, and the token in clear (the only time it exists)."""

    token: ApiToken
    secret: str


def _new_prefix() -> str:
    for _ in range(10):
        prefix = TOKEN_START + "".join(secrets.choice(PREFIX_ALPHABET) for _ in range(PREFIX_LENGTH - 4))
        if not ApiToken.objects.filter(prefix=prefix).exists():
            return prefix
    raise UserError("Couldn't make a new token just now; please try again.")  # pragma: no cover


def create_token(user: User, name: str) -> NewToken:
    """Make a token for ``user`` called ``name``; the clear token comes back once and is never kept."""
    name = " ".join(name.split())
    if not name:
        raise UserError("Give the token a name, such as 'laptop script', so you can tell it apart later.")
    if len(name) > MAX_NAME:
        raise UserError(f"Keep the name under {MAX_NAME} characters.")
    if "\x00" in name:
        raise UserError("The name has a character that can't be stored (NUL); please remove it.")
    if ApiToken.objects.for_user(user).filter(revoked_at=None).count() >= MAX_ACTIVE:
        raise UserError(f"You have {MAX_ACTIVE} tokens already. Revoke one you no longer use, then make a new one.")
    prefix = _new_prefix()
    raw = f"{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    token = ApiToken.objects.create(owner=user, name=name, prefix=prefix, key_hash=_hash(raw))
    return NewToken(token, raw)


def authenticate(raw: str) -> ApiToken | None:
    """The live token ``raw`` is, with its owner; None for anything else (revoked, mistyped, made up)."""
    raw = raw.strip()
    if not raw.startswith(TOKEN_START) or len(raw) > 200 or raw[PREFIX_LENGTH : PREFIX_LENGTH + 1] != "_":
        return None
    found = (
        ApiToken.objects.select_related("owner")
        .filter(prefix=raw[:PREFIX_LENGTH], revoked_at=None, owner__is_active=True)
        .first()
    )
    if found is None or not _matches(raw, found.key_hash):
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at >= SEEN_EVERY:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        found.last_used_at = now
    return found


def _as_prefix(ref: str) -> str:
    """A prefix from what a person typed: ``onw_k3j9x2ma``, ``k3j9x2ma``, or the whole token.

    >>> _as_prefix("K3J9X2MA")
    'onw_k3j9x2ma'
    """
    ref = ref.strip().lower()
    if not ref.startswith(TOKEN_START):
        ref = TOKEN_START + ref
    return ref[:PREFIX_LENGTH]


def token_for_user(user: User, ref: str) -> ApiToken:
    """The owner's live token with this prefix; 404 for anyone else's, as if it did not exist."""
    found = ApiToken.objects.for_user(user).filter(prefix=_as_prefix(ref), revoked_at=None).first()
    if found is None:
        raise Http404("No such token.")
    return found


def revoke_token(user: User, ref: str) -> ApiToken:
    """Stop a token working, at once: it leaves the lists, and scripts still using it get 401."""
    try:
        found = token_for_user(user, ref)
    except Http404:
        raise UserError(f"No live token starts with {_as_prefix(ref)!r}; `onward token list` shows yours.") from None
    found.revoked_at = timezone.now()
    found.save(update_fields=["revoked_at"])
    return found


def active_tokens(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.for_user(user).filter(revoked_at=None).order_by("-created_at", "-id"))


def token_dict(token: ApiToken) -> dict[str, Any]:
    """The ``onward token list --json`` shape: never the token, never its hash."""
    return {
        "prefix": token.prefix,
        "name": token.name,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }

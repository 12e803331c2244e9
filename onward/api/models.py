"""Personal API tokens: what a script presents instead of a browser session.

A token is shown once, when it is made. What is kept is its readable prefix (to
list and revoke it by) and a keyed hash of the whole token (see
:mod:`onward.api.actions` for why a keyed hash, and what rotating the secret key does).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class TokenQuerySet(models.QuerySet["ApiToken"]):
    """A person's tokens. Unlike their search's rows, a token's "last used" moves on every API call,
    and no page built from the search shows it: no change stamp (see :mod:`onward.core.changes`)."""

    def for_user(self, user: User) -> TokenQuerySet:
        return self.filter(owner=user)


class ApiToken(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, in the person's words.")
    # "onw_" and 8 random characters: shown in lists, never enough to use the token.
    prefix = models.CharField(max_length=12, unique=True)
    # HMAC-SHA256 of the whole token, hex; the token itself is never stored.
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = TokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

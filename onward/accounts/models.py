from __future__ import annotations

from django.db import models


class LoginLink(models.Model):
    """A one-time sign-in link for local mode.

    Only a hash of the token is stored: a copy of the database does not hold a
    working link. A link works once, and not after it expires.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        state = "used" if self.used_at else "unused"
        return f"sign-in link {self.token_hash[:8]}… ({state})"

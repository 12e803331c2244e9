from __future__ import annotations

from django.conf import settings
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


class Preferences(models.Model):
    """One person's settings: the people and ideas the pause card offers, LinkedIn, the calendar feed."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences")
    your_name = models.CharField(
        "your name", max_length=120, blank=True, help_text="How your messages are signed, e.g. Sam Rivera."
    )
    support_people = models.TextField(
        "your people",
        blank=True,
        help_text="Friends and family you can lean on, one per line. The pause card suggests them.",
    )
    self_care = models.TextField(
        "what helps you",
        blank=True,
        help_text="Your own ideas for a hard day, one per line. They come first on the pause card.",
    )
    linkedin_premium = models.BooleanField(
        "LinkedIn Premium", default=False, help_text="Premium allows 300 characters in a connection note; free, 200."
    )
    connect_notes_per_month = models.PositiveSmallIntegerField(
        "personal connection notes a month",
        null=True,
        blank=True,
        help_text="A free LinkedIn account allows about 5. Leave empty for the playbook's number.",
    )
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    # The day the person said "not now" to the check-in prompt: it stays away until tomorrow.
    checkin_dismissed_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"preferences of {self.owner}"

    def lines(self, field: str) -> list[str]:
        return [line.strip() for line in str(getattr(self, field)).splitlines() if line.strip()]

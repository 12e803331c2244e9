from __future__ import annotations

from django.conf import settings
from django.db import models

from onward.core.changes import Stamped, StampedQuerySet


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


class Preferences(Stamped, models.Model):
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
    # The account holds onward's example search (Welcome -> "Explore an example"), not the person's own:
    # every page says so, and offers to clear it.
    example_search = models.BooleanField(default=False)

    objects = StampedQuerySet["Preferences"].as_manager()

    def __str__(self) -> str:
        return f"preferences of {self.owner}"

    def lines(self, field: str) -> list[str]:
        return [line.strip() for line in str(getattr(self, field)).splitlines() if line.strip()]


class Invitation(models.Model):
    """An invitation to make an account on a server whose sign-up is by invitation.

    Like sign-in links, only a hash of the token is kept; the link exists in clear only in
    the mail sent (or the line `onward invite` prints). It works once, before it expires.
    """

    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        state = "used" if self.used_at else "open"
        return f"invitation for {self.email} ({state})"


class SignInState(models.Model):
    """When the person last chose "Sign out everywhere": sessions from before then stop working."""

    owner = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_in_state")
    signed_out_before = models.DateTimeField()

    def __str__(self) -> str:
        return f"sessions of {self.owner} before {self.signed_out_before:%Y-%m-%d %H:%M}"


class RateBucket(models.Model):
    """A token bucket for one key (a hashed IP address or account), kept in the database.

    Every app server shares it, so limits hold behind a load balancer without Redis.
    """

    key = models.CharField(max_length=64, unique=True)
    tokens = models.FloatField()
    updated_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"rate bucket {self.key[:8]}… ({self.tokens:.1f} left)"

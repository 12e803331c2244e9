"""Feedback received from companies, and the person's own reflections after interviews."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from onward.core.changes import Stamped
from onward.tracker.models import Application, Contact, OwnedQuerySet

FEEDBACK_CHANNELS = [("email", "Email"), ("call", "Phone or video call"), ("portal", "Job portal"), ("other", "Other")]


class Feedback(Stamped, models.Model):
    """What a company said about the application, word for word, and what onward read in it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="feedback")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    on = models.DateField()
    channel = models.CharField(max_length=10, choices=FEEDBACK_CHANNELS, default="email")
    text = models.TextField()
    disagree = models.BooleanField(default=False)
    # The themes found when it was logged: [{"theme", "label", "quote", "outside_control"}].
    themes = models.JSONField(default=list, blank=True)
    english = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet["Feedback"].as_manager()

    class Meta:
        verbose_name_plural = "feedback"
        ordering = ["-on", "-created_at"]
        indexes = [models.Index(fields=["owner", "-on"])]

    def __str__(self) -> str:
        return f"Feedback on {self.application} ({self.on})"

    @property
    def all_outside_control(self) -> bool:
        return bool(self.themes) and all(t["outside_control"] for t in self.themes)

    @property
    def outside_control(self) -> list[dict[str, object]]:
        return [t for t in self.themes if t["outside_control"]]


class Reflection(Stamped, models.Model):
    """A guided look back at an application's interviews: ratings and notes per area, saved as you go."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="reflection")
    answers = models.JSONField(default=dict, blank=True)  # area id -> {"rating": 1-5 | None, "text": str}
    finished_on = models.DateField(null=True, blank=True)  # empty while it is a draft
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet["Reflection"].as_manager()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Reflection on {self.application}"

    @property
    def is_draft(self) -> bool:
        return self.finished_on is None

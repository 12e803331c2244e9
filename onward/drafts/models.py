"""Drafts a person is working on, and the messages they marked as sent."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from onward.core.changes import Stamped
from onward.domain.drafts import CHANNEL_LABELS, KINDS, TONES
from onward.plans.models import PlanStep
from onward.tracker.models import Application, Contact, Interaction, OwnedQuerySet

KIND_LABELS = {
    "thank_you": "Thank-you",
    "feedback_request": "Feedback request",
    "connect_note": "Connection note",
    "feedback_reply": "Reply to feedback",
    "stay_in_touch": "Check-in",
    "follow_up": "Follow-up",
}
KIND_CHOICES = [(kind, KIND_LABELS[kind]) for kind in KINDS]
CHANNEL_CHOICES = list(CHANNEL_LABELS.items())
TONE_CHOICES = [(tone, tone.capitalize()) for tone in TONES]


class Draft(Stamped, models.Model):
    """One message: being written (``sent_on`` empty), or sent and kept for the timeline."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    channel = models.CharField(max_length=12, choices=CHANNEL_CHOICES, default="email")
    tone = models.CharField(max_length=10, choices=TONE_CHOICES, default="warm")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="drafts")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts")
    step = models.ForeignKey(PlanStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts")
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    # What shaped the draft: takeaway, disagree, share_kind, share, ask_feedback.
    options = models.JSONField(default=dict, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    interaction = models.OneToOneField(
        Interaction, null=True, blank=True, on_delete=models.SET_NULL, related_name="draft"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet["Draft"].as_manager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "kind", "sent_on"])]

    def __str__(self) -> str:
        state = f"sent {self.sent_on}" if self.sent_on else "draft"
        return f"{self.kind_label} for {self.application} ({state})"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

"""Rejections and the dated steps of their recovery plans."""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models

from onward.core.changes import Stamped
from onward.domain.playbook import KINDS, REACHED
from onward.tracker.models import Application, Contact, OwnedQuerySet

REACHED_CHOICES = [
    ("applied", "Applied (no conversation yet)"),
    ("screen", "Screening call"),
    ("interview", "Interviews"),
    ("final", "Final round"),
]
assert [value for value, _ in REACHED_CHOICES] == list(REACHED)

VIA_CHOICES = [("email", "Email"), ("call", "Phone call"), ("portal", "Job portal"), ("other", "Other")]
KIND_LABELS = {
    "pause": "Pause",
    "thank_you": "Thank-you",
    "feedback_request": "Feedback request",
    "connect": "Connection note",
    "reflect": "Reflection",
    "feedback_reply": "Reply to feedback",
    "get_back": "Next step",
    "stay_in_touch": "Stay in touch",
    "reassess": "Step back",
}
KIND_CHOICES = [(kind, KIND_LABELS[kind]) for kind in KINDS]
# The one clear action on a message step's card.
DRAFT_ACTIONS = {
    "thank_you": "Write the thank-you",
    "feedback_request": "Write the request",
    "connect": "Write the note",
    "feedback_reply": "Write the reply",
    "stay_in_touch": "Write a check-in",
}
STATUS_CHOICES = [("pending", "To do"), ("done", "Done"), ("skipped", "Skipped")]


class Rejection(Stamped, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rejections")
    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="rejection")
    on = models.DateField()
    stage_reached = models.CharField(max_length=12, choices=REACHED_CHOICES)
    via = models.CharField(max_length=12, choices=VIA_CHOICES, blank=True)
    message = models.TextField(blank=True)
    reason = models.TextField(blank=True)
    cool_off_days = models.PositiveSmallIntegerField()
    feedback_text = models.TextField(blank=True)
    feedback_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet["Rejection"].as_manager()

    class Meta:
        ordering = ["-on", "-created_at"]
        indexes = [models.Index(fields=["owner", "-on"])]

    def __str__(self) -> str:
        return f"Rejection from {self.application} on {self.on}"

    @property
    def cool_off_end(self) -> date:
        from datetime import timedelta

        return self.on + timedelta(days=self.cool_off_days)


class PlanStep(Stamped, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_steps")
    rejection = models.ForeignKey(Rejection, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    step_id = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    why = models.TextField()
    due = models.DateField()
    window_end = models.DateField()
    links_to = models.CharField(max_length=20, default="none")
    contact = models.ForeignKey(Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_steps")
    with_note = models.BooleanField(default=True)
    numbers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="pending")
    snoozed_until = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet["PlanStep"].as_manager()

    class Meta:
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["owner", "status", "due"])]

    def __str__(self) -> str:
        return f"{self.title} (due {self.due})"

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def is_message(self) -> bool:
        return self.links_to == "draft" and self.kind in DRAFT_ACTIONS

    @property
    def draft_action(self) -> str:
        return DRAFT_ACTIONS.get(self.kind, "")

"""Check-ins, weekly goals and career-plan reviews: private to their owner."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from onward.core.changes import Stamped
from onward.domain.momentum import MOODS, mood
from onward.plans.models import PlanStep
from onward.tracker.models import OwnedQuerySet

MOOD_CHOICES = [(m.value, m.word) for m in MOODS]


class CheckIn(Stamped, models.Model):
    """How the person felt on a day (one per day; checking in again that day updates it)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    on = models.DateField()
    mood = models.PositiveSmallIntegerField(
        choices=MOOD_CHOICES, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet["CheckIn"].as_manager()

    class Meta:
        ordering = ["-on"]
        constraints = [models.UniqueConstraint(fields=["owner", "on"], name="one_checkin_a_day")]

    def __str__(self) -> str:
        return f"{self.mood_word} on {self.on}"

    @property
    def mood_word(self) -> str:
        return mood(self.mood).word


class Goal(Stamped, models.Model):
    """A weekly goal, in force from ``since`` until a newer one is set. The history is kept for the charts."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals")
    since = models.DateField()
    applications = models.PositiveIntegerField(default=0)
    people = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet["Goal"].as_manager()

    class Meta:
        ordering = ["-since", "-id"]
        constraints = [models.UniqueConstraint(fields=["owner", "since"], name="one_goal_change_a_day")]

    def __str__(self) -> str:
        return f"{self.applications} applications and {self.people} people a week from {self.since}"


class Review(Stamped, models.Model):
    """A step back to look at the whole search: the person's answers to the review's prompts."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews")
    step = models.ForeignKey(PlanStep, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews")
    on = models.DateField()
    answers = models.JSONField(default=dict, blank=True)
    finished_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet["Review"].as_manager()

    class Meta:
        ordering = ["-on", "-created_at"]

    def __str__(self) -> str:
        return f"Review of the search on {self.on}"

"""What a job search is made of: companies, applications and their history, people, interviews.

Every model has an owner (directly, or through its application or contact) and
is reached through ``Model.objects.for_user(user)``. Public ids are UUIDs.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from onward.core.changes import ApplicationRowQuerySet, Stamped, StampedQuerySet
from onward.domain.stages import Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import User


_M = TypeVar("_M", bound=models.Model)


class OwnedQuerySet(StampedQuerySet[_M]):
    """The one door to an owner's rows: ``Model.objects.for_user(user)``. Its bulk writes move the
    owner's change stamp (:mod:`onward.core.changes`)."""

    def for_user(self, user: User) -> OwnedQuerySet[_M]:
        return self.filter(owner=user)


STAGE_CHOICES = [(stage.value, stage.label) for stage in Stage]

SOURCE_CHOICES = [
    ("referral", "Referral"),
    ("job_board", "Job board"),
    ("recruiter", "Recruiter outreach"),
    ("company_site", "Company site"),
    ("network", "Network or event"),
    ("other", "Other"),
]

RELATIONSHIP_CHOICES = [
    ("recruiter", "Recruiter"),
    ("hiring_manager", "Hiring manager"),
    ("interviewer", "Interviewer"),
    ("referral", "Referral"),
    ("other", "Other"),
]

INTERVIEW_KINDS = [
    ("phone_screen", "Phone screen"),
    ("technical", "Technical"),
    ("behavioural", "Behavioural"),
    ("panel", "Panel"),
    ("final", "Final"),
    ("other", "Other"),
]

CHANNEL_CHOICES = [
    ("email", "Email"),
    ("call", "Call"),
    ("video", "Video call"),
    ("linkedin", "LinkedIn"),
    ("message", "Message"),
    ("meeting", "In person"),
    ("other", "Other"),
]


class Company(Stamped, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="companies")
    name = models.CharField(max_length=200)
    website = models.URLField(blank=True, max_length=500)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet["Company"].as_manager()

    class Meta:
        verbose_name_plural = "companies"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), "owner", name="company_name_unique_per_owner")]

    def __str__(self) -> str:
        return self.name


class Application(Stamped, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    # RESTRICT: a company can't be deleted while applications name it, unless they go in the same
    # deletion (an account deleted with everything it owns).
    company = models.ForeignKey(Company, on_delete=models.RESTRICT, related_name="applications")
    role = models.CharField(max_length=200)
    url = models.URLField("link", blank=True, max_length=1000)
    source = models.CharField(max_length=20, blank=True, choices=SOURCE_CHOICES)
    location = models.CharField(max_length=200, blank=True)
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    applied_on = models.DateField(null=True, blank=True)
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES, default=Stage.APPLIED.value)
    stage_changed_on = models.DateField()
    last_activity_on = models.DateField()
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet["Application"].as_manager()

    class Meta:
        ordering = ["-last_activity_on", "-created_at"]
        indexes = [
            # The board's columns and the list filtered by stage, most recently active first.
            models.Index(fields=["owner", "stage", "-last_activity_on"]),
            models.Index(fields=["owner", "-last_activity_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.company.name} — {self.role}"

    @property
    def stage_enum(self) -> Stage:
        return Stage(self.stage)

    @property
    def is_open(self) -> bool:
        return not self.stage_enum.ended

    def days_in_stage(self, today: date) -> int:
        return max(0, (today - self.stage_changed_on).days)

    def days_since_activity(self, today: date) -> int:
        return max(0, (today - self.last_activity_on).days)

    @property
    def salary_text(self) -> str:
        low, high = self.salary_min, self.salary_max
        if low is None and high is None:
            return ""
        if low == high or high is None:
            return f"{low:,}"
        if low is None:
            return f"up to {high:,}"
        return f"{low:,}–{high:,}"


class StageEvent(Stamped, models.Model):
    """One move of an application to a stage, on a date. The history is never rewritten."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="stage_events")
    stage = models.CharField(max_length=20, choices=STAGE_CHOICES)
    on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationRowQuerySet["StageEvent"].as_manager()

    class Meta:
        ordering = ["on", "created_at", "id"]
        # Every application's history in order, read by application (the funnel, the timeline).
        indexes = [models.Index(fields=["application", "on", "created_at"])]

    def __str__(self) -> str:
        return f"{self.stage} on {self.on}"


class Note(Stamped, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="dated_notes")
    on = models.DateField()
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicationRowQuerySet["Note"].as_manager()

    class Meta:
        ordering = ["on", "created_at"]

    def __str__(self) -> str:
        return self.text[:40]


class Contact(Stamped, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    profile_url = models.URLField("profile link", blank=True, max_length=500)
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts")
    relationship = models.CharField(max_length=20, choices=RELATIONSHIP_CHOICES, default="other")
    notes = models.TextField(blank=True)
    cadence_days = models.PositiveIntegerField(
        "stay in touch every (days)", null=True, blank=True, help_text="Leave empty for no reminders."
    )
    last_contact_on = models.DateField(null=True, blank=True)
    applications = models.ManyToManyField(Application, blank=True, related_name="contacts")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet["Contact"].as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["owner", "name"])]

    def __str__(self) -> str:
        return self.name


class Interview(Stamped, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interviews")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    on = models.DateField()
    kind = models.CharField(max_length=20, choices=INTERVIEW_KINDS, default="other")
    contacts = models.ManyToManyField(Contact, blank=True, related_name="interviews")
    topics = models.TextField("topics discussed", blank=True)
    went_well = models.TextField("what went well", blank=True)
    liked = models.TextField("what they responded to", blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet["Interview"].as_manager()

    class Meta:
        ordering = ["on", "created_at"]
        # The newest first, a page at a time (the API's list), and "what they responded to" on Lessons.
        indexes = [models.Index(fields=["owner", "-on", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} interview on {self.on}"


class Interaction(Stamped, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interactions")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="interactions"
    )
    on = models.DateField()
    channel = models.CharField(max_length=20, choices=CHANNEL_CHOICES, default="email")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet["Interaction"].as_manager()

    class Meta:
        ordering = ["-on", "-created_at"]
        # People reached week by week (Today, Insights): a range of days.
        indexes = [models.Index(fields=["owner", "-on", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} with {self.contact.name} on {self.on}"

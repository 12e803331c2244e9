"""Mail imports: the jobs that read a mailbox, and what onward made of each message.

Only job-related messages keep their text. For the rest (``not_job``) onward
keeps just the fingerprint, so importing the same mailbox again changes nothing
and reports the duplicates, without keeping anyone's private mail.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from onward.core.changes import Stamped
from onward.domain.mail.message import LABELS
from onward.tracker.models import Application, OwnedQuerySet

LABEL_WORDS = {
    "rejection": "Rejection",
    "interview": "Interview invitation",
    "offer": "Offer",
    "confirmation": "Application received",
    "other_job": "Other job mail",
    "not_job": "Not about your search",
}
LABEL_CHOICES = [(label, LABEL_WORDS[label]) for label in LABELS]


class ImportJob(Stamped, models.Model):
    """One import: a file (or several, or pasted text) read in the background, with its progress and summary."""

    STATUS_CHOICES = [("queued", "Waiting"), ("running", "Reading"), ("done", "Done"), ("failed", "Stopped")]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_imports")
    name = models.CharField(max_length=300)
    folder = models.CharField(max_length=1000, blank=True)  # where the upload waits until it is read
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES, default="queued")
    total = models.BigIntegerField(default=0)  # bytes to read
    done = models.BigIntegerField(default=0)  # bytes read so far
    messages = models.PositiveIntegerField(default=0)
    by_label = models.JSONField(default=dict)
    applied = models.PositiveIntegerField(default=0)
    review = models.PositiveIntegerField(default=0)
    skipped_duplicates = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list)  # [{"where", "reason"}], the messages that could not be read
    would = models.JSONField(default=list)  # a dry run's findings, as the CLI's JSON gives them
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The worker's last sign of life, written with every saved progress: a running job that has
    # been silent for long (STALE_AFTER in jobs.py) lost its worker.
    beat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet["ImportJob"].as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    @property
    def percent(self) -> int:
        if self.status == "done":
            return 100
        return min(99, int(self.done * 100 / self.total)) if self.total else 0


class ImportedMail(Stamped, models.Model):
    """A message onward has read: what it is, what onward proposes, and what it did (so it can be undone)."""

    STATUS_CHOICES = [
        ("applied", "Filed"),
        ("review", "Waiting for you"),
        ("left", "Left alone"),
        ("dismissed", "Left alone by you"),
        ("undone", "Undone"),
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imported_mail")
    job = models.ForeignKey(ImportJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    fingerprint = models.CharField(max_length=300)
    message_id = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    sender = models.CharField(max_length=300, blank=True)
    sender_address = models.CharField(max_length=300, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    body = models.TextField(blank=True)
    label = models.CharField(max_length=20, choices=LABEL_CHOICES)
    confidence = models.FloatField()
    evidence = models.JSONField(default=list)
    company = models.CharField(max_length=200, blank=True)
    company_confidence = models.FloatField(null=True, blank=True)
    role = models.CharField(max_length=200, blank=True)
    role_confidence = models.FloatField(null=True, blank=True)
    # What onward proposes: {"application": uuid | None, "confidence", "reason"}.
    proposal = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=STATUS_CHOICES)
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="imported_mail"
    )
    # What applying changed, so that undo puts it back: see actions.undo.
    changes = models.JSONField(default=dict)
    decided_by = models.CharField(max_length=10, blank=True)  # "onward" or "you"
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet["ImportedMail"].as_manager()

    class Meta:
        ordering = ["-sent_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["owner", "fingerprint"], name="one_import_per_message")]
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["owner", "message_id"])]

    def __str__(self) -> str:
        return self.subject or f"Message {self.uuid.hex[:8]}"

    @property
    def label_words(self) -> str:
        return LABEL_WORDS.get(self.label, self.label)

    @property
    def label_phrase(self) -> str:
        from onward.mailimport.filing import LABEL_PHRASES

        return LABEL_PHRASES.get(self.label, self.label)


class UploadPart(models.Model):
    """A piece (up to 1 MB) of an uploaded file waiting for the worker, on a server.

    Server mode keeps uploads in the database rather than the data folder, so that any app
    server can take the upload and any worker can read it. Parts are deleted when the job
    ends, however it ends: they are private mail.
    """

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveIntegerField()  # which file of the upload, from 1
    name = models.CharField(max_length=300)
    seq = models.PositiveIntegerField()  # which piece of that file, from 0
    data = models.BinaryField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "position", "seq"], name="one_piece_per_place")]

    def __str__(self) -> str:
        return f"{self.name} part {self.seq}"

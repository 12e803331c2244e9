"""What a backup holds: its header, its sections, and the fields each section keeps.

This module is the single list the export, the restore and the tests read. A
section is one model; its rows are written in the order they were made, foreign
keys as the UUID of the row they point to, and a many-to-many field as a sorted
list of UUIDs. Every concrete field of a backed-up model is either listed in its
section or named in :data:`NOT_EXPORTED` with the reason (a test holds both
lists to the models, so a new field can't be dropped without anyone noticing).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.apps import apps
from django.db import models

FORMAT = "onward-backup"
# Version 1 is the first format. A change that an older onward could not read
# correctly (a new required field, a renamed section) raises it; onward reads
# every version up to its own and refuses newer ones with a clear message.
VERSION = 1
HEADER_KEYS = ("format", "version", "exported_at", "onward_version")


@dataclass(frozen=True)
class Section:
    """One model in the backup: ``key`` is its name in the document, ``fields`` what each row keeps."""

    key: str
    label: str  # the model, as "app_label.ModelName"
    fields: tuple[str, ...]
    # "owner": rows have an owner field; "application": rows belong to an application; "one": a single object.
    reach: str = "owner"
    # The words for one row and for several, in messages ("a company", "3 companies").
    noun: str = ""
    plural: str = ""

    def count_words(self, count: int) -> str:
        """``3 companies``, ``1 company``."""
        return f"{count} {self.noun if count == 1 else (self.plural or self.noun + 's')}"

    @cached_property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @cached_property
    def has_uuid(self) -> bool:
        return "uuid" in self.fields

    @cached_property
    def stamped(self) -> tuple[str, ...]:
        """Fields Django fills on insert (``auto_now``/``auto_now_add``): the restore puts them back afterwards."""
        return tuple(
            f.name
            for f in self.model._meta.concrete_fields
            if f.name in self.fields and (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        )


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# In dependency order: a section only points to the sections before it.
SECTIONS: tuple[Section, ...] = (
    Section(
        "preferences",
        "accounts.Preferences",
        _names("your_name support_people self_care linkedin_premium connect_notes_per_month checkin_dismissed_on"),
        reach="one",
        noun="settings",
    ),
    Section(
        "companies",
        "tracker.Company",
        _names("uuid name website notes created_at"),
        noun="company",
        plural="companies",
    ),
    Section(
        "applications",
        "tracker.Application",
        _names(
            "uuid company role url source location salary_min salary_max applied_on stage stage_changed_on "
            "last_activity_on notes created_at updated_at"
        ),
        noun="application",
    ),
    Section(
        "stage_events",
        "tracker.StageEvent",
        _names("uuid application stage on created_at"),
        reach="application",
        noun="stage change",
    ),
    Section(
        "notes",
        "tracker.Note",
        _names("uuid application on text created_at"),
        reach="application",
        noun="note",
    ),
    Section(
        "contacts",
        "tracker.Contact",
        _names(
            "uuid name email profile_url company relationship notes cadence_days last_contact_on applications "
            "created_at"
        ),
        noun="contact",
    ),
    Section(
        "interviews",
        "tracker.Interview",
        _names("uuid application on kind contacts topics went_well liked notes created_at"),
        noun="interview",
    ),
    Section(
        "interactions",
        "tracker.Interaction",
        _names("uuid contact application on channel note created_at"),
        noun="interaction",
    ),
    Section(
        "rejections",
        "plans.Rejection",
        _names(
            "uuid application on stage_reached via message reason cool_off_days feedback_text feedback_on created_at"
        ),
        noun="rejection",
    ),
    Section(
        "plan_steps",
        "plans.PlanStep",
        _names(
            "uuid rejection kind step_id title why due window_end links_to contact with_note numbers status "
            "snoozed_until completed_on created_at"
        ),
        noun="plan step",
    ),
    Section(
        "drafts",
        "drafts.Draft",
        _names(
            "uuid kind channel tone application contact step subject body options sent_on interaction "
            "created_at updated_at"
        ),
        noun="draft",
    ),
    Section(
        "feedback",
        "reflect.Feedback",
        _names("uuid application contact on channel text disagree themes english created_at"),
        noun="piece of feedback",
        plural="pieces of feedback",
    ),
    Section(
        "reflections",
        "reflect.Reflection",
        _names("uuid application answers finished_on created_at updated_at"),
        noun="reflection",
    ),
    Section(
        "checkins",
        "momentum.CheckIn",
        _names("uuid on mood note created_at updated_at"),
        noun="check-in",
    ),
    # Goals have no public id: a goal is known by the day it took effect (one per day).
    Section("goals", "momentum.Goal", _names("since applications people created_at"), noun="goal"),
    Section(
        "reviews",
        "momentum.Review",
        _names("uuid step on answers finished_on created_at updated_at"),
        noun="review",
    ),
    Section(
        "mail_imports",
        "mailimport.ImportJob",
        _names(
            "uuid name dry_run status total done messages by_label applied review skipped_duplicates skipped "
            "would error created_at started_at finished_at"
        ),
        noun="mail import",
    ),
    Section(
        "imported_mail",
        "mailimport.ImportedMail",
        _names(
            "uuid job fingerprint message_id subject sender sender_address sent_on body label confidence evidence "
            "company company_confidence role role_confidence proposal status application changes decided_by "
            "created_at decided_at"
        ),
        noun="imported message",
    ),
)

BY_KEY = {section.key: section for section in SECTIONS}

# Fields every backed-up model may have and no backup keeps.
NOT_EXPORTED_ANYWHERE = {
    "id": "the row number is internal to one database; rows are known by their uuid",
    "owner": "whoever restores the backup owns every row in it",
}

# Fields of backed-up models that stay on the instance, and why.
NOT_EXPORTED: dict[str, dict[str, str]] = {
    "accounts.Preferences": {
        "calendar_token": "a secret address for the calendar feed; make a new one on the other instance",
        "example_search": "marks the example search someone is exploring here; a restored search is treated as "
        "their own (and backups made before it existed stay readable)",
    },
    "mailimport.ImportJob": {
        "folder": "a path on this computer where an upload waits to be read; the upload itself is never kept",
        "beat_at": "the worker's last sign of life on this instance; an import in a backup is finished or stopped",
    },
}

# Models of onward's apps that are not in a backup at all.
NOT_BACKED_UP: dict[str, str] = {
    "accounts.LoginLink": "one-time sign-in links belong to the instance, not to a person, and are secrets",
    "accounts.Invitation": "invitations to make an account belong to the server",
    "accounts.SignInState": "when you last signed out everywhere: about sessions on this server",
    "accounts.RateBucket": "rate limits of this server",
    "api.ApiToken": "API tokens are secrets; make new ones on the other instance",
    "mailimport.UploadPart": "an upload waiting to be read (kept in the database on a server); like an upload "
    "in the data folder it stays behind, and its import is written as stopped",
    "core.ChangeStamp": "a counter of changes, for keeping pages between visits: restoring moves it anyway",
}

# Of those, the ones that are yours and go when you delete all your data (if the model exists yet).
DELETED_WITH_DATA = ("api.ApiToken",)

# The keys of ImportedMail.changes that hold row ids (internal integers), and the section they point to:
# in a backup they are written as those rows' UUIDs, so undo still finds them after a move.
CHANGES_ID_LISTS = {"events": "stage_events", "steps": "plan_steps", "set_aside": "plan_steps"}
CHANGES_ID_VALUES = {"events_after": "stage_events"}


def summary(counts: dict[str, int]) -> str:
    """Counts in words, in the backup's order; empty sections left out.

    >>> summary({"applications": 3, "companies": 1, "goals": 0})
    '1 company, 3 applications'
    """
    found = [section.count_words(counts[section.key]) for section in SECTIONS if counts.get(section.key)]
    return ", ".join(found) or "nothing yet"


def target_section(field: Any) -> Section:
    """The section a relation points to (``Application.company`` -> companies)."""
    related = field.related_model
    assert related is not None
    assert not isinstance(related, str)
    label = related._meta.label
    for section in SECTIONS:
        if section.label == label:
            return section
    raise LookupError(f"{field} points to {label}, which has no section")

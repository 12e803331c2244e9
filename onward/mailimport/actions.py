"""Mail import: read messages, judge them, file the confident ones and queue the rest — and undo.

Reading and judging are pure (``onward.domain.mail``); the work is split by
feature — :mod:`.importer` (a stream of messages), :mod:`.filing` (one message
filed, or taken back), :mod:`.jobs` (paths, pasted text, background jobs) — and
this module is the one door the views and the CLI use. Each message is handled
in its own transaction, so one bad message never stops the others and nothing
is ever half-applied.
"""

from __future__ import annotations

import uuid as uuid_lib

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from onward.mailimport.filing import LABEL_PHRASES, accept_item, apply_item, describe, dismiss_item, undo_item
from onward.mailimport.importer import Finding, Importer, Report, apply_at, review_below
from onward.mailimport.jobs import (
    import_path,
    import_text,
    job_items,
    new_job,
    recover_interrupted,
    run_job,
)
from onward.mailimport.models import LABEL_WORDS, ImportedMail, ImportJob

__all__ = [
    "LABEL_PHRASES",
    "Finding",
    "Importer",
    "Report",
    "accept_item",
    "apply_at",
    "apply_item",
    "describe",
    "dismiss_item",
    "import_path",
    "import_text",
    "item_for_user",
    "job_for_user",
    "job_items",
    "label_words",
    "new_job",
    "recover_interrupted",
    "review_below",
    "review_count",
    "review_queue",
    "run_job",
    "undo_item",
]


def job_for_user(user: User, public_id: uuid_lib.UUID | str) -> ImportJob:
    try:
        return ImportJob.objects.for_user(user).get(uuid=public_id)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404("No such import.") from None


def item_for_user(user: User, public_id: uuid_lib.UUID | str) -> ImportedMail:
    try:
        return ImportedMail.objects.for_user(user).select_related("application__company").get(uuid=public_id)
    except (ImportedMail.DoesNotExist, ValueError, TypeError):
        raise Http404("No such message.") from None


def review_queue(user: User) -> QuerySet[ImportedMail]:
    """The messages waiting for a look, newest first (shown a page at a time)."""
    return (
        ImportedMail.objects.for_user(user)
        .filter(status="review")
        .select_related("application__company")
        .order_by("-sent_on", "-id")
    )


def review_count(user: User) -> int:
    return ImportedMail.objects.for_user(user).filter(status="review").count()


# --- what one message means ----------------------------------------------------------


def label_words(label: str) -> str:
    return LABEL_WORDS.get(label, label)

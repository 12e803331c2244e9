"""Your data, whole: the one door the Settings page and the CLI use to back up, restore and delete.

- :func:`export_backup` and :func:`import_backup`: one JSON document, restored
  all or nothing into an empty account (see docs/backups.md).
- :func:`delete_all_data`: everything the person owns goes; the account stays.
  In local mode this is the reset.
- :func:`delete_account`: server mode only, with the password: the data, then
  the account.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from onward.backups import export, restore, writer
from onward.backups.schema import BY_KEY, DELETED_WITH_DATA, SECTIONS, summary
from onward.core.changes import forget
from onward.errors import UserError

if TYPE_CHECKING:
    from django.contrib.auth.models import User

__all__ = [
    "Restored",
    "backup_filename",
    "delete_account",
    "delete_all_data",
    "export_backup",
    "import_backup",
    "summary",
]


def export_backup(user: User) -> tuple[str, dict[str, int]]:
    """The text of a backup of everything ``user`` owns, and how many rows each section holds."""
    document = export.export_document(user)
    return export.dumps(document), export.counts(document)


def backup_filename(today: date) -> str:
    return f"onward-backup-{today.isoformat()}.json"


@dataclass(frozen=True)
class Restored:
    counts: dict[str, int]
    version: int
    exported_at: str

    def as_dict(self) -> dict[str, Any]:
        return {"restored": self.counts, "version": self.version, "exported_at": self.exported_at}


def import_backup(user: User, raw: bytes | str) -> Restored:
    """Restore a backup into ``user``'s empty account: checked whole first, then written in one transaction."""
    checked = restore.check(restore.parse(raw))
    counts = writer.write(user, checked)
    return Restored(counts=counts, version=checked.version, exported_at=checked.exported_at)


@transaction.atomic
def delete_all_data(user: User) -> dict[str, int]:
    """Delete everything ``user`` owns and reset their settings; the account itself stays.

    Also goes: API tokens (they would open an empty account, and were made for the old data) and the
    uploads of mail imports still waiting in the data folder. Returns what was deleted, per section.
    """
    _refuse_while_reading_mail(user)
    deleted = writer.existing_data(user)
    jobs = export.owned_rows(user, BY_KEY["mail_imports"]).values_list("uuid", "folder")
    uploads = [_upload_folder(key, folder) for key, folder in jobs]
    # Applications first: they hold on to their companies (PROTECT), and take their stage history,
    # notes, interviews, rejections and plans, drafts, feedback and reflections with them.
    export.owned_rows(user, BY_KEY["applications"]).delete()
    for section in reversed(SECTIONS):
        if section.reach in ("owner", "one"):
            section.model._default_manager.filter(owner=user).delete()
    for label in DELETED_WITH_DATA:
        _delete_owned(label, user)
    transaction.on_commit(lambda: _remove(uploads))
    return deleted


# A job marked "running" for longer than this was left behind by a stopped onward (the next
# `onward serve` marks it stopped); it doesn't hold deletion up.
STALE_IMPORT = timedelta(hours=1)


def _refuse_while_reading_mail(user: User) -> None:
    """A mail import being read would file what it reads after the deletion: wait for it to end."""
    reading = export.owned_rows(user, BY_KEY["mail_imports"]).filter(
        status="running", started_at__gt=timezone.now() - STALE_IMPORT
    )
    if reading.exists():
        raise UserError(
            "A mail import is being read right now. Let it finish (its page shows how far it is), then delete "
            "your data; otherwise what it reads would be filed afterwards. Nothing was deleted."
        )


def delete_account(user: User, password: str, *, address: str = "") -> None:
    """Server mode: delete the person's data, then their account. The password confirms it is them
    (checked under the sign-in limits, so a borrowed session can't guess it)."""
    from onward.accounts.ratelimit import confirm_password

    if settings.ONWARD_MODE != "server":
        raise UserError("In local mode there is no account to delete: “Delete all my data” clears onward instead.")
    if not confirm_password(user, password, address=address):
        raise UserError("That password isn't the one for this account, so nothing was deleted. Try again?")
    with transaction.atomic():
        delete_all_data(user)
        owner_id = user.pk
        user.delete()
        forget(owner_id)  # the account's change stamp (kept apart from the account: see onward.core.changes)


def _delete_owned(label: str, user: User) -> None:
    """Delete ``user``'s rows of a model that may not exist yet in this version (e.g. API tokens)."""
    try:
        model = apps.get_model(label)
    except LookupError:
        return
    for found in model._meta.concrete_fields:
        if isinstance(found, models.ForeignKey) and found.related_model is get_user_model():
            model._default_manager.filter(**{found.name: user}).delete()


def _upload_folder(key: Any, folder: str) -> Path | None:
    """Where a job's upload waits (only ever inside the data folder's ``imports``), or None."""
    imports = (Path(settings.ONWARD_DATA_DIR) / "imports").resolve()
    for candidate in (Path(folder) if folder else None, imports / key.hex):
        if candidate is not None and candidate.resolve().parent == imports:
            return candidate.resolve()
    return None


def _remove(folders: list[Path | None]) -> None:
    for folder in folders:
        if folder is not None and folder.exists():
            shutil.rmtree(folder, ignore_errors=True)

"""``onward backup export`` and ``onward backup import``: everything you own in one JSON file, and back."""

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from onward.cli._django import acting_user
from onward.cli.output import JsonFlag, print_json
from onward.errors import UserError

backup_app = typer.Typer(
    help="Back up everything you've written in onward to one file, and restore it here or elsewhere.",
    no_args_is_help=True,
)


@backup_app.command("export")
def export(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Where to write the backup; - for standard output.")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it already exists.")] = False,
    as_json: JsonFlag = False,
) -> None:
    """Write a backup of all your data: applications and their history, plans, drafts, check-ins, settings.

    The file holds private notes: keep it somewhere only you can read. Calendar
    and sign-in links stay behind (they are secrets of this onward).
    Example: onward backup export ~/onward-backup.json
    """
    to_stdout = file == "-"
    if to_stdout and as_json:
        raise UserError("--json prints a summary to standard output, where the backup itself goes with -; use a file.")
    target = Path(file).expanduser()
    if not to_stdout and target.exists() and not force:
        raise UserError(f"{file} already exists. Choose another name, or add --force to replace it.")
    user = acting_user()
    from onward.backups import actions

    text, counts = actions.export_backup(user)
    if to_stdout:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    _write_private(target, text)
    if as_json:
        print_json({"file": str(target), "bytes": len(text.encode("utf-8")), "counts": counts})
        return
    typer.echo(f"Wrote a backup of {actions.summary(counts)} to {file}.")


def _write_private(target: Path, text: str) -> None:
    """Write next to the target and move into place: a full disk never leaves half a backup under its name."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=".onward-backup-", suffix=".json", dir=target.parent)
    except OSError as exc:
        raise UserError(f"Cannot write {target} ({exc.strerror}).") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:  # mkstemp makes it readable by you alone
            out.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"Cannot write {target} ({exc.strerror}).") from None


@backup_app.command("import")
def import_(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A backup file; - for standard input.")],
    as_json: JsonFlag = False,
) -> None:
    """Restore a backup into your account, all or nothing. The account must be empty.

    JSON: {"restored": {section: count}, "version", "exported_at"}.
    Example: onward backup import ~/onward-backup.json
    """
    if file == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(file).expanduser().read_bytes()
        except OSError as exc:
            raise UserError(f"Cannot read {file} ({exc.strerror}).") from None
    user = acting_user()
    from onward.backups import actions

    restored = actions.import_backup(user, raw)
    if as_json:
        print_json(restored.as_dict())
        return
    typer.echo(f"Restored {actions.summary(restored.counts)}. Welcome back.")

"""Import sources and background jobs: a path or pasted text read in this process, or an upload kept in the
data folder and read by the queue's worker while the job's page follows its progress."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from onward.domain.mail.message import LABELS, Skipped
from onward.domain.mail.reader import MailError, open_source, parse_text
from onward.errors import UserError
from onward.mailimport import uploads
from onward.mailimport.importer import Importer, Report
from onward.mailimport.models import ImportedMail, ImportJob


def import_path(
    user: User,
    path: Path,
    *,
    today: date,
    dry_run: bool = False,
    progress: Callable[[int, int, Report], None] | None = None,
) -> Report:
    """Import one file or folder (``.eml``, ``.mbox``, Maildir, ``.txt``); MailError when it can't be read at all."""
    try:
        source = open_source(path)
    except MailError as exc:
        raise UserError(str(exc)) from None
    importer = Importer(user, today=today, dry_run=dry_run)
    total = source.total

    def tell(done: int, report: Report) -> None:
        if progress:
            progress(done, total, report)

    return importer.run(iter(source), tell)


def import_text(user: User, text: str, *, today: date, dry_run: bool = False) -> Report:
    """Import one pasted message."""
    if not text.strip():
        raise UserError("Paste a message first: with its From and Subject lines if you have them.")
    mail = parse_text(text)
    return Importer(user, today=today, dry_run=dry_run).run([(mail, len(text))])


def new_job(
    user: User,
    *,
    files: Iterable[tuple[str, Iterator[bytes]]] = (),
    text: str = "",
    dry_run: bool = False,
) -> ImportJob:
    """Keep the upload until it is read (see :mod:`.uploads`) and queue its reading; the job's page follows it."""
    files = list(files)
    if not files and not text.strip():
        raise UserError("Choose a file to upload, or paste a message.")
    if text.strip():
        files.append(("pasted.txt", iter([text.encode("utf-8")])))
    job = ImportJob(owner=user, dry_run=dry_run)
    try:
        if uploads.in_database():
            job.save()
            job.total = sum(
                uploads.keep_in_database(job, position, Path(name).name or f"upload-{position}", chunks)
                for position, (name, chunks) in enumerate(files, start=1)
            )
        else:
            job.folder = str(_keep_in_folder(job, files))
            job.total = sum(p.stat().st_size for p in Path(job.folder).iterdir())
    except OSError as exc:
        uploads.discard(job)
        if job.pk:
            job.delete()
        raise UserError(f"The upload could not be kept for reading ({exc.strerror}).") from None
    names = [Path(name).name or "a file" for name, _ in files]
    names = ["a pasted message" if n == "pasted.txt" and text.strip() else n for n in names]
    job.name = _names(names)[:300]
    job.save()
    from onward.mailimport.tasks import run_import

    run_import.enqueue(job.pk)
    return job


def _keep_in_folder(job: ImportJob, files: list[tuple[str, Iterator[bytes]]]) -> Path:
    folder = uploads.imports_dir() / job.uuid.hex
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        for position, (name, chunks) in enumerate(files, start=1):
            with (folder / uploads.file_name(position, name)).open("wb") as handle:
                for chunk in chunks:
                    handle.write(chunk)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]} and {len(names) - 1} more files"


def run_job(job_id: int, *, today: date) -> ImportJob:
    """Read a queued job's files, saving its progress as it goes (the page polls it)."""
    job = ImportJob.objects.select_related("owner").get(pk=job_id)
    if job.finished:
        return job
    job.status = "running"
    job.started_at = job.beat_at = timezone.now()
    job.save(update_fields=["status", "started_at", "beat_at"])
    folder = uploads.folder_for_reading(job)
    importer = Importer(job.owner, today=today, dry_run=job.dry_run, job=None if job.dry_run else job)
    read_before = 0
    failures: list[str] = []
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        for file in files:
            shown = file.name.split("-", 1)[-1]
            shown = "the pasted message" if shown == "pasted.txt" else shown
            try:
                source = open_source(file)
            except MailError as exc:
                failures.append(str(exc).replace(str(file), shown).replace(file.name, shown))
                importer.report.skip(Skipped(shown, str(exc).replace(str(file), shown).replace(file.name, shown)))
                read_before += file.stat().st_size
                continue

            def progress(done: int, report: Report, _base: int = read_before) -> None:
                _save_progress(job, _base + done, report)

            importer.run(iter(source), progress)
            read_before += file.stat().st_size
        report = importer.report
        _save_progress(job, job.total, report)
        job.status = "failed" if failures and len(failures) == len(files) else "done"
        job.error = failures[0] if job.status == "failed" else ""
        job.would = [f.as_dict() for f in report.applied + report.review] if job.dry_run else []
    except Exception:  # the job must end in a state the page can show
        job.status = "failed"
        job.error = "The import stopped because of an unexpected problem. Messages read before it stopped are kept."
        raise
    finally:
        job.finished_at = timezone.now()
        job.save()
        uploads.discard(job, folder)
    return job


def _save_progress(job: ImportJob, done: int, report: Report) -> None:
    job.done = min(done, job.total)
    job.messages = report.messages
    job.by_label = {label: report.by_label.get(label, 0) for label in LABELS}
    job.applied = len(report.applied)
    job.review = len(report.review)
    job.skipped_duplicates = report.skipped_duplicates
    job.skipped = [{"where": s.where, "reason": s.reason} for s in report.skipped]
    job.beat_at = timezone.now()
    fields = ["done", "messages", "by_label", "applied", "review", "skipped_duplicates", "skipped", "beat_at"]
    job.save(update_fields=fields)


# A worker saves progress every batch of messages (well under a second of work), so a running
# job silent this long has lost its worker: killed, or its machine gone.
STALE_AFTER = timedelta(minutes=3)


def recover_interrupted(older_than: timedelta = STALE_AFTER) -> int:
    """Jobs whose worker stopped in the middle are marked stopped (importing again is safe: duplicates skip)."""
    cutoff = timezone.now() - older_than
    silent = Q(beat_at__lt=cutoff) | Q(beat_at__isnull=True, started_at__lt=cutoff)
    stale = ImportJob.objects.filter(silent, status="running")
    for job in stale:
        uploads.discard(job)  # the upload is private mail: it never outlives its job
    return stale.update(
        status="failed",
        finished_at=timezone.now(),
        error="onward stopped while reading this import. Import the file again: "
        "the messages already read are recognised and skipped.",
    )


def job_items(user: User, job: ImportJob) -> dict[str, list[ImportedMail]]:
    rows = (
        ImportedMail.objects.for_user(user)
        .filter(job=job)
        .exclude(status="left")
        .select_related("application__company")
        .order_by("-sent_on", "-id")
    )
    grouped: dict[str, list[ImportedMail]] = {"applied": [], "review": [], "other": []}
    for row in rows:
        grouped["applied" if row.status == "applied" else "review" if row.status == "review" else "other"].append(row)
    return grouped

"""Where an upload waits until the worker reads it.

On one computer (local mode) it waits in ``DATA_DIR/imports/<job>/``: the web server and
its worker share that folder. On a server it waits in the database in 1 MB pieces
(:class:`UploadPart`), because the app server that took the upload and the worker that
reads it may be different machines; the worker copies it into a private temporary
folder of its own to read it. Either way it is deleted when the job ends.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

from onward.mailimport.models import ImportJob, UploadPart

PIECE = 1024 * 1024


def in_database() -> bool:
    return bool(settings.ONWARD_MODE == "server")


def imports_dir() -> Path:
    return Path(settings.ONWARD_DATA_DIR) / "imports"


def file_name(position: int, name: str) -> str:
    """The name a file of the upload is read under: its place, then its own (safe) name."""
    return f"{position:03d}-{Path(name).name or f'upload-{position}'}"


def keep_in_database(job: ImportJob, position: int, name: str, chunks: Iterator[bytes]) -> int:
    """Store one uploaded file as pieces of the saved ``job``; returns its size in bytes."""
    buffer, seq, size = bytearray(), 0, 0
    for chunk in chunks:
        buffer += chunk
        size += len(chunk)
        while len(buffer) >= PIECE:
            UploadPart.objects.create(job=job, position=position, name=name, seq=seq, data=bytes(buffer[:PIECE]))
            del buffer[:PIECE]
            seq += 1
    if buffer or seq == 0:
        UploadPart.objects.create(job=job, position=position, name=name, seq=seq, data=bytes(buffer))
    return size


def folder_for_reading(job: ImportJob) -> Path:
    """The folder holding the job's files: the data folder's, or one made from the database's pieces."""
    if job.folder:
        return Path(job.folder)
    folder = Path(tempfile.mkdtemp(prefix=f"onward-import-{job.uuid.hex[:8]}-"))
    pieces = UploadPart.objects.filter(job=job).order_by("position", "seq")
    handle = None
    current: tuple[int, str] | None = None
    try:
        for part in pieces.iterator(chunk_size=8):
            if current != (part.position, part.name):
                if handle:
                    handle.close()
                current = (part.position, part.name)
                handle = (folder / file_name(part.position, part.name)).open("wb")
            assert handle is not None
            handle.write(bytes(part.data))
    finally:
        if handle:
            handle.close()
    return folder


def discard(job: ImportJob, folder: Path | None = None) -> None:
    """Delete the upload, wherever it waited (it is private mail: it never outlives its job)."""
    UploadPart.objects.filter(job=job).delete()
    for path in {folder, Path(job.folder) if job.folder else None} - {None}:
        shutil.rmtree(path, ignore_errors=True)  # type: ignore[arg-type]

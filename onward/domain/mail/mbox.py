"""Splitting an mbox file into messages as a stream, in chunks: memory stays flat however large the file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

_CHUNK = 1 << 20
_LONG_LINE = 1 << 16  # a partial line longer than this cannot be an mbox "From " separator worth waiting for
_ENVELOPE = re.compile(
    rb"From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ", re.IGNORECASE
)
_UNESCAPE = re.compile(rb"^>(>*From )", re.MULTILINE)


def split_mbox(file: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    """Each message of an mbox as bytes (None when over ``limit``), with the file offset just after it.

    Reads in 1 MB chunks; memory stays flat whatever the file's size. A message
    starts at a line "From …" at the start of the file, after a blank line, or
    shaped like an mbox envelope ("From sender Mon Nov  3 10:00:00 2026").

    >>> import io
    >>> mbox = io.BytesIO(b"From a Mon Nov  3 10:00:00 2026\\nA: 1\\n\\nhi\\n\\nFrom b\\nB: 2\\n")
    >>> [m for m, _ in split_mbox(mbox, 1000)]
    [b'A: 1\\n\\nhi\\n\\n', b'B: 2\\n']
    """
    parts: list[bytes] = []
    size = 0
    over = False
    started = False  # a "From " line has been seen; data before it is a message only if it is not blank
    offset = 0  # file offset of buf[0]
    tail = b""  # the last, incomplete line of the previous chunk
    before = b"\n\n"  # the bytes just before buf: the start of the file counts as after a blank line
    mid_line = False  # buf starts inside an overlong line
    while True:
        chunk = file.read(_CHUNK)
        buf = tail + chunk if tail else chunk
        if not chunk:
            end = len(buf)
        else:
            end = buf.rfind(b"\n") + 1
            if end == 0 and len(buf) < _LONG_LINE:
                tail = buf
                continue
            if end == 0:
                end = len(buf)
        pos = 0
        at = 0 if buf.startswith(b"From ") and not mid_line else _next_from(buf, 0)
        while 0 <= at < end:
            line_end = buf.find(b"\n", at, end)
            line_end = end if line_end < 0 else line_end
            previous = (before + buf[:at])[-3:] if at < 3 else buf[at - 3 : at]
            if previous.endswith((b"\n\n", b"\n\r\n")) or _ENVELOPE.match(buf, at, min(line_end, at + 200)):
                piece = buf[pos:at]
                if started or piece.strip() or b"".join(parts).strip():
                    if not over and size + len(piece) <= limit:
                        parts.append(piece)
                        yield b"".join(parts), offset + at
                    else:
                        yield None, offset + at
                started, parts, size, over = True, [], 0, False
                pos = min(line_end + 1, end)
            at = _next_from(buf, at + 1)
        piece = buf[pos:end]
        if not over:
            size += len(piece)
            if size > limit:
                over, parts = True, []
            else:
                parts.append(piece)
        before = (before + buf[:end])[-3:] if end < 3 else buf[end - 3 : end]
        mid_line = end > 0 and buf[end - 1 : end] != b"\n"
        offset += end
        tail = buf[end:]
        if not chunk:
            break
    if over:
        yield None, offset
    elif started or b"".join(parts).strip():
        yield b"".join(parts), offset


def _next_from(buf: bytes, start: int) -> int:
    found = buf.find(b"\nFrom ", start)
    return found + 1 if found >= 0 else -1


def unescape(data: bytes) -> bytes:
    """A message as it was before the mbox escaped its "From " lines (mboxrd: one ">" less).

    >>> unescape(b"Hi\\n>From here on\\n>>From there")
    b'Hi\\nFrom here on\\n>From there'
    """
    return _UNESCAPE.sub(rb"\1", data) if b">From " in data else data

"""Reading mail: one RFC 5322 message, pasted text, or a whole .eml, .mbox, Maildir or folder, streamed.

Reading one message never fails: whatever cannot be decoded cleanly is read as
well as it can be and noted in ``Mail.problems``. Reading a file fails only for
the whole file (:class:`MailError`: not found, a zip archive, a binary file…);
inside it, one bad message becomes a :class:`Skipped` and the others carry on::

    >>> mail = parse_bytes(b"From: Acme <Jobs@Acme.example>\\nSubject: Your application\\n\\nThanks for applying.")
    >>> mail.sender_address, mail.subject, mail.body
    ('jobs@acme.example', 'Your application', 'Thanks for applying.')

Header blocks are parsed by the standard library (compat32) and decoded here;
bodies are split by :mod:`.mime`: several times faster than the standard
library parsing whole messages, which matters on a mailbox of 50,000.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from onward.domain.mail.decode import (
    HEADER_LIMIT,
    clean,
    decode_bytes,
    from_8bit,
    header_text,
    message_ids,
    name_and_address,
    normal_id,
    parse_date,
    unfold,
)
from onward.domain.mail.mbox import split_mbox, unescape
from onward.domain.mail.message import Mail, Skipped
from onward.domain.mail.mime import Part, decode_transfer, entity, split_multipart
from onward.domain.mail.text import FEW_WORDS, html_to_text, split_message

MAX_MESSAGE_BYTES = 25 * 1024 * 1024  # a bigger message is skipped, never buffered whole
_TOO_BIG = "larger than 25 MB; skipped"
_MAX_DEPTH = 12  # nesting of MIME parts and attached messages

# Headers kept on Mail.headers: what tells bulk and automatic mail from a person writing.
KEPT_HEADERS = (
    "list-id",
    "list-unsubscribe",
    "list-unsubscribe-post",
    "precedence",
    "auto-submitted",
    "x-auto-response-suppress",
    "x-autoreply",
    "x-autorespond",
    "x-mailer",
    "user-agent",
    "reply-to",
    "return-path",
    "sender",
    "feedback-id",
    "x-campaign",
    "x-campaign-id",
    "x-mailgun-tag",
    "x-sg-eid",
    "x-mc-user",
    "x-ses-outgoing",
)
_ADDRESS_HEADERS = frozenset({"from", "to", "subject", "date", "message-id", "in-reply-to", "references"})
_WANTED = _ADDRESS_HEADERS | frozenset(KEPT_HEADERS)

_HTML = re.compile(r"<(?:html|body|div|br|table)\b|<p[\s>]", re.IGNORECASE)
_RFC_HEADER = re.compile(r"[!-9;-~]+[ \t]*:")
_MIME_HINT = re.compile(
    r"^(?:Content-Type|MIME-Version|Content-Transfer-Encoding|Message-ID|Received|Return-Path|DKIM-Signature)[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
_PASTED_HEADER = re.compile(
    r"[ \t]*(From|De|Subject|Objet|Sujet|Date|Sent|Envoy[ée]|To|À|Cc|Reply-To|Message-ID)"
    r"[ \t\xa0]*:[ \t\xa0]*(.*?)\s*",
    re.IGNORECASE,
)
_PASTED_KEYS = {"de": "from", "objet": "subject", "sujet": "subject", "sent": "date", "envoyé": "date"}
_PASTED_KEYS |= {"envoye": "date", "à": "to"}


class MailError(ValueError):
    """A whole file onward cannot read as mail, said in plain words."""


# -- One message ------------------------------------------------------------------------------------------------------


def parse_bytes(data: bytes) -> Mail:
    """One RFC 5322 message. Never raises: what cannot be decoded cleanly is noted in ``problems``."""
    try:
        return _from_part(entity(data), 0)
    except Exception:  # a last resort: parsing must never stop an import
        fingerprint = "sha256:" + hashlib.sha256(data).hexdigest()
        problem = "the message could not be read as mail; its raw text is kept"
        try:
            text = decode_bytes(data[:MAX_MESSAGE_BYTES], None, [])
            return _assemble(_Parts(text=text, problems=[problem]), fingerprint=fingerprint)
        except Exception:
            return Mail(fingerprint=fingerprint, problems=(problem,))


def parse_text(text: str) -> Mail:
    """Pasted text: a header block at the top ("From:", "Objet :", … until a blank line) is used when present.

    >>> mail = parse_text("Objet : Votre candidature\\nDe : RH <rh@exemple.fr>\\n\\nMerci pour votre candidature.")
    >>> mail.subject, mail.sender_address, mail.body
    ('Votre candidature', 'rh@exemple.fr', 'Merci pour votre candidature.')
    """
    text = clean(text).lstrip("\ufeff")
    stripped = text.lstrip()
    head = stripped.split("\n\n", 1)[0]
    if _RFC_HEADER.match(stripped) and _MIME_HINT.search(head):
        return parse_bytes(stripped.encode("utf-8"))
    lines = stripped.split("\n")
    found: dict[str, str] = {}
    last = ""
    body_from = 0
    for index, line in enumerate(lines):
        header = _PASTED_HEADER.fullmatch(line)
        if header:
            name = header[1].lower()
            last = _PASTED_KEYS.get(name, name)
            found.setdefault(last, header[2])
            body_from = index + 1
        elif found and line[:1] in (" ", "\t") and line.strip():
            found[last] = f"{found[last]} {line.strip()}"  # a folded header line
            body_from = index + 1
        else:
            if found and not line.strip():
                body_from = index + 1
            break
    if not found:
        body_from = 0
    return _assemble(
        _Parts(
            subject=found.get("subject", ""),
            sender=found.get("from", ""),
            to=found.get("to", ""),
            date=parse_date(found.get("date", "")),
            date_raw=found.get("date", ""),
            text="\n".join(lines[body_from:]),
            message_id=normal_id(found.get("message-id", "")),
        )
    )


def mail_from_parts(
    subject: str | None, body: str | None, sender: str | None, *, message_id: str | None = None
) -> Mail:
    """A message already split into fields (a JSON line, a form); an HTML body is converted to text.

    >>> mail = mail_from_parts("Interview", "<p>Are you free on <b>Friday</b>?</p>", "Sam <Sam@Acme.example>")
    >>> mail.body, mail.sender_name, mail.sender_address
    ('Are you free on Friday?', 'Sam', 'sam@acme.example')
    """
    text = clean(body or "")
    if _HTML.search(text):
        text = html_to_text(text)
    return _assemble(
        _Parts(
            subject=clean(subject or "").strip(),
            sender=clean(sender or ""),
            text=text,
            message_id=normal_id(clean(message_id or "")),
        )
    )


@dataclass
class _Parts:
    """What a message says before its body is split: the fields a Mail is assembled from."""

    subject: str = ""
    sender: str = ""
    to: str = ""
    date: datetime | None = None
    date_raw: str = ""
    text: str = ""
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()
    problems: list[str] = field(default_factory=list)
    attached: Mail | None = None  # a message attached whole (message/rfc822): a forward


def _assemble(parts: _Parts, fingerprint: str = "") -> Mail:
    split = split_message(parts.text, parts.subject)
    subject, (name, address) = parts.subject, name_and_address(parts.sender, parts.problems)
    if not fingerprint:  # the Message-ID, or the content as it arrived, so the same mail always gives the same one
        if parts.message_id:
            fingerprint = "mid:" + parts.message_id
        else:
            key = "\n".join((address, parts.date_raw.strip(), " ".join(subject.split()), " ".join(parts.text.split())))
            fingerprint = "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()
    body, quoted, signature = split.new, split.quoted, split.signature
    if split.forwarded:
        forwarded_name, forwarded_address = name_and_address(split.forwarded.sender, parts.problems)
        if forwarded_address or forwarded_name:
            name, address = forwarded_name, forwarded_address
        subject = split.forwarded.subject or subject
    attached = parts.attached
    if attached is not None and len(body.split()) < FEW_WORDS:
        note = "\n\n".join(part for part in (body, quoted) if part)
        body, signature = attached.body, attached.signature
        quoted = "\n\n".join(part for part in (note, attached.quoted) if part)
        subject, name, address = attached.subject or subject, attached.sender_name, attached.sender_address
    elif attached is not None:
        quoted = "\n\n".join(part for part in (quoted, attached.body, attached.quoted) if part)
    return Mail(
        fingerprint=fingerprint,
        message_id=parts.message_id,
        subject=subject,
        sender_name=name,
        sender_address=address,
        to=parts.to,
        date=parts.date,
        body=body,
        quoted=quoted,
        signature=signature,
        in_reply_to=parts.in_reply_to,
        references=parts.references,
        headers=parts.headers,
        problems=tuple(dict.fromkeys(parts.problems)),
    )


def _from_part(part: Part, depth: int) -> Mail:
    problems: list[str] = []
    raw = part.fields
    kept = tuple((key, header_text(raw[key], problems)[:HEADER_LIMIT]) for key in KEPT_HEADERS if key in raw)
    attached: list[Part] = []
    text = _part_text(part, problems, attached, depth)
    date_raw = header_text(raw.get("date", ""), problems)
    parts = _Parts(
        subject=header_text(raw.get("subject", ""), problems),
        sender=unfold(from_8bit(raw.get("from", ""), problems)),
        to=header_text(raw.get("to", ""), problems)[:HEADER_LIMIT],
        date=parse_date(date_raw),
        date_raw=date_raw,
        text=text,
        message_id=normal_id(raw.get("message-id", "")),
        in_reply_to=normal_id(raw.get("in-reply-to", "")),
        references=message_ids(raw.get("references", "")),
        headers=kept,
        problems=problems,
    )
    if attached and depth < _MAX_DEPTH:
        parts.attached = _from_part(attached[0], depth + 1)
    return _assemble(parts)


def _part_text(part: Part, problems: list[str], attached: list[Part], depth: int) -> str:
    """The readable text of a MIME part: plain text preferred, HTML converted, attachments left out."""
    if depth > _MAX_DEPTH:
        problems.append("the message nests too deeply; its innermost parts were left out")
        return ""
    content_type = part.content_type
    if content_type.startswith("multipart/"):
        boundary = part.params()[1]
        bodies, closed = split_multipart(part.body, boundary) if boundary else ([], False)
        if not bodies:
            problems.append("a multipart message has no parts where it says; read as plain text")
            return _decoded(part, problems)
        if not closed:
            problems.append("the message looks cut off: a MIME part is never closed")
        default = "message/rfc822" if content_type == "multipart/digest" else "text/plain"
        children = [entity(body, default) for body in bodies]
        if content_type == "multipart/alternative":
            return _alternative(children, problems, attached, depth)
        texts = (_part_text(child, problems, attached, depth + 1) for child in children)
        return "\n\n".join(text for text in texts if text)
    if content_type in ("message/rfc822", "message/global"):
        attached.append(entity(decode_transfer(part.body, part.fields.get("content-transfer-encoding", ""), problems)))
        return ""
    if part.fields.get("content-disposition", "").lstrip().lower().startswith("attachment"):
        return ""
    if content_type == "text/plain":
        return _decoded(part, problems)
    if content_type == "text/html":
        return html_to_text(_decoded(part, problems))
    return ""


def _alternative(children: list[Part], problems: list[str], attached: list[Part], depth: int) -> str:
    kinds = [child.content_type for child in children]
    order = [i for i, kind in enumerate(kinds) if kind == "text/plain"]
    order += [i for i in reversed(range(len(children))) if kinds[i] != "text/plain"]  # the last is the richest
    for index in order:
        text = _part_text(children[index], problems, attached, depth + 1)
        if text.strip():
            return text
    return ""


def _decoded(part: Part, problems: list[str]) -> str:
    data = decode_transfer(part.body, part.fields.get("content-transfer-encoding", ""), problems)
    return decode_bytes(data, part.params()[0], problems)


# -- Files and folders ------------------------------------------------------------------------------------------------

SourceKind = Literal["eml", "mbox", "maildir", "folder", "text"]
_ARCHIVES = {".zip": "zip archive", ".gz": "compressed file", ".tgz": "compressed archive", ".7z": "7-Zip archive"}
_ARCHIVES |= {".rar": "RAR archive", ".bz2": "compressed file", ".xz": "compressed file", ".tar": "tar archive"}
_MAGIC = ((b"PK\x03\x04", ".zip"), (b"\x1f\x8b", ".gz"), (b"7z\xbc\xaf", ".7z"), (b"Rar!", ".rar"))
_TEXT_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r\f\v\x1b" + bytes(range(0x80, 0x100))
_MAIL_SUFFIXES: dict[str, SourceKind] = {".eml": "eml", ".mbox": "mbox", ".mbx": "mbox", ".txt": "text"}


@dataclass(frozen=True)
class MailSource:
    """A file or folder of mail, opened: iterate for ``(Mail or Skipped, bytes read so far)``; ``total`` is the end."""

    kind: SourceKind
    name: str
    total: int
    path: Path
    files: tuple[Path, ...] = ()  # Maildir and folders: the message files, in reading order

    def __iter__(self) -> Iterator[tuple[Mail | Skipped, int]]:
        if self.kind == "mbox":
            return _read_mbox(self.path)
        if self.kind in ("maildir", "folder"):
            return _read_files(self.path, self.files)
        return _read_single(self.path, self.kind)


def read_path(path: Path) -> Iterator[Mail | Skipped]:
    """Every message in a file or folder, as :func:`open_source` finds them."""
    for item, _done in open_source(path):
        yield item


def open_source(path: Path) -> MailSource:
    """Open an .eml, .mbox, .txt file, a Maildir (cur/ and new/) or a folder of .eml files, by content and name."""
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise MailError(f"{name}: no such file or folder.")
    if path.is_dir():
        return _open_folder(path, name)
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(8192)
    except OSError as exc:
        raise MailError(f"{name} could not be opened ({exc.strerror or exc}).") from None
    suffix = path.suffix.lower()
    magic = next((kind for signature, kind in _MAGIC if head.startswith(signature)), "")
    if suffix == ".zip" or magic == ".zip":
        raise MailError(f"{name} is a zip archive; unzip it and import the .mbox or .eml files inside.")
    if suffix in _ARCHIVES or magic:
        kind = _ARCHIVES.get(suffix) or _ARCHIVES[magic]
        raise MailError(f"{name} is a {kind}; extract it and import the .mbox or .eml files inside.")
    if size == 0 or not head.strip():
        raise MailError(f"{name} is empty.")
    if suffix == ".msg":
        raise MailError(f"{name} is an Outlook .msg file; save the message as .eml (File › Save As) and import that.")
    if head.startswith(b"From "):  # an mbox; one of its messages may well hold raw binary bytes
        return MailSource("mbox", name, size, path)
    if _is_binary(head):
        raise MailError(f"{name} is not mail: it holds binary data, not text.")
    if suffix in _MAIL_SUFFIXES:
        return MailSource(_MAIL_SUFFIXES[suffix], name, size, path)
    if _RFC_HEADER.match(head.decode("latin-1")):  # no or an unknown extension, but it starts with headers
        return MailSource("eml", name, size, path)
    raise MailError(f"{name}: onward does not know this kind of file; it reads .eml, .mbox, .txt and Maildir folders.")


def _is_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    odd = len(head.translate(None, _TEXT_BYTES))
    if odd > len(head) // 20:
        return True
    high = len(head) - len(head.translate(None, bytes(range(0x80, 0x100))))
    if high > len(head) * 3 // 10:
        try:
            head[:-4].decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


def _open_folder(path: Path, name: str) -> MailSource:
    try:
        if (path / "cur").is_dir() or (path / "new").is_dir():
            files = [f for sub in ("cur", "new") if (path / sub).is_dir() for f in sorted((path / sub).iterdir())]
            files = [f for f in files if f.is_file() and not f.name.startswith(".")]
            return MailSource("maildir", name, sum(f.stat().st_size for f in files), path, tuple(files))
        files = sorted(f for f in path.rglob("*") if f.suffix.lower() == ".eml" and f.is_file())
    except OSError as exc:
        raise MailError(f"{name} could not be read ({exc.strerror or exc}).") from None
    if not files:
        raise MailError(f"{name} is a folder but neither a Maildir (with cur and new inside) nor holds .eml files.")
    return MailSource("folder", name, sum(f.stat().st_size for f in files), path, tuple(files))


def _read_files(root: Path, files: tuple[Path, ...]) -> Iterator[tuple[Mail | Skipped, int]]:
    done = 0
    for file in files:
        where = file.relative_to(root).as_posix()
        try:
            size = file.stat().st_size
            if size > MAX_MESSAGE_BYTES:
                item: Mail | Skipped = Skipped(where, _TOO_BIG)
            else:
                item = _parse_one(file.read_bytes(), where)
        except OSError as exc:
            size = 0
            item = Skipped(where, f"could not be read ({exc.strerror or 'input/output error'})")
        done += size
        yield item, done


def _read_single(path: Path, kind: SourceKind) -> Iterator[tuple[Mail | Skipped, int]]:
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_MESSAGE_BYTES else b""
    except OSError as exc:
        raise MailError(f"{path.name} could not be read ({exc.strerror or exc}).") from None
    if size > MAX_MESSAGE_BYTES:
        yield Skipped(path.name, _TOO_BIG), size
    elif kind == "text":
        yield parse_text(decode_bytes(data, None, [])), size
    else:
        yield _parse_one(data, path.name), size


def _parse_one(data: bytes, where: str) -> Mail | Skipped:
    try:
        return parse_bytes(data)
    except Exception:  # parse_bytes does not raise; this keeps one surprise from stopping the rest
        return Skipped(where, "could not be read: the message is damaged in a way onward does not understand")


def _read_mbox(path: Path) -> Iterator[tuple[Mail | Skipped, int]]:
    number = 0
    try:
        with path.open("rb") as file:
            for data, done in split_mbox(file, MAX_MESSAGE_BYTES):
                number += 1
                where = f"message {number}"
                if data is None:
                    yield Skipped(where, _TOO_BIG), done
                elif not data.strip():
                    yield Skipped(where, "empty: nothing between two “From ” lines"), done
                else:
                    yield _parse_one(unescape(data), where), done
    except OSError as exc:
        raise MailError(f"{path.name} could not be read after message {number} ({exc.strerror or exc}).") from None

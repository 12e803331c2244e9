"""The MIME structure of a message: header blocks read as the standard library reads them, bodies cut on bytes.

The standard library's compat32 parser reads a whole message line by line in
Python and compiles a regular expression for every new multipart boundary; on
a large mailbox that is most of the time spent. Here a header block is read
with one pattern that follows compat32's own rules (the same header lines, the
same raw values, folding kept), bodies are cut at their boundaries with
``bytes.find`` and decoded with ``binascii``, and parts nobody reads
(attachments) are never parsed. Unusual forms go to the standard library:
header blocks with bare "\\r" line ends, RFC 2231 parameters::

    >>> part = entity(b"Content-Type: text/plain\\r\\nSubject: Hi\\r\\n\\r\\nHello")
    >>> part.fields["subject"], part.content_type, part.body
    ('Hi', 'text/plain', b'Hello')
    >>> split_multipart(b"preamble\\n--b1\\n\\nOne\\n--b1\\n\\nTwo\\n--b1--\\nepilogue", "b1")
    ([b'\\nOne', b'\\nTwo'], True)
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import compat32

# The lines compat32 reads as headers: "Name:", continuation lines, and a Unix "From " line.
_HEADER_LINES = re.compile(rb"(?:(?:From |[!-9;-~]*:|[ \t])[^\n]*+(?:\n|\Z))*+")
_HEADER = re.compile(r"^([!-9;-~]*):([^\n]*+(?:\n[ \t][^\n]*+)*+)", re.MULTILINE)
_PARAM = re.compile(r"""[;\s]([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*=[ \t]*("(?:[^"\\]|\\.)*+"?|[^;\s"]*+)""")
_ESCAPED = re.compile(r"\\(.)")
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]+")
_HEADERS = BytesHeaderParser(policy=compat32)


@dataclass(frozen=True, slots=True)
class Part:
    """A message or MIME part: its headers as compat32 stores them, and its raw body."""

    headers: list[tuple[str, str]]  # (name, raw value) in order; 8-bit bytes kept as surrogates
    fields: dict[str, str]  # the first value of each header, by lower-case name
    body: bytes
    default_type: str = "text/plain"  # "message/rfc822" inside multipart/digest

    @property
    def content_type(self) -> str:
        """The MIME type in lower case, as ``Message.get_content_type`` gives it."""
        value = self.fields.get("content-type")
        if value is None:
            return self.default_type
        kind = value.partition(";")[0].strip().lower()
        return kind if kind.count("/") == 1 else "text/plain"

    def params(self) -> tuple[str | None, str | None]:
        """(charset in lower case, boundary) from Content-Type; None when absent.

        >>> entity(b'Content-Type: multipart/mixed; boundary="=_b 1"; charset=UTF-8\\n\\n').params()
        ('utf-8', '=_b 1')
        """
        value = self.fields.get("content-type")
        if value is None:
            return None, None
        if "*" in value:  # RFC 2231 ("charset*=utf-8''…", continuations): the standard library's job
            message = Message()
            for name, raw in self.headers:
                message[name] = raw
            return message.get_content_charset(), message.get_boundary()
        found = {name.lower(): _unquote(raw) for name, raw in _PARAM.findall(value)}
        charset, boundary = found.get("charset"), found.get("boundary")
        return (charset.strip().lower() or None) if charset else None, (boundary.rstrip() or None) if boundary else None


def entity(data: bytes, default_type: str = "text/plain") -> Part:
    """A message or MIME part from its bytes."""
    end = _HEADER_LINES.match(data).end()  # type: ignore[union-attr]  # the pattern matches the empty string
    block = data[:end]
    if b"\r" in block and block.count(b"\r") != block.count(b"\r\n"):
        return _entity_by_stdlib(data, end, default_type)  # lines ending in a bare "\r"
    headers = []
    fields: dict[str, str] = {}
    for name, value in _HEADER.findall(block.decode("ascii", "surrogateescape")):
        if name:  # as compat32 stores a header: the value after "name:", folding kept, no line end
            value = value.lstrip(" \t").rstrip("\r\n")
            headers.append((name, value))
            fields.setdefault(name.lower(), value)
    if data.startswith(b"\r\n", end):
        end += 2
    elif data.startswith(b"\n", end):
        end += 1
    return Part(headers, fields, data[end:], default_type)


def _entity_by_stdlib(data: bytes, end: int, default_type: str) -> Part:
    message = _HEADERS.parsebytes(data[:end])
    headers = [(name, value if isinstance(value, str) else str(value)) for name, value in message.raw_items()]
    fields: dict[str, str] = {}
    for name, value in headers:
        fields.setdefault(name.lower(), value)
    leftover = message.get_payload()  # where the parser ended the headers before the pattern did
    rest = data[end:]
    if rest.startswith(b"\r\n"):
        rest = rest[2:]
    elif rest.startswith((b"\n", b"\r")):
        rest = rest[1:]
    if isinstance(leftover, str) and leftover:
        rest = leftover.encode("ascii", "surrogateescape") + rest
    return Part(headers, fields, rest, default_type)


def _unquote(value: str) -> str:
    if len(value) > 1 and value[0] == value[-1] == '"':
        value = value[1:-1]
        return _ESCAPED.sub(r"\1", value) if "\\" in value else value
    return value


def split_multipart(body: bytes, boundary: str) -> tuple[list[bytes], bool]:
    """The parts between "--boundary" lines, and whether the closing "--boundary--" was there.

    Like RFC 2046 and the standard library: a delimiter is a whole line (trailing
    blanks allowed); the line break before it belongs to it; preamble and
    epilogue are dropped. No delimiter at all gives no parts.
    """
    try:
        delimiter = b"--" + boundary.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        delimiter = b"--" + boundary.encode("utf-8", "replace")
    parts: list[bytes] = []
    start = -1  # where the current part's content starts; -1 until the first delimiter
    search = 0
    while True:
        found = body.find(delimiter, search)
        if found < 0:
            if start >= 0:
                parts.append(body[start:])
            return parts, False
        search = found + len(delimiter)
        if found and body[found - 1] != 0x0A:  # not at the start of a line
            continue
        closing = body.startswith(b"--", search)
        line_end = body.find(b"\n", search)
        rest = body[search + 2 * closing : len(body) if line_end < 0 else line_end]
        if rest.strip(b" \t\r"):
            continue  # "--boundary-and-more": a longer boundary or text, not this delimiter
        if start >= 0:
            content_end = found - 1 if found else 0
            if content_end and body[content_end - 1] == 0x0D:
                content_end -= 1
            parts.append(body[start:content_end])
        if closing:
            return parts, True
        start = len(body) if line_end < 0 else line_end + 1
        search = start


def decode_transfer(body: bytes, encoding: str, problems: list[str]) -> bytes:
    """A part's bytes without their Content-Transfer-Encoding (base64, quoted-printable)."""
    encoding = encoding.strip().lower()
    if encoding == "base64":
        try:
            return binascii.a2b_base64(body)
        except (binascii.Error, ValueError):
            problems.append("a base64 part is damaged; read what could be decoded")
            clean = _NOT_BASE64.sub(b"", body)
            clean = clean[:-1] if len(clean) % 4 == 1 else clean + b"=" * (-len(clean) % 4)
            try:
                return binascii.a2b_base64(clean)
            except (binascii.Error, ValueError):
                return b""
    if encoding == "quoted-printable":
        return binascii.a2b_qp(body)
    return body

"""Decoding what mail headers and parts carry: character sets, RFC 2047 words, addresses, dates and Message-IDs.

Every function here returns something for any input and never raises; what had
to be guessed is added to the ``problems`` list it is given::

    >>> header_text("=?iso-8859-1?q?Nous_avons_le_regret?=", [])
    'Nous avons le regret'
    >>> name_and_address('"Doe, Jane" <Jane@Example.ORG>', [])
    ('Doe, Jane', 'jane@example.org')
"""

from __future__ import annotations

import re
from datetime import datetime
from email.header import decode_header
from email.utils import parseaddr, parsedate_to_datetime

HEADER_LIMIT = 500  # characters kept of a header value on Mail
_RAW_LIMIT = 16_384  # characters of a raw header value read at all: real ones are far shorter
_CHARSET_ALIASES = {
    # Mail labelled Latin-1 or ASCII is often Windows-1252 or UTF-8 in fact; both read Latin-1/ASCII text unchanged.
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
}
_FOLD = re.compile(r"\r?\n|\r")
_ID = re.compile(r"<([^<>]*)>")
_BARE = r"[^<>\s@\"(),;:\\\[\]]+@[^<>\s@\"(),;:\\\[\]]+"
_SIMPLE_FROM = re.compile(rf"""(?:"([^"\\]*)"|([^"<>@,;:\\()\[\]]*?))\s*<({_BARE})>\s*|<?({_BARE})>?\s*""")
# An address anywhere in a value; it starts only where a run of address characters starts, so a search
# stays linear on a long value with no "@" in it.
_ADDRESS = re.compile(r"(?<![^\s<>\"'(),;:@\[\]])[^\s<>\"'(),;:@\[\]]++@[^\s<>\"'(),;:@\[\]]++")
_ADDRESS_LIMIT = 2000  # longer than any real From value; the standard library's parser recurses on "((((("


def decode_bytes(data: bytes, charset: str | None, problems: list[str]) -> str:
    """Text from bytes: the declared character set, else UTF-8, else Windows-1252; never fails."""
    if charset:
        name = charset.strip().strip("\"'").lower()[:40]
        for candidate in dict.fromkeys((_CHARSET_ALIASES.get(name, name), name)):
            try:
                return data.decode(candidate)
            except LookupError:
                problems.append(f"unknown character set “{name}”; read as UTF-8 or Windows-1252")
                break
            except (UnicodeError, ValueError):
                continue
        else:
            problems.append(f"text is not valid {name}; read as UTF-8 or Windows-1252")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not charset:
        problems.append("no character set declared and not UTF-8; read as Windows-1252")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def from_8bit(value: str, problems: list[str]) -> str:
    """A header value as text: raw 8-bit bytes (kept by the parser as surrogates) are decoded."""
    value = value[:_RAW_LIMIT]
    if value.isascii():
        return value
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value
    return decode_bytes(data, None, problems)


def unfold(value: str) -> str:
    return _FOLD.sub("", value).strip() if "\n" in value or "\r" in value else value.strip()


def header_text(value: str, problems: list[str]) -> str:
    """A header decoded to text: 8-bit bytes, folding and RFC 2047 encoded words ("=?utf-8?q?…?=")."""
    value = unfold(from_8bit(value, problems))
    if "=?" not in value:
        return value
    try:
        chunks = decode_header(value)
    except Exception:
        problems.append("a header has damaged encoded words; kept as written")
        return value
    text = "".join(
        chunk if isinstance(chunk, str) else decode_bytes(chunk, charset, problems) for chunk, charset in chunks
    )
    return " ".join(text.split())


def name_and_address(value: str, problems: list[str]) -> tuple[str, str]:
    """(display name, lower-case address) from a From value; either is "" when missing."""
    value = value.strip()[:_ADDRESS_LIMIT]
    if not value:
        return "", ""
    simple = _SIMPLE_FROM.fullmatch(value)
    if simple:  # "Name <address>", "\"Name\" <address>" or a bare address: most mail, read without parseaddr
        name, address = simple[1] or simple[2] or "", simple[3] or simple[4]
    else:
        try:
            name, address = parseaddr(value)
        except Exception:
            name, address = "", ""
    if "@" not in address or any(c in address for c in " <>\"'"):
        found = _ADDRESS.search(value)
        address = found.group() if found else ""
        name = value.replace(address, "").replace("<>", "") if address else value
    name = header_text(name, problems) if "=?" in name else name
    return " ".join(name.strip(" \t\"'*").split()), address.strip().lower()


def parse_date(value: str) -> datetime | None:
    value = value[:200]
    if not value.strip():
        return None
    try:
        return parsedate_to_datetime(value)
    except Exception:
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            return None


def normal_id(value: str) -> str | None:
    """A Message-ID without its angle brackets and spaces, the domain in lower case."""
    value = value[:_RAW_LIMIT]
    found = _ID.search(value)
    value = "".join((found[1] if found else value).split()).strip("<>")[:HEADER_LIMIT]
    if not value:
        return None
    local, at, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}" if at and local else value


def clean(text: str) -> str:
    """Text safe to store: lone surrogates replaced, line ends as "\\n"."""
    if not text.isascii():
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def message_ids(value: str) -> tuple[str, ...]:
    """Every Message-ID in a References header, normalised (the last hundred: the nearest ancestors)."""
    return tuple(filter(None, (normal_id(f"<{ref}>") for ref in _ID.findall(value[-_RAW_LIMIT:])[-100:])))

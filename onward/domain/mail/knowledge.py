"""What onward knows for reading mail, from ``data/mail.toml``: the senders (tracking systems, assessment
platforms, job boards, free mail), the phrases a company or a role follows, and the word lists of [extract].
Each table is read once and checked; a problem raises :class:`SenderError` naming the table."""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any


class SenderError(ValueError):
    """A [senders] table onward cannot use."""


@dataclass(frozen=True)
class JobBoard:
    name: str
    domains: tuple[str, ...]
    addresses: re.Pattern[str] | None  # which mailboxes of the board are about jobs; None: all of them


@dataclass(frozen=True)
class SenderKind:
    """What sort of sender a message has, for judging it and for explaining the judgement."""

    kind: str  # "ats", "assessment", "job_board", "free_mail", "" (a company, a person, anything else)
    name: str  # the matched domain or board: "greenhouse.io", "LinkedIn"


@dataclass(frozen=True)
class SenderBook:
    ats: frozenset[str]
    assessment: frozenset[str]
    free_mail: frozenset[str]
    job_boards: tuple[JobBoard, ...]
    name_suffixes: tuple[str, ...]  # longest first
    suffix_pattern: re.Pattern[str]  # all of them at the end of a name
    known: dict[str, SenderKind] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def kind(self, address: str) -> SenderKind:
        """What ``address`` is.

        >>> book = sender_book()
        >>> book.kind("no-reply@acme.myworkdayjobs.com"), book.kind("jobalerts-noreply@linkedin.com").kind
        (SenderKind(kind='ats', name='myworkdayjobs.com'), 'job_board')
        >>> book.kind("messages-noreply@linkedin.com").kind, book.kind("sam@acme.com").kind
        ('', '')
        """
        found = self.known.get(address)
        if found is None:
            if len(self.known) > 10_000:
                self.known.clear()
            found = self.known[address] = self._kind(address)
        return found

    def _kind(self, address: str) -> SenderKind:
        local, _, domain = address.lower().rpartition("@")
        if not domain:
            return SenderKind("", "")
        for kind, known in (("ats", self.ats), ("assessment", self.assessment), ("free_mail", self.free_mail)):
            found = _domain_in(domain, known)
            if found:
                return SenderKind(kind, found)
        for board in self.job_boards:
            if _domain_in(domain, board.domains):
                if board.addresses is None or board.addresses.search(local):
                    return SenderKind("job_board", board.name)
                return SenderKind("", board.name)
        return SenderKind("", "")

    def is_vendor(self, domain: str) -> bool:
        """Whether ``domain`` belongs to a vendor (tracking system, test platform, job board, free mail)."""
        found = self.kind("@" + domain)
        return bool(found.kind or found.name)


def _domain_in(domain: str, known: frozenset[str] | tuple[str, ...]) -> str:
    """The entry of ``known`` that ``domain`` is, or is under ("mail.acme.com" is under "acme.com"), or ""."""
    while domain:
        if domain in known:
            return domain
        domain = domain.partition(".")[2]
    return ""


def parse_senders(data: dict[str, Any], source: str = "mail.toml") -> SenderBook:
    """The [senders] table of a parsed mail.toml."""
    raw = data.get("senders")
    if not isinstance(raw, dict):
        raise SenderError(f"{source}: [senders] is missing.")
    try:
        boards = []
        for index, board in enumerate(raw.get("job_boards", []), start=1):
            where = f"{source} [[senders.job_boards]] {board.get('name') or index}"
            if not board.get("domains"):
                raise SenderError(f"{where}: domains is missing.")
            addresses = board.get("addresses")
            try:
                pattern = re.compile(addresses) if addresses else None
            except re.error as exc:
                raise SenderError(f"{where}: addresses is not a valid regular expression ({exc}).") from None
            boards.append(JobBoard(str(board.get("name", "")), tuple(d.lower() for d in board["domains"]), pattern))
        suffixes = tuple(sorted({s.lower() for s in raw.get("name_suffixes", ())}, key=len, reverse=True))
        return SenderBook(
            ats=frozenset(d.lower() for d in raw["ats"]),
            assessment=frozenset(d.lower() for d in raw.get("assessment", ())),
            free_mail=frozenset(d.lower() for d in raw.get("free_mail", ())),
            job_boards=tuple(boards),
            name_suffixes=suffixes,
            suffix_pattern=re.compile(
                r"(?:(?:^|[ \t]*[-–—|,:]?[ \t]+)(?:" + "|".join(re.escape(s) for s in suffixes) + r"))+[ \t]*$",
                re.IGNORECASE,
            ),
        )
    except KeyError as exc:
        raise SenderError(f"{source} [senders]: {exc.args[0]} is missing.") from None
    except (TypeError, AttributeError):
        raise SenderError(f"{source} [senders]: a value has the wrong type.") from None


@functools.cache
def _shipped() -> dict[str, Any]:
    text = resources.files("onward.domain").joinpath("data/mail.toml").read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SenderError(f"onward's mail.toml: not valid TOML ({exc}).") from None


@functools.cache
def sender_book() -> SenderBook:
    """The shipped sender knowledge."""
    return parse_senders(_shipped(), "onward's mail.toml")


@functools.lru_cache(maxsize=4096)
def phrase_regex(pattern: str) -> str:
    """A pattern of mail.toml as a regular expression: a space matches any run of white space (" ?" any, even
    none) and an apostrophe matches ' and ’.

    >>> phrase_regex("won't be moving")
    "won['’]t\\\\s+be\\\\s+moving"
    """
    out = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
        elif char == " ":
            optional = pattern[index + 1 : index + 2] == "?"
            out.append(r"\s*" if optional else r"\s+")
            index += 1 if optional else 0
        elif char in "'’":
            out.append("['’]")
        else:
            out.append(char)
        index += 1
    return "".join(out)


@dataclass(frozen=True)
class AnchorPatterns:
    """The [extract] table: the phrases after which a company or a role is written, and the words a role precedes."""

    company_after: tuple[str, ...]
    role_after: tuple[str, ...]
    role_words: tuple[str, ...]
    scanner: re.Pattern[str]  # all of them at once, for extract() on its own (the classifier finds them itself)


def parse_anchors(data: dict[str, Any], source: str = "mail.toml") -> AnchorPatterns:
    raw = data.get("extract", {})
    try:
        lists = [tuple(str(p) for p in raw.get(key, ())) for key in ("company_after", "role_after", "role_words")]
        scanner = re.compile(
            r"\s(?:(?:"
            + "|".join(phrase_regex(p) for p in lists[0])
            + r")[ \t\n]+()|(?:"
            + "|".join(phrase_regex(p) for p in lists[1])
            + r")[ \t]*()|(?:"
            + "|".join(phrase_regex(p) for p in lists[2])
            + r")(?![\w-])())"
        )
    except re.error as exc:
        raise SenderError(f"{source} [extract]: a pattern is not a valid regular expression ({exc}).") from None
    return AnchorPatterns(lists[0], lists[1], lists[2], scanner)


@dataclass(frozen=True)
class ExtractWords:
    """The word lists of the [extract] table."""

    sentence_words: frozenset[str]  # start a sentence, never a company's name ("We", "Unfortunately")
    not_company: frozenset[str]  # never a company on their own ("Application", "Monday")
    legal_forms: frozenset[str]  # dropped from the end of a name ("Inc", "GmbH")
    subdomain_noise: frozenset[str]  # say nothing about who sends (mail.acme.com, jobs.acme.com)


@functools.cache
def extract_words() -> ExtractWords:
    """The shipped [extract] word lists."""
    raw = _shipped().get("extract", {})
    try:
        return ExtractWords(*(frozenset(str(w).lower() for w in raw[key]) for key in ExtractWords.__dataclass_fields__))
    except KeyError as exc:
        raise SenderError(f"onward's mail.toml [extract]: {exc.args[0]} is missing.") from None


@functools.cache
def anchor_patterns() -> AnchorPatterns:
    """The shipped [extract] table."""
    return parse_anchors(_shipped(), "onward's mail.toml")

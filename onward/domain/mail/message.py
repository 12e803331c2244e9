"""The shapes mail is read into and judged as, shared by the reader, the classifier and the importer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

Label = Literal["rejection", "interview", "offer", "confirmation", "other_job", "not_job"]
LABELS: tuple[Label, ...] = ("rejection", "interview", "offer", "confirmation", "other_job", "not_job")
JOB_LABELS: tuple[Label, ...] = ("rejection", "interview", "offer", "confirmation")


@dataclass(frozen=True)
class Mail:
    """One message, decoded: headers as text, the body as plain text split into what was newly written and the rest.

    ``body`` is only what the sender wrote this time; quoted replies and forwarded
    history go to ``quoted`` and the signature to ``signature`` so they do not
    drive a decision. ``fingerprint`` is the normalised Message-ID, or a hash of
    the content when there is none: the same message gives the same fingerprint.
    """

    fingerprint: str
    message_id: str | None = None
    subject: str = ""
    sender_name: str = ""
    sender_address: str = ""  # lower case; "" when unknown
    to: str = ""
    date: datetime | None = None
    body: str = ""
    quoted: str = ""
    signature: str = ""
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    # Headers that help judge bulk or automatic mail, names in lower case
    # (list-id, list-unsubscribe, precedence, auto-submitted, x-mailer, reply-to, ...).
    headers: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()  # what could not be decoded cleanly, in words

    @property
    def sender_domain(self) -> str:
        return self.sender_address.rpartition("@")[2] if "@" in self.sender_address else ""

    def header(self, name: str) -> str:
        name = name.lower()
        return next((value for key, value in self.headers if key == name), "")


@dataclass(frozen=True)
class Skipped:
    """A message that could not be read, and why, in words a person understands."""

    where: str  # "message 12", "cur/1699999.M1P2.host:2,S", "line 4"
    reason: str


@dataclass(frozen=True)
class Guess:
    """An extracted value with how sure onward is of it, from 0 to 1."""

    value: str
    confidence: float


@dataclass(frozen=True)
class Verdict:
    """What a message is, how sure onward is, and the phrases and headers that decided it."""

    label: Label
    confidence: float
    evidence: tuple[str, ...] = ()
    company: Guess | None = None
    role: Guess | None = None
    scores: dict[str, float] = field(default_factory=dict)  # per label, for explaining and tuning

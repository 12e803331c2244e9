"""Writing a draft from what the tracker knows, in a tone, from the phrasings in force.

The composer is handed plain facts (:class:`Facts`) and a phrase book and
returns a :class:`Draft`: subject, body, the channel and its limit, and warnings
that say what would make the draft stronger. It never leaves a blank in the
text: a section that cannot be filled falls back or is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from onward.domain.drafts.lint import Finding, LintContext, lint
from onward.domain.drafts.phrasebook import KINDS, TONES, Book, Tone, blanks
from onward.domain.drafts.text import first_name, plain_role, platform_length, word_count

CHANNELS = ("email", "linkedin", "message")
CHANNEL_LABELS = {"email": "Email", "linkedin": "LinkedIn connection note", "message": "Message"}
DEFAULT_CHANNEL = dict.fromkeys(KINDS, "email") | {"connect_note": "linkedin"}
ALLOWED_CHANNELS = dict.fromkeys(KINDS, ("email",)) | {
    "connect_note": ("linkedin",),
    "stay_in_touch": ("email", "message"),
}
MESSAGE_LIMIT = 8000  # a LinkedIn message
NOTE_LIMIT_FREE, NOTE_LIMIT_PREMIUM = 200, 300
SHARE_KINDS = ("update", "congrats", "article")

# Paragraphs of sections, in order; a paragraph whose sections are all left out disappears.
LAYOUTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "thank_you": (("greeting",), ("opening", "detail"), ("interest", "ask"), ("signoff",)),
    "feedback_request": (("greeting",), ("opening",), ("ask", "question", "grace"), ("signoff",)),
    "connect_note": (("greeting", "intro", "detail", "hope"),),
    "feedback_reply": (("greeting",), ("thanks", "takeaway"), ("door",), ("signoff",)),
    "stay_in_touch": (("greeting",), ("opening", "share"), ("close",), ("signoff",)),
    "follow_up": (("greeting",), ("opening",), ("interest", "ask"), ("grace",), ("signoff",)),
}
COMBINED_PARAGRAPH = ("ask_combined", "question", "grace")  # from the feedback request, inside a thank-you


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str = ""
    relationship: str = "other"
    profile_url: str = ""
    company: str = ""


@dataclass(frozen=True)
class Facts:
    """What a draft may draw on. Empty strings mean "not known"."""

    kind: str
    company: str
    role: str
    recipient: Recipient | None = None
    sender: str = ""
    meeting: str = ""  # how you met: "the final-round interview", "our call"
    focus: str = ""  # what feedback is asked about: "the final round"
    detail: str = ""  # one phrase from the notes, see detail.choose_detail
    specifics: tuple[str, ...] = ()  # the notes' text, for the lint's "nothing specific"
    takeaway: str = ""
    disagree: bool = False
    share_kind: str = ""
    share: str = ""
    applied_on: date | None = None
    ask_feedback: bool = False
    channel: str = ""
    note_limit: int = NOTE_LIMIT_FREE
    variant: int = 0
    other_companies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    kind: str
    tone: str
    channel: str
    subject: str | None
    body: str
    limit: int | None
    warnings: tuple[Finding, ...] = field(default=())

    @property
    def length(self) -> int:
        return platform_length(self.body)

    @property
    def words(self) -> int:
        return word_count(self.body)


class DraftError(ValueError):
    pass


def channel_for(kind: str, chosen: str = "") -> str:
    if kind not in KINDS:
        raise DraftError(f"onward drafts no {kind!r} messages; use one of: {', '.join(KINDS)}")
    if not chosen:
        return DEFAULT_CHANNEL[kind]
    if chosen not in ALLOWED_CHANNELS[kind]:
        raise DraftError(f"a {kind} goes by {' or '.join(ALLOWED_CHANNELS[kind])}, not {chosen!r}")
    return chosen


def limit_for(channel: str, note_limit: int = NOTE_LIMIT_FREE) -> int | None:
    """The channel's length limit in characters, if it has one."""
    return {"linkedin": note_limit, "message": MESSAGE_LIMIT}.get(channel)


def compose(facts: Facts, books: dict[str, Book], tone: str = "warm") -> Draft:
    """A draft of ``facts.kind`` in ``tone``. ``books`` maps each kind to its phrasings in force."""
    if tone not in TONES:
        raise DraftError(f"unknown tone {tone!r}; use one of: {', '.join(TONES)}")
    channel = channel_for(facts.kind, facts.channel)
    limit = limit_for(channel, facts.note_limit)
    slots = _slots(facts)
    writer = _Writer(books, facts, tone, slots)
    warnings = _warnings(facts, channel, slots)
    if facts.kind == "connect_note":
        body, dropped = writer.fitting_note(limit or NOTE_LIMIT_FREE)
        if dropped:
            warnings.append(
                Finding(
                    "detail_left_out",
                    f"The detail from your notes didn't fit in {limit} characters, so it's left out.",
                )
            )
        subject = None
    else:
        body = writer.body(facts.variant)
        subject = writer.pick(facts.kind, "subject", facts.variant) if channel == "email" else None
    context = lint_context(facts, channel)
    warnings += lint(body, context)
    return Draft(facts.kind, tone, channel, subject, body, limit, tuple(_unique(warnings)))


def lint_context(facts: Facts, channel: str) -> LintContext:
    """What the lint needs to know about this conversation."""
    return LintContext(
        kind=facts.kind,
        channel=channel,
        limit=limit_for(channel, facts.note_limit),
        company=facts.company,
        role=plain_role(facts.role),
        specifics=facts.specifics + ((facts.detail,) if facts.detail else ()),
        other_companies=facts.other_companies,
        combined=facts.ask_feedback,
    )


def _slots(facts: Facts) -> dict[str, str]:
    recipient = facts.recipient
    values = {
        "first_name": first_name(recipient.name) if recipient else "",
        "name": recipient.name.strip() if recipient else "",
        "role": plain_role(facts.role),
        "company": facts.company.strip(),
        "detail": facts.detail.strip(),
        "meeting": facts.meeting.strip() or "the interview process",
        "focus": facts.focus.strip() or "my interviews",
        "sender": facts.sender.strip(),
        "takeaway": facts.takeaway.strip().rstrip("."),
        "share": facts.share.strip().rstrip(".") if facts.share_kind != "article" else facts.share.strip(),
        "applied_on": _day(facts.applied_on),
    }
    return values


def _day(on: date | None) -> str:
    return f"{on.day} {on:%B}" if on else ""


class _Writer:
    def __init__(self, books: dict[str, Book], facts: Facts, tone: str, slots: dict[str, str]) -> None:
        self.books, self.facts, self.tone, self.slots = books, facts, tone, slots
        relationship = facts.recipient.relationship if facts.recipient else ""
        self.flavours = [f for f in (relationship, "disagree" if facts.disagree else "", facts.share_kind) if f]

    def _table(self, kind: str) -> Tone:
        return self.books[kind].get(self.tone) or self.books[kind]["warm"]

    def pick(self, kind: str, section: str, variant: int) -> str | None:
        """One phrasing for a section: flavoured first, then plain, then the fallback; None when none fills."""
        table = self._table(kind)
        names = [f"{section}_{f}" for f in self.flavours] + [section, f"{section}_fallback"]
        for name in names:
            usable = [p for p in table.get(name, ()) if all(self.slots.get(b) for b in blanks(p))]
            if usable:
                return usable[variant % len(usable)].format_map(self.slots)
        return None

    def body(self, variant: int, *, leave_out: Sequence[str] = ()) -> str:
        kind = self.facts.kind
        paragraphs: list[tuple[str, tuple[str, ...]]] = [(kind, p) for p in LAYOUTS[kind]]
        if kind == "thank_you" and self.facts.ask_feedback:
            paragraphs.insert(len(paragraphs) - 1, ("feedback_request", COMBINED_PARAGRAPH))
        written = []
        for book_kind, sections in paragraphs:
            sentences = [self.pick(book_kind, s, variant) for s in sections if s not in leave_out or book_kind != kind]
            text = " ".join(s for s in sentences if s)
            if text:
                written.append(text)
        return "\n\n".join(written)

    def fitting_note(self, limit: int) -> tuple[str, bool]:
        """The richest connection note that fits the limit.

        Other phrasings first, then the brief tone's shorter ones (the detail is
        what makes a note personal, so it goes last), then without the detail,
        then without the closing line.
        """
        tone, first = self.tone, ""
        for self.tone, leave_out in (
            (tone, ()),
            ("brief", ()),
            (tone, ("detail",)),
            (tone, ("detail", "hope")),
            ("brief", ("detail",)),
            ("brief", ("detail", "hope")),
        ):
            widest = max((len(v) for v in self._table("connect_note").values()), default=1)
            for shift in range(widest):
                body = self.body(self.facts.variant + shift, leave_out=leave_out)
                first = first or body
                if platform_length(body) <= limit:
                    self.tone = tone
                    return body, bool(leave_out) and bool(self.slots["detail"])
        self.tone = tone
        return first, False


def _warnings(facts: Facts, channel: str, slots: dict[str, str]) -> list[Finding]:
    found: list[Finding] = []
    recipient = facts.recipient
    if recipient is None:
        if facts.kind == "follow_up":
            found.append(
                Finding(
                    "no_contact",
                    "No recruiter or hiring manager is on file, so it's addressed to nobody in particular. "
                    "Add them as a contact and it can greet them by name.",
                )
            )
        else:
            found.append(
                Finding(
                    "no_contact",
                    "This isn't addressed to anyone yet. Add the people you met to the application "
                    "and the draft can greet them by name.",
                )
            )
    else:
        if not slots["first_name"]:
            found.append(Finding("no_name", f"{recipient.name or 'This contact'} has no name on file to greet."))
        if channel == "email" and not recipient.email:
            found.append(
                Finding(
                    "no_email",
                    f"No email on file for {recipient.name}. Add it on their contact page, "
                    "or type the address in your mail app.",
                )
            )
        if recipient.company and facts.company and recipient.company.casefold() != facts.company.casefold():
            found.append(
                Finding(
                    "other_company",
                    f"{recipient.name} is listed at {recipient.company}, not {facts.company}. "
                    "Check this is the right person.",
                )
            )
    wants_detail = facts.kind in ("thank_you", "connect_note") or (facts.kind == "stay_in_touch" and not facts.share)
    if wants_detail and not slots["detail"]:
        who = f" with {slots['first_name']}" if slots["first_name"] else ""
        found.append(
            Finding(
                "no_detail",
                f"Nothing from your conversation{who} is in the interview notes yet. "
                "Add a topic you talked about and the draft can mention it: one real detail is what makes it land.",
            )
        )
    if not slots["sender"] and facts.kind != "connect_note":
        found.append(Finding("no_sender", "Add your name in Settings so the sign-off carries it."))
    if facts.kind == "feedback_reply" and not slots["takeaway"]:
        found.append(
            Finding(
                "no_takeaway",
                "Say in a few words what you'll take from the feedback, and the reply can name it.",
            )
        )
    if facts.kind == "stay_in_touch" and not facts.share:
        found.append(
            Finding(
                "no_share",
                "A bit of news, a congratulation or an article to pass on gives a check-in its reason.",
            )
        )
    if facts.kind == "follow_up" and facts.applied_on is None:
        found.append(Finding("no_applied_on", "The application has no applied date, so the note doesn't say when."))
    return found


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[str] = set()
    kept = []
    for finding in findings:
        if finding.code not in seen:
            seen.add(finding.code)
            kept.append(finding)
    return kept

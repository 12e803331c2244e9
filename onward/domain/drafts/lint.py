"""The lint: what a careful friend would point out before a message is sent.

Pure and quick, run on every keystroke pause. Each finding has a stable
``code`` (scripts rely on it) and a plain, kind sentence::

    >>> [f.code for f in lint("Hi [Name], please reconsider.", LintContext("thank_you", "email"))]
    ['placeholder', 'repitch', 'no_signoff', 'nothing_specific']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onward.domain.drafts.text import content_words, mentions, platform_length, word_count

CODES = (
    "placeholder",
    "too_long",
    "nothing_specific",
    "repitch",
    "arguing",
    "self_talk",
    "no_greeting",
    "no_signoff",
    "wrong_company",
)
# How long an email of each kind reads best, in words.
WORD_BUDGET = {
    "thank_you": 150,
    "feedback_request": 150,
    "feedback_reply": 150,
    "stay_in_touch": 150,
    "follow_up": 130,
}
COMBINED_BUDGET = 200
KIND_NAMES = {
    "thank_you": "a thank-you",
    "feedback_request": "a feedback request",
    "connect_note": "a connection note",
    "feedback_reply": "a reply to feedback",
    "stay_in_touch": "a check-in",
    "follow_up": "a follow-up",
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class LintContext:
    kind: str
    channel: str
    limit: int | None = None
    company: str = ""
    role: str = ""
    specifics: tuple[str, ...] = ()  # notes about this conversation
    other_companies: tuple[str, ...] = ()  # the other companies in the person's tracker
    combined: bool = False  # a thank-you carrying the feedback request


_PLACEHOLDERS = re.compile(
    r"\[[^\]\n]{1,40}\]"  # [Name], [detail]
    r"|\{\{?\s*[A-Za-z_][\w ]{0,30}\}\}?"  # {company}, {{ role }}
    r"|<<[^>\n]{1,40}>>|<(?:name|company|role|date|detail|title|position|your|their)\b[^>\n]{0,20}>"
    r"|\b(?:XXX+|TBD|TODO|FIXME|INSERT\s+[A-Z]\w*)\b"
    r"|_{3,}",
    re.IGNORECASE,
)
_REPITCH = re.compile(
    r"\breconsider|\bchange (?:your|the team'?s?) mind|\bsecond chance|\banother chance"
    r"|\bstill (?:be )?(?:the )?(?:right|best|ideal|perfect|strongest) (?:fit|candidate|person)"
    r"|\b(?:let|allow) me (?:to )?prove\b|\bprove (?:that )?i\b"
    r"|\bstill (?:be )?considered for (?:this|the) (?:role|position|job)"
    r"|\bif (?:the|your) (?:other|chosen|successful|selected) candidate (?:doesn'?t|does not|don'?t) work out"
    r"|\bi(?:'m| am) (?:confident|sure|certain) i (?:would|could|will) (?:excel|succeed|thrive|be)"
    r"|\b(?:any|another) (?:way|chance) (?:to|that) (?:revisit|appeal|overturn)"
    r"|\bappeal (?:the|your) decision|\brevisit (?:the|your) decision",
    re.IGNORECASE,
)
_ARGUING = re.compile(
    r"\bi (?:strongly |respectfully |completely |have to |must )?disagree\b"
    r"|\b(?:that'?s|that is|this is|it'?s|it is) (?:not|simply not|just not) (?:true|accurate|correct|fair|right)"
    r"|\b(?:isn'?t|wasn'?t|is not|was not) (?:accurate|true|correct|fair)\b"
    r"|\bunfair(?:ly)?\b|\byou(?:'re| are) wrong\b|\byou misunderstood\b|\byou (?:must have )?missed\b"
    r"|\bin fact,? i did\b|\bactually,? i did\b|\bi did (?:in fact|actually)\b"
    r"|\bwith (?:all due )?respect,|\bi beg to differ\b|\bto be clear, i\b",
    re.IGNORECASE,
)
_SELF_TALK = re.compile(
    r"\bi(?:'m| am) (?:just |clearly |obviously )?"
    r"(?:not good enough|a failure|useless|hopeless|an idiot|stupid|terrible|bad at)"
    r"|\bi (?:completely |totally |really )?(?:failed|blew it|messed (?:it )?up|screwed (?:it )?up|bombed|choked)\b"
    r"|\bi know i (?:wasn'?t|was not) (?:good|strong|smart) enough\b"
    r"|\bmy (?:terrible|awful|poor|bad|embarrassing) (?:answers?|interview|performance|showing)"
    r"|\b(?:stupid|dumb|silly) of me\b|\bi let (?:you|everyone|the team) down\b"
    r"|\bsorry (?:that i was|for being|i was) (?:so )?(?:bad|terrible|awful|disappointing|nervous|useless)",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^\s*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hiya|to)\b"
    r"|^\s*[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?,",
    re.IGNORECASE,
)
_SIGNOFF = re.compile(
    r"^\s*(?:best|regards|kind regards|warm regards|best regards|warmly|warm wishes|thanks|thank you|many thanks"
    r"|cheers|sincerely|yours|all the best|best wishes|with thanks|take care|talk soon|speak soon|with gratitude"
    r"|thanks again|thanks so much|with best regards|respectfully|—|-{1,2}\s*\w)",
    re.IGNORECASE,
)


def lint(text: str, context: LintContext) -> list[Finding]:
    """Everything worth a second look in ``text``, in the order a reader meets it."""
    found: list[Finding] = []
    placeholder = _PLACEHOLDERS.search(text)
    if placeholder:
        found.append(Finding("placeholder", f"“{placeholder.group(0)}” looks like a blank still to fill in."))
    found += _length(text, context)
    for code, pattern, message in (
        (
            "repitch",
            _REPITCH,
            "“{}” asks them to revisit the decision. A thank-you that keeps the door open does more for the next role.",
        ),
        (
            "arguing",
            _ARGUING,
            "“{}” argues with their view. Thanking them without debating it is what people remember, "
            "even when you see it differently.",
        ),
        (
            "self_talk",
            _SELF_TALK,
            "“{}” is harder on you than anyone else would be. The message is stronger without it.",
        ),
    ):
        match = pattern.search(text)
        if match:
            found.append(Finding(code, message.format(match.group(0).strip())))
    found += _shape(text, context)
    found += _specific(text, context)
    return found


def _length(text: str, context: LintContext) -> list[Finding]:
    length = platform_length(text)
    if context.limit is not None and length > context.limit:
        over = length - context.limit
        where = "a connection note" if context.channel == "linkedin" else "this channel"
        return [
            Finding(
                "too_long",
                f"{length} characters; {where} allows {context.limit}. "
                f"Trim {over} character{'s' if over != 1 else ''}.",
            )
        ]
    budget = COMBINED_BUDGET if context.combined else WORD_BUDGET.get(context.kind)
    words = word_count(text)
    if context.channel == "email" and budget and words > budget:
        name = KIND_NAMES.get(context.kind, "this message")
        return [
            Finding(
                "too_long",
                f"{words} words; {name} reads best in {budget} or fewer. A sentence or two could go.",
            )
        ]
    return []


def _shape(text: str, context: LintContext) -> list[Finding]:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    found = []
    if lines and not _GREETING.search(lines[0]):
        found.append(Finding("no_greeting", "It starts without a greeting. “Hi” and their name is enough."))
    needs_signoff = context.channel in ("email", "message")
    if lines and needs_signoff and not any(_SIGNOFF.search(line) and len(line) <= 40 for line in lines[-3:]):
        found.append(Finding("no_signoff", "It ends without a sign-off. A “Thanks,” or “Best,” and your name."))
    for other in context.other_companies:
        if _is_wrong_company(text, other, context):
            found.append(
                Finding(
                    "wrong_company",
                    f"It mentions {other}, another company in your search. "
                    f"This one is for {context.company or 'a different company'}.",
                )
            )
            break
    return found


def _is_wrong_company(text: str, other: str, context: LintContext) -> bool:
    other = other.strip()
    if len(other) < 2 or not context.company:
        return False
    this = context.company.casefold()
    if other.casefold() in this or this in other.casefold():
        return False  # "Acme" inside "Acme Labs" is the same company
    if any(mentions(note, other) for note in context.specifics):
        return False  # the notes name it: talking about a previous job there, say
    # Names with capitals are matched as written, so "Square" never flags "a square peg".
    return mentions(text, other, case_sensitive=other != other.lower())


def _specific(text: str, context: LintContext) -> list[Finding]:
    if context.kind not in ("thank_you", "connect_note", "stay_in_touch", "feedback_reply"):
        return []
    if context.company or context.role or context.specifics:
        words = content_words(text)
        if context.company and mentions(text, context.company):
            return []
        if context.role and mentions(text, context.role):
            return []
        if any(words & content_words(note) for note in context.specifics):
            return []
    elif _has_particulars(text):
        return []
    return [
        Finding(
            "nothing_specific",
            "Nothing here is specific to your conversation. Naming the role, the team, "
            "or one thing you talked about makes it land.",
        )
    ]


def _has_particulars(text: str) -> bool:
    """Without the tracker's context: a name, a number or a capitalised word mid-sentence."""
    body = text.strip().splitlines()[1:] if "\n" in text.strip() else [text]
    for line in body:
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            words = sentence.split()[1:]
            if any(w[:1].isupper() and w.strip(",.!?;:") not in ("I", "I'm", "I'd", "I'll", "I've") for w in words):
                return True
            if any(ch.isdigit() for ch in sentence):
                return True
    return False

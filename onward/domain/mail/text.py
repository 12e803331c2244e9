"""Mail bodies as plain text: HTML converted to readable lines, and a body split into new words, quotes and signature.

Nothing here renders or runs anything: HTML is only ever read as text::

    >>> split_body("Thanks!\\n\\nOn Mon, 3 Nov 2026, Jo wrote:\\n> Hi")
    ('Thanks!', 'On Mon, 3 Nov 2026, Jo wrote:\\n> Hi', '')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

# -- HTML -------------------------------------------------------------------------------------------------------------

# HTML is turned into text by a few passes of precompiled patterns, each run in C over the whole
# document: about five times faster than ``html.parser``'s tag-by-tag callbacks, which matters when
# half a mailbox is HTML alerts. Attribute values may hold ">" (quoted). No pattern reads past the
# next "<" and all repeat possessively, so each stays linear however broken the markup.
_ATTRS = r"""(?:[^<>"']++|"[^"<]*+"|'[^'<]*+')*+"""
_DROPPED = "script|style|head|title|template|noscript|svg|math|object|iframe|xml"
_COMMENTS = re.compile(r"<!--.*?(?:-->|\Z)|<![^<>]*+>|<\?[^<>]*+>", re.DOTALL)
_DROP = re.compile(rf"<({_DROPPED})\b{_ATTRS}>.*?(?:</\1\s*>|\Z)", re.DOTALL)
_LINK = re.compile(rf"<a\b({_ATTRS})>((?:[^<]++|<(?!/?a\b))*+)</a\s*>")
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))""", re.IGNORECASE)
_PARAGRAPH = re.compile(rf"</?(?:p|h[1-6]|blockquote|pre|table|ul|ol|dl|hr)\b{_ATTRS}>")
_ITEM = re.compile(rf"<li\b{_ATTRS}>")
_BREAK = re.compile(rf"<br\b{_ATTRS}>")
_LINE = re.compile(
    r"</?(?:div|tr|/li|dt|dd|section|article|header|footer|address|center|form|fieldset|main|nav|aside"
    rf"|figure|figcaption|caption|tbody|thead|tfoot)\b{_ATTRS}>"
)
_CELL = re.compile(rf"<t[dh]\b{_ATTRS}>")
# The patterns above are for lower-case tag names (case-insensitive ones run three times slower);
# the few mails with "<P>" or "<Br>" get their tag names lowered first.
_UPPER_TAG = re.compile(r"</?[a-z0-9]*+[A-Z]")
_TAG_NAME = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*+")
_TAG = re.compile(rf"</?[a-zA-Z][^\s/<>]*+{_ATTRS}>")
# Where tags stood, marked while tags are removed, then turned into line breaks: \x01 ends a line,
# \x02 a paragraph, \x03 is a <br>. Two <br> or an empty line between blocks make a blank line.
_MARKS = str.maketrans("", "", "\x01\x02\x03")
_MARK_LINES = str.maketrans({"\x01": "\n", "\x02": "\n\n", "\x03": "\n"})
_BREAKS = re.compile("\x03\x03+|\x01\x03\x01")
_MARK_RUN = re.compile("[\x01\x02\x03]{2,}")
_COMMON_ENTITIES = (
    ("&nbsp;", "\xa0"),
    ("&zwnj;", ""),
    ("&middot;", "·"),
    ("&bull;", "•"),
    ("&rsquo;", "’"),
    ("&lsquo;", "‘"),
    ("&ldquo;", "“"),
    ("&rdquo;", "”"),
    ("&ndash;", "–"),
    ("&mdash;", "—"),
    ("&hellip;", "…"),
    ("&euro;", "€"),
    ("&copy;", "©"),
    ("&#39;", "'"),
    ("&quot;", '"'),
)  # never "&amp;": it is decoded last, by html.unescape, so "&amp;nbsp;" stays "&nbsp;"
_SHORT_URL = 60  # longer links are almost always tracking redirects: keep the words, drop the address
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u034f\u00ad\u061c\u180e]+")


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML mail body: blocks become lines, links keep their words.

    Nothing is rendered, fetched or run: scripts, styles and the head are dropped, tags are removed
    and entities decoded.

    >>> html_to_text("<p>Dear Alex,</p><p>Thank you&nbsp;for applying.<br>Kind regards</p>")
    'Dear Alex,\\n\\nThank you for applying.\\nKind regards'
    >>> html_to_text('<style>p {color: red}</style><ul><li>One</li><li>Two</li></ul>')
    '- One\\n- Two'
    >>> html_to_text('See <a href="https://acme.example/jobs">our jobs</a> &amp; <a href="https://x.example">https://x.example</a>')
    'See our jobs (https://acme.example/jobs) & https://x.example'
    """
    if _UPPER_TAG.search(html):
        html = _TAG_NAME.sub(_lower, html)
    text = _DROP.sub(" ", _COMMENTS.sub("", html))
    if "\x01" in text or "\x02" in text or "\x03" in text:
        text = text.translate(_MARKS)  # the markers below must be ours
    if "<a" in text or "<A" in text:
        text = _LINK.sub(_link, text)
    text = _PARAGRAPH.sub("\x02", text)
    text = _ITEM.sub("\x01- ", text)
    text = _BREAK.sub("\x03", text)
    text = _LINE.sub("\x01", text)
    text = _CELL.sub(" ", text)
    text = " ".join(_TAG.sub("", text).split())  # HTML collapses every run of whitespace to one space
    for mark in "\x01\x02\x03":
        text = text.replace(" " + mark, mark).replace(mark + " ", mark)
    text = _MARK_RUN.sub(_breaks, _BREAKS.sub("\x02", text)).translate(_MARK_LINES)
    return tidy(_unescape(text) if "&" in text else text)


def _lower(match: re.Match[str]) -> str:
    return match.group().lower()


def _unescape(text: str) -> str:
    """``html.unescape``, with the entities mail uses most replaced first, without a callback each."""
    for entity, char in _COMMON_ENTITIES:
        if entity in text:
            text = text.replace(entity, char)
    return unescape(text) if "&" in text else text


def _breaks(match: re.Match[str]) -> str:
    return "\n\n" if "\x02" in match.group() else "\n"


def _link(match: re.Match[str]) -> str:
    inner = match[2]
    href = _HREF.search(match[1])
    if href is None or len(href.group()) > 2 * _SHORT_URL:
        return inner
    url = (href[1] if href[1] is not None else href[2] if href[2] is not None else href[3]).strip()
    if len(url) - 8 * url.count("&") > _SHORT_URL:  # too long even once its entities are decoded
        return inner
    url = _unescape(url) if "&" in url else url
    if len(url) > _SHORT_URL:
        return inner
    words = _TAG.sub("", inner)
    return (
        f"{inner} ({url})"
        if _worth_showing(url, _unescape(words).strip() if "&" in words else words.strip())
        else inner
    )


def _worth_showing(href: str, text: str) -> bool:
    if (
        not href
        or not text
        or len(href) > _SHORT_URL
        or not href.lower().startswith(("http://", "https://", "mailto:"))
    ):
        return False
    bare = href.split(":", 1)[1].lstrip("/") if href.lower().startswith("mailto:") else href
    plain = text.rstrip("/").lower()
    return plain not in (href.rstrip("/").lower(), bare.rstrip("/").lower())


def tidy(text: str) -> str:
    """Trim each line, drop invisible padding characters, and keep at most one blank line in a row.

    >>> tidy("  Hello\u200c \\n\\n\\n\\n\xa0 there ")
    'Hello\\n\\nthere'
    """
    if not text.isascii():
        text = _INVISIBLE.sub("", text).replace("\xa0", " ")
    text = "\n".join([line.strip() for line in text.split("\n")])
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


# -- Splitting a body -------------------------------------------------------------------------------------------------

FEW_WORDS = 15  # a forward whose own note is shorter than this is about the forwarded message

_FORWARD_MARKER = (
    r"-{2,}\s*(?:Forwarded message|Forwarded Message|Message transf[ée]r[ée]|Weitergeleitete Nachricht"
    r"|Mensaje reenviado|Messaggio inoltrato)\s*-{2,}"
    r"|Begin forwarded message\s?:|D[ée]but du message (?:r[ée]exp[ée]di[ée]|transf[ée]r[ée])\s?:"
)
_ORIGINAL_MARKER = r"-{2,}\s*(?:Original Message|Message d'origine|Ursprüngliche Nachricht|Mensaje original)\s*-{2,}"
_FROM = r"\*?(?:From|De|Von|Van|Da)\*?[ \xa0]?:"
_SENT = r"\*?(?:Sent|Date|Envoy[ée]|Gesendet|Datum|Enviado|Inviato|Verzonden)\*?[ \xa0]?:"
# The first place where earlier mail begins: a forward or Outlook marker, an Outlook header block,
# or a reply attribution ("On … wrote:", "Le … a écrit :", wrapped over up to three lines).
_HISTORY = re.compile(
    rf"^[ \t>]*(?:(?P<forward>{_FORWARD_MARKER})|(?P<original>{_ORIGINAL_MARKER}))[ \t]*$"
    rf"|^(?P<outlook>(?:_{{8,}}[ \t]*\n(?:[ \t]*\n)*)?[ \t]*{_FROM}[ \t][^\n]*\n(?:[^\n]*\n){{0,2}}?[ \t]*{_SENT})"
    r"|^(?P<attribution>[ \t]*(?:On|Le|Am|El|Il|Op)[ \t][^\n]{0,300}?(?:\n[^\n]{0,300}?){0,2}?"
    r"(?:wrote|a [ée]crit|schrieb|escribi[óo]|ha scritto|schreef)[ \t\xa0]?:[ \t]*$)",
    re.MULTILINE | re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^--[ \t]?\r?$", re.MULTILINE)
_MOBILE = re.compile(
    r"[ \t]*(?:Sent from my [^\n]{1,40}|Sent from (?:Outlook|Mail|Yahoo Mail|Gmail|Proton Mail)[^\n]{0,40}"
    r"|Get Outlook for [^\n]{1,30}|Envoy[ée] (?:de|depuis) (?:mon|l'application|Outlook|Yahoo)[^\n]{0,40}"
    r"|Von meinem [^\n]{1,40} gesendet|Enviado desde mi [^\n]{1,40})[ \t]*",
    re.IGNORECASE,
)
_BARE_DASHES_LINES = 9  # the delimiter line and up to eight lines of signature
_QUOTED_LINE = re.compile(r"^[ \t]*>", re.MULTILINE)
_FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|tr|wg|rv|i)\s*:", re.IGNORECASE)
_BLOCK_HEADER = re.compile(
    r"^[ \t>]*\*?(From|De|Von|Sent|Date|Envoy[ée]|Gesendet|Datum|Subject|Objet|Betreff|Sujet|To|À|A|An|Cc)\*?"
    r"[ \t\xa0]?:[ \t\xa0]*(.*)$",
    re.IGNORECASE,
)
_BLOCK_KEYS = {
    "from": "from",
    "de": "from",
    "von": "from",
    "sent": "date",
    "date": "date",
    "envoyé": "date",
    "envoye": "date",
    "gesendet": "date",
    "datum": "date",
    "subject": "subject",
    "objet": "subject",
    "betreff": "subject",
    "sujet": "subject",
}


@dataclass(frozen=True)
class Forwarded:
    """Who sent a forwarded message, as its header block says ("Jo <jo@acme.example>"), and its subject and date."""

    sender: str = ""
    subject: str = ""
    date: str = ""


@dataclass(frozen=True)
class Split:
    new: str
    quoted: str
    signature: str
    forwarded: Forwarded | None = None  # set when a forwarded message became the content


def split_body(text: str) -> tuple[str, str, str]:
    """(what was newly written, quoted or forwarded history, signature).

    >>> split_body("Happy to chat on Friday.\\n-- \\nSam Lee\\nRecruiter")
    ('Happy to chat on Friday.', '', 'Sam Lee\\nRecruiter')
    >>> forward = "From: Acme <jobs@acme.example>\\nSubject: Update\\n\\nWe have decided not to proceed."
    >>> split_body("FYI\\n\\n---------- Forwarded message ---------\\n" + forward)
    ('We have decided not to proceed.', 'FYI', '')
    """
    split = split_message(text)
    return split.new, split.quoted, split.signature


def split_message(text: str, subject: str = "", _depth: int = 0) -> Split:
    """Like :func:`split_body`, and says which forwarded message became the content.

    ``subject`` helps with Outlook, whose forwards and replies look alike: a
    subject starting "FW:" or "TR:" makes its header block a forward.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    match = _history(text)
    head, rest = (text[: match.start()], text[match.start() :]) if match else (text, "")
    quoted_lines: list[str] = []
    if _QUOTED_LINE.search(head):  # quoted lines outside a marked block: inline or bottom-quoted replies
        kept: list[str] = []
        for line in head.split("\n"):
            (quoted_lines if line.lstrip().startswith(">") else kept).append(line)
        head = "\n".join(kept)
    head, signature = _cut_signature(head)
    quoted = "\n".join(quoted_lines).strip()
    rest = rest.strip()
    if match and _is_forward(match, subject) and len(head.split()) < FEW_WORDS and _depth < 4:
        forwarded, body = _forwarded_block(rest)
        inner = split_message(body, forwarded.subject, _depth + 1)
        note = "\n\n".join(part for part in (head.strip(), signature, quoted) if part)
        return Split(
            new=inner.new,
            quoted="\n\n".join(part for part in (note, inner.quoted) if part),
            signature=inner.signature,
            forwarded=inner.forwarded or forwarded,
        )
    quoted = "\n\n".join(part for part in (quoted, rest) if part)
    return Split(new=head.strip(), quoted=quoted, signature=signature)


def _history(text: str) -> re.Match[str] | None:
    for match in _HISTORY.finditer(text):
        attribution = match["attribution"]
        if attribution is None or any(c.isdigit() for c in attribution) or "@" in attribution:
            return match  # an attribution names a date or an address; "On reflection, as she wrote:" does not
    return None


def _is_forward(match: re.Match[str], subject: str) -> bool:
    if match["forward"]:
        return True
    return bool((match["original"] or match["outlook"]) and _FORWARD_SUBJECT.match(subject))


def _cut_signature(head: str) -> tuple[str, str]:
    parts = []
    before, _, last = head.rstrip().rpartition("\n")
    if _MOBILE.fullmatch(last):
        parts.append(last.strip())
        head = before
    # "-- " is the standard delimiter; a bare "--" counts only in the last few lines, as a signature would be
    lines = head.rstrip().rsplit("\n", _BARE_DASHES_LINES)
    last_lines = len(lines[0]) + 1 if len(lines) > _BARE_DASHES_LINES else 0
    for delimiter in _SIGNATURE.finditer(head):
        if delimiter.group().startswith("-- ") or delimiter.start() >= last_lines:
            parts.insert(0, head[delimiter.end() :].strip())
            head = head[: delimiter.start()]
            break
    return head, "\n".join(part for part in parts if part)


def _forwarded_block(rest: str) -> tuple[Forwarded, str]:
    """The header block after a forward marker, and the forwarded body below it."""
    lines = rest.split("\n")
    index = 1 if not _BLOCK_HEADER.match(lines[0]) else 0  # the marker line, unless the block starts at once
    while index < len(lines) and not lines[index].strip():
        index += 1
    found: dict[str, str] = {}
    last = ""
    while index < len(lines):
        line = lines[index]
        if not line.strip() or line.strip() == ">":
            break
        header = _BLOCK_HEADER.match(line)
        if header:
            last = _BLOCK_KEYS.get(header[1].lower(), "other")
            found.setdefault(last, header[2].strip())
        elif last and (line[:1] in " \t" or (last == "other" and "@" in line)):
            found[last] = f"{found.get(last, '')} {line.strip()}".strip()  # a wrapped value, or a long list of To:
        else:
            break
        index += 1
    body = lines[index:]
    if body and all(line.lstrip().startswith(">") or not line.strip() for line in body):
        body = [line.lstrip()[1:].removeprefix(" ") if line.strip() else line for line in body]
    forwarded = Forwarded(
        sender=found.get("from", "").replace("*", "").strip(),
        subject=found.get("subject", "").strip(),
        date=found.get("date", "").strip(),
    )
    return forwarded, "\n".join(body).strip()


# -- Subjects ---------------------------------------------------------------------------------------------------

_REPLY = re.compile(r"^\s*(?:(?:re|fwd?|tr|aw|wg|rv|sv|vs)\s*(?:\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def strip_reply(subject: str) -> str:
    """A subject without its "Re:", "Fwd:" or "TR:" prefixes."""
    return _REPLY.sub("", subject)


def is_reply_subject(subject: str) -> bool:
    """Whether a subject is a reply's or a forward's ("Re:", "Fwd:", "TR:").

    >>> is_reply_subject("RE: Interview"), is_reply_subject("Interview: next steps")
    (True, False)
    """
    return bool(_REPLY.match(subject))

"""Who a job-search message is from and which role it is about: the company and the role, each with a confidence.

Every source gives a guess with a base confidence, and guesses that agree make each
other stronger: the subject ("Your application to Acme"), the body ("the Data
Engineer position at Acme", "the Acme team"), the sender's display name ("Acme
Talent Team", "Jane at Acme"), its domain (acme.com) and an applicant tracking
system's tenant (acme.myworkdayjobs.com). A tracking system, a job board or a
free-mail domain never names the company. When nothing is sure enough, the answer
is ``None``: a missing company is better than a wrong one::

    >>> from onward.domain.mail.message import Mail
    >>> mail = Mail("x", subject="Your application to Northwind", body="Thank you for applying for the Data "
    ...     "Engineer position at Northwind.", sender_name="Northwind Talent Team", sender_address="jobs@northwind.io")
    >>> company, role = extract(mail)
    >>> company.value, role.value, company.confidence >= 0.9
    ('Northwind', 'Data Engineer', True)
    >>> extract(Mail("x", subject="Hello", body="See you soon!", sender_address="no-reply@greenhouse.io"))
    (None, None)

What onward knows of senders (tracking systems, job boards, free mail) and the
phrases names follow is data, read by :mod:`.knowledge`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from onward.domain.mail.knowledge import (
    ExtractWords as ExtractWords,
)
from onward.domain.mail.knowledge import (
    JobBoard as JobBoard,
)
from onward.domain.mail.knowledge import SenderBook, anchor_patterns, extract_words, sender_book
from onward.domain.mail.knowledge import (
    SenderError as SenderError,
)
from onward.domain.mail.knowledge import (
    SenderKind as SenderKind,
)
from onward.domain.mail.knowledge import (
    parse_anchors as parse_anchors,
)
from onward.domain.mail.knowledge import (
    parse_senders as parse_senders,
)
from onward.domain.mail.knowledge import (
    phrase_regex as phrase_regex,
)
from onward.domain.mail.message import Guess, Mail
from onward.domain.mail.text import strip_reply

# -- Finding names in text --------------------------------------------------------------------------------------------
#
# One pass over the lower-cased text finds the phrases after which a company or a role is written
# ("the Data Engineer position at", "interest in", "poste de"); the name itself is then read from the
# text as written, capitalised words for a company, up to a stop for a role. Every quantifier that
# could make Python's engine go back and forth is bounded or possessive.

_ANCHOR_TABLE = str.maketrans(dict.fromkeys('()[]{}"“”«»/|<>*\xa0', " ") | {"’": "'"})

# Where the classifier found (or _anchors finds) names in a body: the ends of the phrases a company
# follows, the ends of those a role follows, and the (start, end) of the words a role precedes.
Anchors = tuple[list[int], list[int], list[tuple[int, int]]]

# A company name as written: capitalised words (or one with a capital inside: "eBay"), with the small words
# names carry inside them ("Bank of America", "Lumen & Vale"). At most six words.
_WORD = r"(?:[A-Z0-9ÀÂÄÉÈÊËÎÏÔÖÙÛÜÇ][\w&'’.+-]*+|[a-z][a-z0-9]*+[A-Z][\w&'’.+-]*+)"
_NAME_AT = re.compile(
    _WORD
    + r"(?:[ \t]++(?:(?:of|de|du|des|and|et|la|le|les|for|the|by|&|y|von|van|der|di|da)[ \t]++)?"
    + _WORD
    + r"){0,5}+"
)
# Where a role stops: the end of the line or sentence, a quote, or "at", "with", "chez"... (the company).
_ROLE_AT = re.compile(
    r"[ \t]*+[\"“«']?[ \t]*+(?P<r>[^\n.;!?\"“”«»()|]{2,90}?)[ \t]*"
    r"(?=$|[\n.,;!?\"“”«»(|]|[ \t](?:at|with|chez|à|au sein|in|within|for|pour|-|–|—|\(|on|has|have|was|is|et|"
    r"and|qui|that|which|we|will|avec|as|because|since|due|but|mais|car|comme)[ \t\n])",
    re.MULTILINE,
)
# A role is written between one of these and a role word: "for the Data Engineer position".
_DETERMINERS = (" the ", " our ", " your ", " this ", " a ", " an ", " le ", " la ", " ce ")

_COMPANY_SUBJECT = tuple(
    re.compile(p)
    for p in (
        r"(?i:application|applying|applied|candidacy|interview|offer|interest|opportunity|update|news|onsite|call|"
        r"chat|role|position|career)[ \t]++(?i:to|at|with|from|in|for a role at)[ \t]++(?P<c>" + _NAME_AT.pattern + ")",
        r"(?i:candidature|postul[ée]|entretien|offre|poste|envoyée|vue)[^\n]{0,80}?[ \t](?i:chez|à|a|par|avec)[ \t]++"
        r"(?P<c>" + _NAME_AT.pattern + ")",
        r"^(?P<c>" + _NAME_AT.pattern + r")[ \t]*[-–—|:][ \t]*(?i:your|votre|ta|application|candidature|thank|merci|"
        r"interview|offer|offre)",
        r"^[^\n:]{2,40}?[ \t]x[ \t]++(?P<c>" + _NAME_AT.pattern + r")[ \t]*:",
        r"(?i:welcome to|bienvenue chez|thank you for applying to|thanks for applying to|merci pour votre candidature "
        r"chez|ta candidature est bien arrivée chez)[ \t]++(?P<c>" + _NAME_AT.pattern + ")",
    )
)
_CLOSING = tuple(
    re.compile(p)
    for p in (
        r"^[-—–]?[ \t]*(?i:the)[ \t]+(?P<c>" + _NAME_AT.pattern + r")[ \t]+(?i:team|recruiting|recruitment|talent|"
        r"hiring|careers|people|hr|human resources)\b",
        r"^[-—–]?[ \t]*(?P<c>" + _NAME_AT.pattern + r")[ \t]+(?i:talent acquisition|recruiting team|recruitment team|"
        r"hiring team|recruiting|recruitment|human resources|hr team|people team|careers|talent team|hr|"
        r"people operations)[ \t]*\.?$",
        r"^[-—–]?[ \t]*(?i:l'équipe|l’équipe|l'equipe|team)[ \t]+(?:(?i:recrutement|rh|talent acquisition)[ \t]+"
        r"(?i:de|d')[ \t]*)?(?P<c>" + _NAME_AT.pattern + r")[ \t]*[.!]?$",
        r"^(?P<c>" + _NAME_AT.pattern + r")[ \t]*$",
    )
)
_CLOSING_SUFFIXES = (
    "talent acquisition",
    "recruiting team",
    "recruitment team",
    "hiring team",
    "recruiting",
    "recruitment",
    "human resources",
    "hr team",
    "people team",
    "careers",
    "talent team",
    " hr",
    "people operations",
)
# Words one of which a subject must contain for each pattern to be worth trying.
_COMPANY_SUBJECT_CUES = (
    (" to ", " at ", " with ", " from ", " in "),
    (" chez ", " à ", " a ", " par ", " avec "),
    ("-", "–", "—", "|", ":"),
    (" x ",),
    ("welcome to", "bienvenue chez", "applying to", "candidature chez", "arrivée chez"),
)
_ROLE_SUBJECT_CUES = (
    ("application", "applying", "applied", "candidacy", "interview", "invitation", "offer", "candidature"),
    ("-", "–", "—", "|", ":"),
    ("candidature bien reçue pour", "application for", "applying for", "candidature pour"),
    (":",),
)


def _anchors(text: str) -> Anchors:
    """Where names are written in ``text`` (what the classifier's scan also finds, for extract() on its own)."""
    scan = " " + text.lower().translate(_ANCHOR_TABLE)
    if len(scan) != len(text) + 1:
        return [], [], []
    company: list[int] = []
    role: list[int] = []
    before: list[tuple[int, int]] = []
    for match in anchor_patterns().scanner.finditer(scan):
        end = match.end() - 1  # position in ``text``
        if match.lastindex == 1:
            company.append(end)
        elif match.lastindex == 2:
            role.append(end)
        else:
            before.append((match.start(), end))
    return company, role, before


def _name_at(text: str, position: int) -> str:
    while position < len(text) and text[position] in " \t\n":
        position += 1
    match = _NAME_AT.match(text, position)
    return match.group() if match else ""


# -- Company ---------------------------------------------------------------------------------------------------------

_AT_COMPANY = re.compile(r"[ \t]+(?:at|with|chez|au sein de|within)[ \t]+(?:the[ \t]+)?")
_ROLE_NOUNS = ("role", "position", "opening", "job", "vacancy", "internship", "post ", "poste", "opportunity")
_TITLE_NOUN = re.compile(
    r"\b(?:engineer|developer|manager|analyst|designer|scientist|consultant|intern|internship|specialist|"
    r"coordinator|assistant|ingénieur|développeur|analyste|stagiaire|position|role)s?\b",
    re.IGNORECASE,
)
_PERSON_JOIN = re.compile(
    r"^(?P<person>.+?)\s+(?:at|from|@|de chez|chez|de|with|\||-|–|—|,)\s+(?P<c>.+)$", re.IGNORECASE
)
_VIA = re.compile(r"^(?P<c>.+?)\s+(?:via|through|\(via)\s+.+$", re.IGNORECASE)
_GENERIC_LOCAL = re.compile(
    r"^(?:no-?reply|do-?not-?reply|donotreply|noreply|notifications?|notify|mailer|mail|jobs?|careers?|recruit\w*|"
    r"talent\w*|hr|people|team|hello|info|contact|support|apply|applications?|candidates?|hiring|rh|recrutement|"
    r"emploi|invitations?|messages?|alerts?|news|bounce\w*|reply|system|admin|workday|automated)(?:[-_.+].*)?$",
    re.IGNORECASE,
)
_SECOND_LEVEL = frozenset(["co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "sch", "nhs"])


@dataclass(frozen=True)
class _Candidate:
    value: str
    confidence: float
    source: str
    key: str  # the value compared with others: lower case, letters and digits only


BODY_LIMIT = 3000  # characters of a body that names are looked for in


def extract(mail: Mail, anchors: Anchors | None = None) -> tuple[Guess | None, Guess | None]:
    """(company, role) of ``mail``, each ``None`` when onward is not sure enough.

    ``anchors`` are where the classifier's scan found the phrases names follow; without them they are
    looked for here.
    """
    if anchors is None:
        anchors = _anchors(mail.body[:BODY_LIMIT])
    return company_of(mail, anchors=anchors), role_of(mail, anchors=anchors)


def company_of(
    mail: Mail,
    book: SenderBook | None = None,
    anchors: Anchors | None = None,
) -> Guess | None:
    """The company a message is from or about."""
    book = book or sender_book()
    candidates: list[_Candidate] = []
    subject = strip_reply(mail.subject)
    lowered = " " + subject.lower() + " "
    for pattern, cues in zip(_COMPANY_SUBJECT, _COMPANY_SUBJECT_CUES, strict=True):
        if any(cue in lowered for cue in cues):
            for match in pattern.finditer(subject):
                _add_company(candidates, match["c"], 0.7, "subject")
    body = mail.body[:BODY_LIMIT]
    _body_companies(candidates, body, anchors if anchors is not None else _anchors(body))
    _closing_companies(candidates, body, mail.signature)
    _sender_companies(candidates, mail, book)
    return _best(candidates, threshold=0.44)


def _body_companies(candidates: list[_Candidate], body: str, anchors: Anchors) -> None:
    for position in anchors[0]:
        if position < len(body):
            name = _name_at(body, position)
            after = body[position : position + 120].lstrip()[len(name) :].lstrip().lower()
            if not after.startswith(_ROLE_NOUNS):  # "application to the Data Analyst role at …": a role
                _add_company(candidates, name, 0.55, "body")
    for position in anchors[1]:  # "the position of Lab Technician at Helix Bio"
        role = _ROLE_AT.match(body, position) if position < len(body) else None
        at = _AT_COMPANY.match(body, role.end()) if role else None
        if at:
            _add_company(candidates, _name_at(body, at.end()), 0.55, "body")


def _closing_companies(candidates: list[_Candidate], body: str, signature: str) -> None:
    """ "The Acme Team", "Acme Talent Acquisition", "L'équipe Acme" at the end of a body or in a signature."""
    lines = [line for line in (line.strip() for line in body[-300:].split("\n")) if line][-4:]
    lines += [line for line in (line.strip() for line in signature[:300].split("\n")) if line][:4]
    for line in lines:
        if len(line) > 70 or line.islower():
            continue
        start = line.lstrip("-—– \t").lower()
        match: re.Match[str] | None = None
        if start.startswith("the "):
            match = _CLOSING[0].match(line)
        elif start.startswith(("l'équipe", "l’équipe", "l'equipe", "team ")):
            match = _CLOSING[2].match(line)
        elif start.rstrip(". ").endswith(_CLOSING_SUFFIXES):
            match = _CLOSING[1].match(line)
        elif candidates:
            match = _CLOSING[3].match(line)  # a bare name, only where something else named it too
            if match and not _known_elsewhere(match["c"], candidates):
                match = None
        if match:
            _add_company(candidates, match["c"], 0.55, "closing")


def _sender_companies(candidates: list[_Candidate], mail: Mail, book: SenderBook) -> None:
    kind = book.kind(mail.sender_address)
    if kind.kind != "job_board" and kind.name != "LinkedIn":
        display = _company_from_display(mail.sender_name, mail.sender_address, book)
        vendor = _company_key(kind.name.partition(".")[0]) if kind.kind else ""
        if display and not (vendor and _company_key(display[0]) == vendor):  # "Greenhouse" <no-reply@greenhouse.io>
            _add_company(candidates, display[0], display[1], "sender")
    domain = mail.sender_domain
    if domain and kind.kind in ("ats", "assessment"):
        tenant = _tenant(mail.sender_address, kind.name)
        if tenant:
            _add_company(candidates, tenant, 0.45, "tenant")
    elif domain and not book.is_vendor(domain):
        label = _domain_label(domain)
        if label:
            _add_company(candidates, label, 0.45, "domain")


def _known_elsewhere(value: str, candidates: list[_Candidate]) -> bool:
    key = _company_key(value)
    return bool(key) and any(c.key == key for c in candidates)


def _add_company(candidates: list[_Candidate], raw: str, confidence: float, source: str) -> None:
    value, key = _company_and_key(raw)
    if key:
        candidates.append(_Candidate(value, confidence, source, key))


@functools.lru_cache(maxsize=8192)
def _company_and_key(raw: str) -> tuple[str, str]:
    """The cleaned company name and its key (remembered: the same senders write the same names)."""
    value = _clean_company(raw)
    return value, _company_key(value) if value else ""


_TRAILING = frozenset(("team", "recruiting", "careers", "hr", "talent", "of", "de"))
_LEADING = frozenset(("the", "l'", "la", "le"))


def _clean_company(raw: str) -> str:
    """A company name without what surrounds it: "the Acme Corp." -> "Acme"; "" when it is no name."""
    value = raw.replace("’", "'")
    cut = value.find(". ")
    if cut > 0:
        value = value[:cut]  # "Acme Corp. We ..." is "Acme Corp"
    words = value.split()
    known = extract_words()
    while words and (words[-1].lower().strip(".,") in _TRAILING or words[-1].lower() in known.sentence_words):
        words.pop()
    while len(words) > 1 and words[-1].lower().strip(".,") in known.legal_forms:
        words.pop()
    if len(words) > 1 and words[0].lower() in _LEADING:
        words.pop(0)
    if not words:
        return ""
    value = " ".join(words).strip(" .,;:!?\"'()[]-–—|")
    if value[:2] in ("l'", "L'"):
        value = value[2:]
    if not 2 <= len(value) <= 60 or not any(ch.isalpha() for ch in value):
        return ""
    lowered = value.lower()
    if lowered.split()[0] in known.sentence_words or lowered in known.not_company or _TITLE_NOUN.search(value):
        return ""
    return value


def _company_from_display(display: str, address: str, book: SenderBook) -> tuple[str, float] | None:
    """The company a sender's display name names: "Acme Talent Team", "Jane at Acme", "Acme via Greenhouse"."""
    display = " ".join(display.replace('"', " ").split())
    if not display or "@" in display:
        return None
    via = _VIA.match(display)
    if via:
        display = via["c"]
    joined = _PERSON_JOIN.match(display)
    if joined and len(joined["c"].split()) <= 5:
        found = _strip_suffixes(joined["c"], book)
        if found and found.lower() not in book.name_suffixes:
            return found, 0.7
    stripped = _strip_suffixes(display, book)
    if not stripped:
        return None
    if stripped != display:
        return stripped, 0.7  # "Acme Talent Team", "Acme Careers"
    local = address.lower().rpartition("@")[0]
    if book.kind(address).kind == "free_mail":
        return None  # a person's own mailbox: the name is theirs
    if _GENERIC_LOCAL.match(local):
        return stripped, 0.6  # "Acme" <no-reply@…>: the name is the company's
    if _looks_like_person(display, local):
        return None
    return stripped, 0.45


def _strip_suffixes(display: str, book: SenderBook) -> str:
    """ "Acme Talent Team" -> "Acme", "The Team at Acme" -> "Team at Acme" (the caller splits that)."""
    value = book.suffix_pattern.sub("", display.strip(" -–—|,:")).strip(" -–—|,:")
    value = _TEAM_PREFIX.sub("", value)
    return value if value.lower() not in book.name_suffixes else ""


_TEAM_PREFIX = re.compile(r"^(?:the team|l'équipe|l’équipe|équipe|equipe|team)\s+", re.IGNORECASE)


def _looks_like_person(display: str, local: str) -> bool:
    words = [w for w in re.split(r"[\s.,]+", display) if w]
    if not 1 <= len(words) <= 4:
        return False
    if any(w.lower() in local for w in words if len(w) > 2):
        return True  # "Tom Becker" <tom.becker@…>, "Priya" <priya.raman@…>
    return len(words) in (2, 3) and all(w[:1].isupper() and w[1:].islower() for w in words) and "." in local


def _tenant(address: str, vendor: str) -> str:
    local, _, domain = address.lower().rpartition("@")
    sub = domain[: -len(vendor)].rstrip(".") if domain.endswith(vendor) else ""
    noise = extract_words().subdomain_noise
    parts = [p for p in sub.split(".") if p and p not in noise and not re.fullmatch(r"wd\d+|\d+", p)]
    if parts:
        return _title(parts[-1])
    if local and not _GENERIC_LOCAL.match(local):
        slug = re.sub(r"[-_.+][0-9a-f]{6,}$", "", local)  # acme-4af39d21f998eef6834b672c@candidates.welcomekit.co
        if slug and not re.search(r"\d{3,}", slug) and len(slug) >= 2:
            return _title(slug)
    return ""


def _domain_label(domain: str) -> str:
    parts = domain.lower().split(".")
    if len(parts) < 2:
        return ""
    parts = parts[:-1]  # the top-level domain
    if len(parts) >= 2 and parts[-1] in _SECOND_LEVEL:
        parts = parts[:-1]  # acme.co.uk
    label = parts[-1] if parts else ""
    if label in extract_words().subdomain_noise or len(label) < 2:
        return ""
    return _title(label)


def _title(slug: str) -> str:
    words = [w for w in re.split(r"[-_.]+", slug) if w]
    return " ".join(w if any(c.isupper() for c in w) else w.capitalize() for w in words)


def _company_key(value: str) -> str:
    text = value.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_ALNUM.sub("", text)


_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def _best(candidates: list[_Candidate], threshold: float) -> Guess | None:
    """The best supported value: agreeing sources (the same key, or one key inside the other) add up."""
    if not candidates:
        return None
    by_key: dict[str, dict[str, float]] = {}  # key -> source -> its best confidence
    for candidate in candidates:
        sources = by_key.setdefault(candidate.key, {})
        sources[candidate.source] = max(sources.get(candidate.source, 0.0), candidate.confidence)
    support: dict[str, float] = {}
    for key in by_key:
        merged: dict[str, float] = {}
        for other, sources in by_key.items():
            if other == key or (len(other) >= 4 and len(key) >= 4 and (other in key or key in other)):
                for source, confidence in sources.items():
                    merged[source] = max(merged.get(source, 0.0), confidence)
        miss = 1.0
        for confidence in merged.values():
            miss *= 1.0 - confidence
        support[key] = 1.0 - miss
    # The best supported; between equals, a form written in text over one rebuilt from a domain, then the surer.
    best = max(
        candidates,
        key=lambda c: (support[c.key], 0.0 if c.source in ("domain", "tenant") else 1.0, c.confidence),
    )
    total = support[best.key]
    if total < threshold:
        return None
    value = best.value
    fuller = [
        c
        for c in candidates
        if c.key != best.key and best.key in c.key and c.source not in ("domain", "tenant") and c.confidence >= 0.5
    ]
    if fuller:  # "Data Engineer" and "Data Engineer - Intern": the fuller name, written out
        value = max(fuller, key=lambda c: (c.confidence, len(c.value))).value
    return Guess(value, round(min(total, 0.99), 2))


# -- Role ------------------------------------------------------------------------------------------------------------

_ROLE = r"(?P<r>[^\n.;!?\"“”«»|]{2,90}?)"
_ROLE_SUBJECT = tuple(
    re.compile(p)
    for p in (
        r"(?i:application|applying|applied|candidacy|interview|invitation|offer|candidature)[ \t]*+"
        r"(?i:for(?: the)?|to the|:|-|–|—|pour(?: le poste de)?|au poste de|pour le poste d')[ \t]*+"
        + _ROLE
        + r"(?=[ \t]+(?:at|chez|with)[ \t]|[ \t]*(?:$|[-–—|(]))",
        r"^" + _ROLE + r"[ \t]*[-–—|:][ \t]*(?i:application|candidature|interview|your application)",
        r"(?i:candidature bien reçue pour|thanks for your application for|thank you for applying for|"
        r"thank you for your application for|merci pour votre candidature pour)[ \t]++(?:le poste de[ \t]+)?"
        + _ROLE
        + r"[ \t]*$",
        r"(?i:votre candidature|your application)[ \t]*:[ \t]*+" + _ROLE + r"[ \t]+(?i:chez|at)[ \t]",
    )
)
_LISTING = re.compile(
    r"(?i:your application was sent to|votre candidature a (?:bien )?été envoyée à|application submitted(?: to)?|"
    r"candidature envoyée(?: à)?)[ \t]*(?P<named>[^\n]*)\n"
    r"(?P<rest>(?:[ \t]*\n){0,3}[^\n]{2,120}(?:\n[ \t]*[^\n]{2,120})?)"
)
_LISTING_CUES = ("sent to", "envoyée", "submitted")
_ROLE_WORDS = re.compile(
    r"\b(?:engineer|developer|developpeur|développeur|développeuse|analyst|analyste|manager|designer|scientist|"
    r"consultant|consultante|architect|architecte|director|directeur|directrice|lead|head|officer|specialist|"
    r"assistant|assistante|coordinator|coordinateur|associate|intern|internship|stagiaire|trainee|administrator|"
    r"administrateur|technician|technicien|accountant|comptable|writer|editor|nurse|teacher|researcher|chercheur|"
    r"programmer|representative|advisor|adviser|executive|chef|responsable|chargée?|ingénieure?|ingenieur|"
    r"gestionnaire|agent|operator|opérateur|barista|solicitor|lawyer|controller|auditor|recruiter|owner|product|"
    r"data|software|sales|marketing|support|operations|devops|sre|qa|ux|ui|full[- ]?stack|backend|back-end|"
    r"frontend|front-end|mobile|ios|android|cloud|security|finance|financial|geologist|scheme|programme|program)\b",
    re.IGNORECASE,
)
_NOT_ROLE = re.compile(
    r"\b(?:your|you|we|our|us|i|my|me|they|their|it|this|that|thank|thanks|please|vous|votre|nous|notre|tu|ta|ton|"
    r"je|unfortunately|malheureusement|received|reçu|interest|best|luck|time|future|update|news|application|"
    r"applications|candidature|candidatures|team|hiring|process|the)\b",
    re.IGNORECASE,
)
_ROLE_HEAD = re.compile(
    r"^(?:(?:the|a|an|our|le|la|l'|un|une)\s+)?(?:(?:position|role|post|poste|job|vacancy)\s+)?(?:(?:of|as|de)\s+|d')?"
    r"(?:(?:the|a|an|le|la|l'|un|une)\s+)?",
    re.IGNORECASE,
)
_ROLE_TAIL = re.compile(
    r"[ \t]*(?:\b(?:position|role|opening|vacancy|job|posting|post|poste|opportunity|requisition)\b)[ \t]*$",
    re.IGNORECASE,
)


def role_of(mail: Mail, anchors: Anchors | None = None) -> Guess | None:
    """The role a message is about."""
    candidates: list[_Candidate] = []
    subject = strip_reply(mail.subject)
    lowered = " " + subject.lower() + " "
    for pattern, cues in zip(_ROLE_SUBJECT, _ROLE_SUBJECT_CUES, strict=True):
        if any(cue in lowered for cue in cues):
            for match in pattern.finditer(subject):
                _add_role(candidates, match["r"], 0.65, "subject")
    body = mail.body[:BODY_LIMIT]
    head = body[:600].lower()
    listing = _LISTING.search(body, 0, 600) if any(cue in head for cue in _LISTING_CUES) else None
    if listing:
        named = _company_key(listing["named"] or "")
        lines = [line.strip() for line in listing["rest"].split("\n") if line.strip()]
        lines = [line for line in lines if _company_key(line) != named]  # the company's own line
        if lines:
            _add_role(candidates, lines[0], 0.75, "listing")
    _, role_at, before = anchors if anchors is not None else _anchors(body)
    for position in role_at:
        role = _ROLE_AT.match(body, position) if position < len(body) else None
        if role:
            _add_role(candidates, role["r"], 0.7, "body")
    for start, _end in before:
        if start > len(body):
            continue
        line_start = body.rfind("\n", max(0, start - 90), start) + 1
        segment = body[max(line_start, start - 90) : start]
        lowered = " " + segment.lower()
        cut = max((found + len(word) for word in _DETERMINERS if (found := lowered.rfind(word)) >= 0), default=0)
        if cut:
            _add_role(candidates, segment[cut - 1 :], 0.6, "body")
    return _best(candidates, threshold=0.5)


def _add_role(candidates: list[_Candidate], raw: str, confidence: float, source: str) -> None:
    value, key, known_kind = _role_and_key(raw)
    if not key:
        return
    if not known_kind:
        if not value[:1].isupper():
            return
        confidence -= 0.15  # a capitalised phrase that names no known kind of work: less sure
    candidates.append(_Candidate(value, confidence, source, key))


@functools.lru_cache(maxsize=8192)
def _role_and_key(raw: str) -> tuple[str, str, bool]:
    """The cleaned role, its key, and whether it names a known kind of work (remembered, like companies)."""
    value = _clean_role(raw)
    if not value:
        return "", "", False
    return value, _role_key(value), bool(_ROLE_WORDS.search(value))


def _clean_role(raw: str) -> str:
    value = " ".join(raw.replace("’", "'").split()).strip(" .,;:!?\"'“”«»[]-–—|")
    value = _ROLE_HEAD.sub("", value)
    value = _ROLE_TAIL.sub("", value).strip(" .,;:!?\"'“”«»-–—|")
    if value.endswith(")") and " " in value[value.rfind("(") :]:
        value = value[: value.rfind("(")].rstrip(" -–—,")  # "Developer (focus back-end)": a qualifier, not the title
    if value.count("(") != value.count(")"):
        value = value.rstrip("(").strip()
        if value.count("(") > value.count(")"):
            value += ")"
    if len(value) > 80:
        value = value[:80].rsplit(" ", 1)[0]
    if len(value) < 2 or len(value.split()) > 10 or _NOT_ROLE.search(value):
        return ""
    if not any(ch.isalpha() for ch in value):
        return ""
    return value


def _role_key(value: str) -> str:
    text = value.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"\((?:h|f|m|x|w|d)(?:[/·.]\w{1,2})+\)|\b(?:h/f|f/h|m/f|f/m|m/w/d|x/f/m)\b", " ", text)
    return _NOT_ALNUM.sub("", text)

"""Which tracked application a message is about.

A message is matched by its thread first (a reply to mail already filed), then by
company — the name onward read from it, or the sender's domain — and, among that
company's applications, by role. The answer says how sure it is and why, in
words; when nothing fits, the message proposes a new application::

    >>> known = [Known("a1", "Acme Corp", "Data Engineer", True), Known("b2", "Globex", "Analyst", True)]
    >>> m = match(known, company="ACME", role="data engineer")
    >>> (m.key, m.confidence >= 0.9, m.reason)
    ('a1', True, 'your application for Data Engineer at Acme Corp')
    >>> match(known, company="Initech", role="Designer").key is None
    True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

# Words that say what kind of company it is, not which one.
LEGAL = {
    "inc", "incorporated", "llc", "llp", "ltd", "limited", "plc", "corp", "corporation", "co", "company",
    "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "ab", "oy", "as", "srl", "spa", "pty", "group", "the",
    "technologies", "technology", "labs", "hq",
}  # fmt: skip


@dataclass(frozen=True)
class Known:
    """An application onward already tracks, as the matcher sees it."""

    key: str
    company: str
    role: str
    open: bool
    domains: tuple[str, ...] = ()  # the company's own sender domains seen in its mail (never a shared service)
    applied_on: date | None = None


@dataclass(frozen=True)
class Match:
    key: str | None  # None: no tracked application fits; propose a new one
    confidence: float
    reason: str


@lru_cache(maxsize=16384)  # every message is compared with every tracked company: work each name out once
def company_key(name: str) -> str:
    """A company name reduced to what identifies it.

    >>> company_key("ACME, Inc.") == company_key("Acme") == "acme"
    True
    >>> company_key("Société Générale SA")
    'societe generale'
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    kept = [w for w in words if w not in LEGAL]
    return " ".join(kept or words)


@lru_cache(maxsize=4096)
def domain_key(domain: str) -> str:
    """The part of a sender's domain that names the company: ``mail.acme.co.uk`` → ``acme``.

    >>> domain_key("careers.acme-robotics.com")
    'acme robotics'
    """
    parts = [p for p in domain.lower().split(".") if p]
    while len(parts) > 1 and (len(parts[-1]) <= 3 or parts[-1] in {"com", "org", "net", "info", "io"}):
        parts.pop()
        if len(parts) == 1:
            break
    return company_key(parts[-1]) if parts else ""


def role_similarity(a: str, b: str) -> float:
    """How alike two role titles are, from 0 to 1, ignoring case, punctuation and word order.

    >>> role_similarity("Senior Data Engineer", "data engineer (senior)") == 1.0
    True
    """
    wa = sorted(w for w in re.split(r"[^a-z0-9]+", a.lower()) if w)
    wb = sorted(w for w in re.split(r"[^a-z0-9]+", b.lower()) if w)
    if not wa or not wb:
        return 0.0
    if wa == wb:
        return 1.0
    overlap = len(set(wa) & set(wb)) / len(set(wa) | set(wb))
    ratio = difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio()
    return round(max(overlap, ratio), 3)


def _same_company(app: Known, key: str, sender: str) -> bool:
    mine = company_key(app.company)
    if key:
        # The company the mail names decides; a sender domain never overrides it.
        return mine == key or (len(key) >= 4 and (mine.startswith(key + " ") or key.startswith(mine + " ")))
    if sender and (sender in app.domains or (domain_key(sender) and domain_key(sender) == mine.replace(" ", ""))):
        return True
    return bool(sender and domain_key(sender) == mine)


# Mail dated more than this before an application was sent cannot be about it (time zones, typed dates).
SLACK = timedelta(days=2)


def match(
    known: Sequence[Known],
    *,
    company: str | None,
    role: str | None,
    sender_domain: str = "",
    thread_key: str | None = None,
    on: date | None = None,
) -> Match:
    """The application a message is about, how sure that is, and why.

    Shared senders (a tracking system, a job board, free mail) must be left out
    of ``sender_domain`` by the caller. Mail dated ``on`` is never matched to an
    application sent after it without asking::

        >>> old = match([Known("a1", "Acme", "Analyst", True, applied_on=date(2026, 10, 10))],
        ...             company="Acme", role=None, on=date(2026, 10, 5))
        >>> old.confidence, old.reason
        (0.6, 'your only open application at Acme, though it was sent after this mail')
    """
    if on is not None:
        # An application tracked as sent after the mail is a doubtful home for it: prefer one from before,
        # and otherwise ask (people often start tracking after they applied).
        earlier = [a for a in known if a.applied_on is None or a.applied_on <= on + SLACK]
        if len(earlier) < len(known):
            first = match(earlier, company=company, role=role, sender_domain=sender_domain, thread_key=thread_key)
            if first.key is not None:
                return first
            second = match(known, company=company, role=role, sender_domain=sender_domain, thread_key=thread_key)
            if second.key is None:
                return first
            return Match(
                second.key, min(second.confidence, 0.6), f"{second.reason}, though it was sent after this mail"
            )
    by_key = {app.key: app for app in known}
    if thread_key and thread_key in by_key:
        app = by_key[thread_key]
        return Match(app.key, 0.99, f"a reply in the thread of {app.role} at {app.company}")
    key = company_key(company) if company else ""
    sender = sender_domain.lower()
    same = [app for app in known if _same_company(app, key, sender)]
    if not same:
        named = company or "this company"
        return Match(None, 0.9 if company else 0.0, f"no application at {named} yet")
    open_ones = [app for app in same if app.open] or same
    pool = open_ones
    if role:
        scored = sorted(((role_similarity(role, app.role), app) for app in same), key=lambda s: -s[0])
        best, app = scored[0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if best >= 0.85 and best - runner_up >= 0.1:
            return Match(app.key, 0.95 if app.open else 0.85, f"your application for {app.role} at {app.company}")
        if best >= 0.6 and best - runner_up >= 0.1:
            return Match(
                app.key, 0.75, f"probably your application for {app.role} at {app.company}; the mail names another role"
            )
        if len(open_ones) == 1 and best < 0.6:
            only = open_ones[0]
            return Match(only.key, 0.6, f"your only open application at {only.company}, though it was for {only.role}")
        if best < 0.6:
            return Match(None, 0.7, f"a role at {same[0].company} you don't track yet")
    if len(pool) == 1:
        app = pool[0]
        sure = 0.9 if app.open else 0.6
        return Match(app.key, sure, f"your {'only open ' if app.open else ''}application at {app.company}")
    app = pool[0]
    return Match(app.key, 0.5, f"one of {len(pool)} applications at {app.company}: which one?")

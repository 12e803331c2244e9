"""Feedback themes: what a piece of interview feedback is about, with the words that say so.

The taxonomy is data (``data/themes.toml``). Detection works clause by clause:
a pattern counts unless its clause negates it ("it wasn't a lack of skills")
or praises it ("your communication was excellent"). Each hit keeps the quote
that triggered it, and themes outside the candidate's control are marked::

    >>> [(h.theme, h.outside_control) for h in detect("It was not a lack of skills, but an internal candidate.").hits]
    [('internal_candidate', True)]
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any


class ThemeError(ValueError):
    """A themes file onward cannot use."""


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    practice: str
    outside_control: bool
    patterns: tuple[re.Pattern[str], ...]
    suppresses: tuple[str, ...] = ()  # themes this one makes redundant: an internal hire "fills" the role
    cues: tuple[re.Pattern[str], ...] = ()  # weaker words: they count beside a concern


@dataclass(frozen=True)
class Hit:
    theme: str
    label: str
    quote: str
    outside_control: bool

    def as_dict(self) -> dict[str, Any]:
        return {"theme": self.theme, "label": self.label, "quote": self.quote, "outside_control": self.outside_control}


@dataclass(frozen=True)
class Detection:
    hits: tuple[Hit, ...]
    english: bool  # False: no themes were looked for; the text doesn't read as English

    @property
    def themes(self) -> list[str]:
        return [h.theme for h in self.hits]

    @property
    def all_outside_control(self) -> bool:
        return bool(self.hits) and all(h.outside_control for h in self.hits)


def parse_themes(text: str, source: str = "themes.toml") -> tuple[Theme, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ThemeError(f"{source}: not valid TOML ({exc}).") from None
    themes = []
    for index, raw in enumerate(data.get("themes", []), start=1):
        where = f"{source} theme {raw.get('id') or index}"
        try:
            patterns = tuple(_compile(p) for p in raw["patterns"])
            cues = tuple(_compile(p) for p in raw.get("cues", ()))
            themes.append(
                Theme(
                    id=str(raw["id"]),
                    label=str(raw["label"]),
                    practice=str(raw["practice"]),
                    outside_control=bool(raw.get("outside_control", False)),
                    patterns=patterns,
                    suppresses=tuple(str(t) for t in raw.get("suppresses", ())),
                    cues=cues,
                )
            )
        except KeyError as exc:
            raise ThemeError(f"{where}: {exc.args[0]} is missing.") from None
        except re.error as exc:
            raise ThemeError(f"{where}: a pattern is not a valid regular expression ({exc}).") from None
    if not themes:
        raise ThemeError(f"{source}: no [[themes]].")
    return tuple(themes)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE)


@functools.cache
def taxonomy() -> tuple[Theme, ...]:
    """The shipped themes."""
    text = resources.files("onward.domain").joinpath("data/themes.toml").read_text(encoding="utf-8")
    return parse_themes(text, "onward's themes.toml")


def theme_by_id() -> dict[str, Theme]:
    return {t.id: t for t in taxonomy()}


# A clause ends at punctuation or where the sentence turns ("…, but …").
_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
_CLAUSE_BREAK = re.compile(
    r",\s*|:\s+|\s+(?:but|however|although|though|whereas|while|yet|and yet)\s+|\s+[—–-]\s+", re.I
)
# What dismisses a theme in its clause: "it wasn't a lack of skills", "nothing to do with your
# experience". A plain "not" does not: in feedback it usually states the concern ("we didn't
# feel there was enough experience").
_DISMISSED = re.compile(
    r"(?:\bnot|n't|n’t|\bnever)\s+(?:(?:really|just|simply|at all|necessarily|only|purely|entirely|so much)\s+)?"
    r"(?:a|an|about|because|due|down to|related to|the reason|the issue|the problem|your|for lack|for want)\b"
    r"|\bnothing to do with\b|\bno (?:concerns?|issues?|doubts?|questions?|problems?) (?:about|with|over|around)\b"
    r"|\bno reflection on\b|\bnot a question of\b|\brather than\b|\binstead of\b",
    re.IGNORECASE,
)
_PRAISE = re.compile(
    r"\b(?:great|excellent|strong|impressive|impressed|loved|liked|enjoyed|fantastic|outstanding|good|solid"
    r"|brilliant|clear|superb|wonderful|positive|really came through|stood out|shone|appreciated|thank you|thanks"
    r"|prepared well|well[- ]prepared|well done)\b",
    re.IGNORECASE,
)
_CONCERN = re.compile(
    r"\b(?:more|less|lack|lacking|limited|gap|gaps|needed|need|wanted|would have|could have|should have|"
    r"sometimes|at times|try|seemed|felt|doubt|convinced|sure|bit|quite|far|below|above|"
    r"improve|stronger|weak|weaker|concern|concerns|missing|not enough|too|however|but|unfortunately|unclear|hard"
    r"|difficult)\b|n't\b|n’t\b|['’]d (?:have )?lik|would (?:have )?lik|\bd have\b",
    re.IGNORECASE,
)
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "for",
        "with",
        "we",
        "you",
        "your",
        "our",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "have",
        "has",
        "had",
        "not",
        "this",
        "that",
        "it",
        "as",
        "at",
        "by",
        "from",
        "they",
        "their",
        "i",
        "me",
        "my",
        "us",
        "would",
        "could",
        "should",
        "will",
        "than",
        "more",
        "so",
        "if",
        "about",
        "into",
        "what",
        "which",
        "who",
        "there",
        "very",
        "just",
        "also",
        "only",
        "can",
        "did",
        "do",
        "does",
        "its",
        "it's",
        "we're",
        "you're",
        "we've",
    ]
)
# Small words of the other languages feedback most often arrives in here.
_OTHER = frozenset(
    [
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "et",
        "est",
        "nous",
        "vous",
        "avec",
        "pour",
        "pas",
        "que",
        "qui",
        "dans",
        "sur",
        "votre",
        "notre",
        "der",
        "die",
        "das",
        "und",
        "ist",
        "wir",
        "sie",
        "mit",
        "für",
        "nicht",
        "ein",
        "eine",
        "ihr",
        "ihre",
        "unser",
        "el",
        "los",
        "las",
        "y",
        "es",
        "con",
        "por",
        "para",
        "su",
        "sus",
        "nuestro",
        "hemos",
        "usted",
        "una",
        "il",
        "di",
        "che",
        "non",
        "per",
        "con",
        "sono",
        "gli",
        "della",
        "o",
        "os",
        "as",
        "não",
        "com",
        "uma",
        "seu",
        "sua",
        "de",
        "het",
        "een",
        "en",
        "niet",
        "wij",
        "jij",
        "zijn",
        "voor",
    ]
)


def is_english(text: str) -> bool:
    """Whether ``text`` reads as English, by its small words against other languages'.

    >>> is_english("We went with a candidate with more experience."), is_english("Nous avons retenu un autre profil.")
    (True, False)
    """
    words = re.findall(r"[^\W\d_]+(?:'[a-z]+)?", text.lower())
    if not words:
        return False
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _OTHER and w not in _ENGLISH for w in words)
    if english or other:
        return english >= other
    return all(w.isascii() for w in words)


def detect(text: str, themes: tuple[Theme, ...] | None = None) -> Detection:
    """The themes in a piece of feedback, each once, in the order they first appear."""
    themes = themes or taxonomy()
    if not text.strip() or not is_english(text):
        return Detection((), english=bool(text.strip()) and False)
    found: dict[str, Hit] = {}
    positions: dict[str, int] = {}
    offset = 0
    for sentence in _SENTENCES.split(text.strip()):
        for clause in _clauses(sentence):
            for theme in themes:
                if theme.id in found:
                    continue
                match = _first_counting_match(theme, clause)
                if match is not None:
                    found[theme.id] = Hit(theme.id, theme.label, _quote(sentence), theme.outside_control)
                    positions[theme.id] = offset + match
        offset += len(sentence) + 1
    by_id = {t.id: t for t in themes}
    for theme_id in list(found):
        for redundant in by_id[theme_id].suppresses:
            found.pop(redundant, None)
    ordered = sorted(found.values(), key=lambda h: positions[h.theme])
    return Detection(tuple(ordered), english=True)


def _clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE_BREAK.split(sentence) if c and c.strip()]


def _first_counting_match(theme: Theme, clause: str) -> int | None:
    concern = bool(_CONCERN.search(clause))
    praised = bool(_PRAISE.search(clause)) and not concern
    for patterns, needs_concern in ((theme.patterns, False), (theme.cues, not theme.outside_control)):
        if needs_concern and not concern:
            continue
        for pattern in patterns:
            for match in pattern.finditer(clause):
                if _DISMISSED.search(clause[: match.start()][-60:]):
                    continue  # "it wasn't a lack of experience", "nothing to do with your skills"
                if praised and not theme.outside_control:
                    continue  # "your communication was excellent" is not something to work on
                return match.start()
    return None


def _quote(sentence: str, limit: int = 240) -> str:
    sentence = re.sub(r"\s+", " ", sentence).strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0]
    return cut + "…"

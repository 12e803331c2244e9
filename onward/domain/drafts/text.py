"""Small text helpers for drafts: counting as the platforms count, names, notes.

All pure and quick; the composer and the lint share them.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_TITLES = {"dr", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame"}


def platform_length(text: str) -> int:
    """Characters as LinkedIn (and a browser's text box) count them: UTF-16 code units, a line break is one.

    >>> platform_length("Hi Ana 👋")
    9
    >>> platform_length("a\\r\\nb")
    3
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return len(text.encode("utf-16-le")) // 2


def word_count(text: str) -> int:
    """
    >>> word_count("Thanks again, Maya — it's been great.")
    6
    """
    return len(_WORD.findall(text))


def first_name(name: str) -> str:
    """The name to greet someone by: their first name, titles left out.

    >>> first_name("Dr. Maya Chen"), first_name("priya"), first_name("ops@example.com")
    ('Maya', 'priya', '')
    """
    if "@" in name:
        return ""
    parts = [p for p in re.split(r"\s+", name.strip()) if p]
    while len(parts) > 1 and parts[0].rstrip(".").lower() in _TITLES:
        parts.pop(0)
    return parts[0].strip(",") if parts else ""


def plain_role(role: str) -> str:
    """A role as it reads in "the … role": no trailing "role" or "position".

    >>> plain_role("Data Analyst position"), plain_role("  Designer ")
    ('Data Analyst', 'Designer')
    """
    role = re.sub(r"\s+", " ", role).strip()
    return re.sub(r"\s+(role|position)$", "", role, flags=re.IGNORECASE) or role


def content_words(text: str) -> set[str]:
    """The words that make a text specific: four letters or more, common words left out.

    >>> sorted(content_words("We talked about the search index and on-call"))
    ['index', 'on-call', 'search', 'talked']
    """
    return {w.lower() for w in _WORD.findall(text) if len(w) >= 4 and w.lower() not in STOPWORDS}


def mentions(text: str, phrase: str, *, case_sensitive: bool = False) -> bool:
    """Whether ``phrase`` appears in ``text`` as whole words.

    >>> mentions("I loved Meta's office", "Meta"), mentions("metadata work", "Meta")
    (True, False)
    """
    phrase = phrase.strip()
    if not phrase:
        return False
    pattern = r"(?<![\w])" + re.escape(phrase) + r"(?![\w])"
    return re.search(pattern, text, 0 if case_sensitive else re.IGNORECASE) is not None


STOPWORDS = frozenset(
    [
        "about",
        "above",
        "after",
        "again",
        "also",
        "always",
        "among",
        "another",
        "anything",
        "around",
        "because",
        "been",
        "before",
        "being",
        "below",
        "best",
        "between",
        "both",
        "came",
        "come",
        "could",
        "dear",
        "does",
        "doing",
        "done",
        "down",
        "during",
        "each",
        "even",
        "ever",
        "every",
        "from",
        "further",
        "glad",
        "good",
        "great",
        "have",
        "having",
        "hello",
        "here",
        "hers",
        "herself",
        "himself",
        "hope",
        "hoping",
        "how",
        "into",
        "itself",
        "just",
        "keep",
        "know",
        "like",
        "look",
        "made",
        "make",
        "many",
        "maybe",
        "might",
        "mind",
        "more",
        "most",
        "much",
        "must",
        "myself",
        "never",
        "next",
        "once",
        "only",
        "other",
        "ours",
        "over",
        "please",
        "really",
        "role",
        "same",
        "should",
        "since",
        "some",
        "still",
        "such",
        "sure",
        "take",
        "than",
        "thank",
        "thanks",
        "that",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "thing",
        "things",
        "think",
        "this",
        "those",
        "though",
        "through",
        "time",
        "today",
        "together",
        "under",
        "until",
        "very",
        "wanted",
        "want",
        "warm",
        "well",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "will",
        "wish",
        "wishes",
        "with",
        "within",
        "without",
        "work",
        "would",
        "your",
        "yours",
        "yourself",
        "team",
        "company",
        "again",
        "interview",
        "interviews",
        "conversation",
        "regards",
        "kind",
        "sincerely",
        "cheers",
        "best",
        "all",
    ]
)

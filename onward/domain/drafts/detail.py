"""Choosing one concrete detail from interview notes for a message.

People write notes in every shape: lists of topics, bullets, full sentences,
pasted paragraphs. A message needs a short phrase that reads naturally after
"talking about …". :func:`choose_detail` takes the first such phrase, trimmed at
a sentence or clause boundary, and passes over what would not fit
(a sentence about "they" would read wrongly when sent to that person).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_DETAIL = 90
# Notes that start like a sentence ("They asked…", "I was…") don't read after "talking about".
_SENTENCE_STARTS = frozenset(
    [
        "i",
        "i'm",
        "i’m",
        "we",
        "they",
        "he",
        "she",
        "you",
        "it",
        "there",
        "was",
        "were",
        "is",
        "are",
        "did",
        "do",
        "does",
        "had",
        "has",
        "have",
        "felt",
        "seemed",
        "asked",
        "said",
        "told",
        "not",
        "no",
        "yes",
    ]
)
# First words that are safe to write in lower case mid-sentence.
_LOWER_OK = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "our",
        "your",
        "their",
        "his",
        "her",
        "its",
        "how",
        "what",
        "why",
        "when",
        "where",
        "which",
        "who",
        "whether",
        "this",
        "that",
        "these",
        "those",
        "some",
        "any",
        "each",
        "every",
        "more",
        "less",
    ]
)
_ITEM_SPLIT = re.compile(r"\n+|;\s*|•\s*|(?<=[.!?])\s+")
_BULLET = re.compile(r"^\s*(?:[-*–—>]+|\d+[.)])\s*")


def choose_detail(fields: Iterable[str], *, split_commas: Iterable[bool] | None = None) -> str:
    """The first usable phrase from the note fields, in the order given; "" when none fits.

    >>> choose_detail(["Scaling the search index, on-call rotation"], split_commas=[True])
    'scaling the search index'
    >>> choose_detail(["They asked a lot about testing.", "My Kubernetes migration story"])
    'my Kubernetes migration story'
    """
    fields = list(fields)
    commas = list(split_commas) if split_commas is not None else [False] * len(fields)
    for text, by_comma in zip(fields, commas + [False] * (len(fields) - len(commas)), strict=False):
        for item in _items(text, by_comma):
            phrase = _usable(item)
            if phrase:
                return phrase
    return ""


def _items(text: str, by_comma: bool) -> list[str]:
    items = [_BULLET.sub("", part) for part in _ITEM_SPLIT.split(text or "")]
    if by_comma:
        items = [piece for item in items for piece in item.split(",")]
    return [item for item in items if item.strip()]


def _usable(item: str) -> str:
    phrase = re.sub(r"\s+", " ", item).strip().strip("\"'“”‘’").strip()
    phrase = phrase.rstrip(".!?:;,").strip()
    if len(phrase) > MAX_DETAIL:
        phrase = _clause(phrase)
    words = phrase.split()
    if len(words) < 1 or len(phrase) < 3 or not re.search(r"[A-Za-z]", phrase):
        return ""
    if words[0].lower().strip(",") in _SENTENCE_STARTS:
        return ""
    return _lower_first(phrase)


def _clause(phrase: str) -> str:
    """The first clause of a long phrase, when it is short enough to stand alone."""
    for mark in (" — ", " – ", " - ", ", ", " ("):
        head = phrase.split(mark, 1)[0].strip()
        if len(head.split()) >= 2 and len(head) <= MAX_DETAIL:
            return head
    return ""


def _lower_first(phrase: str) -> str:
    """Lower-case the first letter of common words only: "Scaling" → "scaling", never "Kubernetes".

    >>> _lower_first("Scaling reads"), _lower_first("Kubernetes"), _lower_first("API design")
    ('scaling reads', 'Kubernetes', 'API design')
    """
    first = phrase.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower() and (first.lower() in _LOWER_OK or first.lower().endswith("ing")):
        return phrase[0].lower() + phrase[1:]
    return phrase

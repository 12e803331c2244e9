"""The stages an application moves through, and how people write them.

>>> parse_stage("Final round").value
'final_round'
>>> guess_stage("Ghosted")
Guess(stage=<Stage.NO_RESPONSE: 'no_response'>, exact=True)
"""

from __future__ import annotations

import difflib
import re
from enum import StrEnum
from typing import NamedTuple


class Stage(StrEnum):
    WISHLIST = "wishlist"
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    FINAL_ROUND = "final_round"
    OFFER = "offer"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no_response"

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def ended(self) -> bool:
        return self in ENDED


LABELS: dict[Stage, str] = {
    Stage.WISHLIST: "Wishlist",
    Stage.APPLIED: "Applied",
    Stage.SCREENING: "Screening",
    Stage.INTERVIEWING: "Interviewing",
    Stage.FINAL_ROUND: "Final round",
    Stage.OFFER: "Offer",
    Stage.ACCEPTED: "Accepted",
    Stage.REJECTED: "Closed — next steps",
    Stage.WITHDRAWN: "Withdrawn",
    Stage.NO_RESPONSE: "No response",
}

OPEN: tuple[Stage, ...] = (
    Stage.WISHLIST,
    Stage.APPLIED,
    Stage.SCREENING,
    Stage.INTERVIEWING,
    Stage.FINAL_ROUND,
    Stage.OFFER,
)
ENDED: tuple[Stage, ...] = (Stage.ACCEPTED, Stage.REJECTED, Stage.WITHDRAWN, Stage.NO_RESPONSE)

# How far a process went, for the "stage reached" of a rejection.
PROGRESS: dict[Stage, int] = {
    Stage.WISHLIST: 0,
    Stage.APPLIED: 1,
    Stage.SCREENING: 2,
    Stage.INTERVIEWING: 3,
    Stage.FINAL_ROUND: 4,
    Stage.OFFER: 5,
    Stage.ACCEPTED: 6,
}

# Words people use in their spreadsheets, and the stage each one means.
STAGE_WORDS: dict[str, Stage] = {
    "wishlist": Stage.WISHLIST,
    "wish list": Stage.WISHLIST,
    "saved": Stage.WISHLIST,
    "bookmarked": Stage.WISHLIST,
    "interested": Stage.WISHLIST,
    "to apply": Stage.WISHLIST,
    "not applied": Stage.WISHLIST,
    "draft": Stage.WISHLIST,
    "applied": Stage.APPLIED,
    "application sent": Stage.APPLIED,
    "submitted": Stage.APPLIED,
    "sent": Stage.APPLIED,
    "pending": Stage.APPLIED,
    "in review": Stage.APPLIED,
    "under review": Stage.APPLIED,
    "waiting": Stage.APPLIED,
    "screen": Stage.SCREENING,
    "screening": Stage.SCREENING,
    "phone screen": Stage.SCREENING,
    "recruiter call": Stage.SCREENING,
    "recruiter screen": Stage.SCREENING,
    "hr call": Stage.SCREENING,
    "hr screen": Stage.SCREENING,
    "interview": Stage.INTERVIEWING,
    "interviewing": Stage.INTERVIEWING,
    "interview scheduled": Stage.INTERVIEWING,
    "technical interview": Stage.INTERVIEWING,
    "onsite": Stage.INTERVIEWING,
    "on site": Stage.INTERVIEWING,
    "take home": Stage.INTERVIEWING,
    "assessment": Stage.INTERVIEWING,
    "in progress": Stage.INTERVIEWING,
    "final": Stage.FINAL_ROUND,
    "final round": Stage.FINAL_ROUND,
    "final interview": Stage.FINAL_ROUND,
    "finals": Stage.FINAL_ROUND,
    "offer": Stage.OFFER,
    "offered": Stage.OFFER,
    "offer received": Stage.OFFER,
    "accepted": Stage.ACCEPTED,
    "hired": Stage.ACCEPTED,
    "signed": Stage.ACCEPTED,
    "offer accepted": Stage.ACCEPTED,
    "rejected": Stage.REJECTED,
    "rejection": Stage.REJECTED,
    "not selected": Stage.REJECTED,
    "unsuccessful": Stage.REJECTED,
    "turned down": Stage.REJECTED,
    "declined": Stage.REJECTED,
    "no": Stage.REJECTED,
    "closed next steps": Stage.REJECTED,
    "withdrawn": Stage.WITHDRAWN,
    "withdrew": Stage.WITHDRAWN,
    "cancelled": Stage.WITHDRAWN,
    "canceled": Stage.WITHDRAWN,
    "offer declined": Stage.WITHDRAWN,
    "no response": Stage.NO_RESPONSE,
    "no reply": Stage.NO_RESPONSE,
    "no answer": Stage.NO_RESPONSE,
    "ghosted": Stage.NO_RESPONSE,
    "silence": Stage.NO_RESPONSE,
    "no news": Stage.NO_RESPONSE,
}


class UnknownStage(ValueError):
    pass


class Guess(NamedTuple):
    stage: Stage
    exact: bool


def _words(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def parse_stage(text: str) -> Stage:
    """A stage from its value, its label or a common synonym; UnknownStage otherwise.

    >>> parse_stage("no-response")
    <Stage.NO_RESPONSE: 'no_response'>
    """
    words = _words(text)
    for stage in Stage:
        if words in (_words(stage.value), _words(stage.label)):
            return stage
    if words in STAGE_WORDS:
        return STAGE_WORDS[words]
    choices = ", ".join(stage.value for stage in Stage)
    raise UnknownStage(f"unknown stage {text!r}; use one of: {choices}")


def guess_stage(text: str) -> Guess | None:
    """The closest stage for a word from someone's spreadsheet, or None for nothing close.

    ``exact`` is False when the word had to be interpreted, so an import can say
    what it did with it.
    """
    try:
        return Guess(parse_stage(text), True)
    except UnknownStage:
        pass
    words = _words(text)
    if not words:
        return None
    # A known phrase inside a longer one: "Rejected after onsite" -> rejected.
    # Outcomes are checked before progress words, and longer phrases first.
    ordered = sorted(STAGE_WORDS.items(), key=lambda kv: (kv[1] not in ENDED, -len(kv[0])))
    for phrase, stage in ordered:
        if len(phrase) > 2 and re.search(rf"\b{re.escape(phrase)}\b", words):
            return Guess(stage, False)
    close = difflib.get_close_matches(words, list(STAGE_WORDS), n=1, cutoff=0.75)
    if close:
        return Guess(STAGE_WORDS[close[0]], False)
    return None
